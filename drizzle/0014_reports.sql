CREATE TABLE "message_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"link_id" uuid,
	"user_agent" text,
	"likely_bot" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_rollups" (
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"step_position" integer NOT NULL,
	"variant_index" integer NOT NULL,
	"day" date NOT NULL,
	"attempted" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"bounced" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"clicked" integer DEFAULT 0 NOT NULL,
	"meetings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_rollups_pk" PRIMARY KEY("workspace_id","campaign_id","day","mailbox_id","step_position","variant_index")
);
--> statement-breakpoint
ALTER TABLE "report_rollups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tracked_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"token" text NOT NULL,
	"url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tracked_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "track_opens" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "track_clicks" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "tracking_token" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "clicked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_link_id_tracked_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."tracked_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rollups" ADD CONSTRAINT "report_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_events_message_idx" ON "message_events" USING btree ("message_id","at");--> statement-breakpoint
CREATE INDEX "report_rollups_workspace_day_idx" ON "report_rollups" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "tracked_links_token_idx" ON "tracked_links" USING btree ("token");--> statement-breakpoint
CREATE INDEX "tracked_links_message_idx" ON "tracked_links" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "messages_prospect_sent_idx" ON "messages" USING btree ("workspace_id","prospect_id","sent_at") WHERE direction = 'outbound' and state = 'sent';--> statement-breakpoint
CREATE UNIQUE INDEX "messages_tracking_token_idx" ON "messages" USING btree ("tracking_token") WHERE tracking_token is not null;--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "message_events" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "report_rollups" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "tracked_links" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: report rollups kept on write (issue 10), built like the counters of 0009: statement-level
-- triggers with transition tables, old rows signed -1 and new rows +1, one aggregated upsert per
-- statement. Keys are NOT NULL (the nil uuid stands for "no campaign / no mailbox", -1 for "no step").
-- Each "parts" function turns changed rows (SQL selecting sign + the table's columns) into signed
-- report parts with the instant they count at; the upsert turns instants into days of the
-- workspace's time zone.
CREATE OR REPLACE FUNCTION sales_machine_report_upsert(parts text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH parts AS (%s), delta AS (
      SELECT p.workspace_id, p.campaign_id, p.mailbox_id, p.step_position, p.variant_index, (p.at AT TIME ZONE w.timezone)::date AS day,
             sum(p.attempted) AS attempted, sum(p.sent) AS sent, sum(p.bounced) AS bounced, sum(p.replied) AS replied,
             sum(p.positive) AS positive, sum(p.unsubscribed) AS unsubscribed, sum(p.opened) AS opened, sum(p.clicked) AS clicked,
             sum(p.meetings) AS meetings
      FROM parts p JOIN workspaces w ON w.id = p.workspace_id WHERE p.at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
    )
    INSERT INTO report_rollups AS t (workspace_id, campaign_id, mailbox_id, step_position, variant_index, day,
      attempted, sent, bounced, replied, positive, unsubscribed, opened, clicked, meetings)
    SELECT d.workspace_id, d.campaign_id, d.mailbox_id, d.step_position, d.variant_index, d.day,
      d.attempted, d.sent, d.bounced, d.replied, d.positive, d.unsubscribed, d.opened, d.clicked, d.meetings
    FROM delta d
    WHERE d.attempted <> 0 OR d.sent <> 0 OR d.bounced <> 0 OR d.replied <> 0 OR d.positive <> 0
       OR d.unsubscribed <> 0 OR d.opened <> 0 OR d.clicked <> 0 OR d.meetings <> 0
    ON CONFLICT (workspace_id, campaign_id, day, mailbox_id, step_position, variant_index) DO UPDATE SET
      attempted = t.attempted + excluded.attempted, sent = t.sent + excluded.sent, bounced = t.bounced + excluded.bounced,
      replied = t.replied + excluded.replied, positive = t.positive + excluded.positive,
      unsubscribed = t.unsubscribed + excluded.unsubscribed, opened = t.opened + excluded.opened,
      clicked = t.clicked + excluded.clicked, meetings = t.meetings + excluded.meetings
  $q$, parts)
$$;
--> statement-breakpoint
-- Messages: outbound rows count in their own key (attempted / sent / bounced at sent_at, opened and
-- clicked at their first time); a reply counts for the last message sent to that person before it
-- (messages_prospect_idx), looked up in `outbound_source` (on DELETE it includes the rows going).
CREATE OR REPLACE FUNCTION sales_machine_report_message_parts(changes text, outbound_source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH changes AS (%1$s), outbound AS (
      SELECT sign, workspace_id, coalesce(campaign_id, '00000000-0000-0000-0000-000000000000') AS campaign_id,
             coalesce(mailbox_id, '00000000-0000-0000-0000-000000000000') AS mailbox_id,
             coalesce(step_position, -1) AS step_position, coalesce(variant_index, 0) AS variant_index,
             state, is_bounce, sent_at, opened_at, clicked_at
      FROM changes WHERE direction = 'outbound'
    )
    SELECT workspace_id, campaign_id, mailbox_id, step_position, variant_index, sent_at AS at,
           sign * (state = 'sent' OR (state = 'failed' AND is_bounce))::int AS attempted, sign * (state = 'sent')::int AS sent,
           sign * is_bounce::int AS bounced, 0 AS replied, 0 AS positive, 0 AS unsubscribed, 0 AS opened, 0 AS clicked, 0 AS meetings
      FROM outbound WHERE sent_at IS NOT NULL
    UNION ALL
    SELECT workspace_id, campaign_id, mailbox_id, step_position, variant_index, opened_at, 0, 0, 0, 0, 0, 0, sign, 0, 0
      FROM outbound WHERE opened_at IS NOT NULL
    UNION ALL
    SELECT workspace_id, campaign_id, mailbox_id, step_position, variant_index, clicked_at, 0, 0, 0, 0, 0, 0, 0, sign, 0
      FROM outbound WHERE clicked_at IS NOT NULL
    UNION ALL
    SELECT c.workspace_id, coalesce(c.campaign_id, o.campaign_id, '00000000-0000-0000-0000-000000000000'),
           coalesce(o.mailbox_id, c.mailbox_id, '00000000-0000-0000-0000-000000000000'), coalesce(o.step_position, -1), coalesce(o.variant_index, 0),
           c.received_at, 0, 0, 0, c.sign, 0, 0, 0, 0, 0
      FROM changes c
      LEFT JOIN LATERAL (
        SELECT s.campaign_id, s.mailbox_id, s.step_position, s.variant_index FROM (%2$s) AS s
        WHERE s.workspace_id = c.workspace_id AND s.prospect_id = c.prospect_id AND s.direction = 'outbound' AND s.state = 'sent'
          AND s.sent_at <= c.received_at AND (c.campaign_id IS NULL OR s.campaign_id = c.campaign_id)
        ORDER BY s.sent_at DESC LIMIT 1
      ) o ON true
      WHERE c.direction = 'inbound' AND c.received_at IS NOT NULL AND NOT c.is_bounce AND NOT c.is_auto_reply
  $q$, changes, outbound_source)
$$;
--> statement-breakpoint
-- A positive decision counts for the step its reply answers (the same look-up as the reply's).
CREATE OR REPLACE FUNCTION sales_machine_report_decision_parts(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH changes AS (%s)
    SELECT m.workspace_id, coalesce(m.campaign_id, o.campaign_id, '00000000-0000-0000-0000-000000000000') AS campaign_id,
           coalesce(o.mailbox_id, m.mailbox_id, '00000000-0000-0000-0000-000000000000') AS mailbox_id,
           coalesce(o.step_position, -1) AS step_position, coalesce(o.variant_index, 0) AS variant_index, ch.created_at AS at,
           0 AS attempted, 0 AS sent, 0 AS bounced, 0 AS replied, ch.sign AS positive, 0 AS unsubscribed, 0 AS opened, 0 AS clicked, 0 AS meetings
    FROM changes ch JOIN messages m ON m.id = ch.message_id
    LEFT JOIN LATERAL (
      SELECT s.campaign_id, s.mailbox_id, s.step_position, s.variant_index FROM messages s
      WHERE s.workspace_id = m.workspace_id AND s.prospect_id = m.prospect_id AND s.direction = 'outbound' AND s.state = 'sent'
        AND s.sent_at <= coalesce(m.received_at, m.created_at) AND (m.campaign_id IS NULL OR s.campaign_id = m.campaign_id)
      ORDER BY s.sent_at DESC LIMIT 1
    ) o ON true
    WHERE ch.intent IN ('interested', 'meeting_request')
  $q$, changes)
$$;
--> statement-breakpoint
-- An unsubscribe counts for the last step its enrolment sent (messages_enrollment_step_idx).
CREATE OR REPLACE FUNCTION sales_machine_report_enrollment_parts(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH changes AS (%s)
    SELECT ch.workspace_id, ch.campaign_id, coalesce(o.mailbox_id, '00000000-0000-0000-0000-000000000000') AS mailbox_id,
           coalesce(o.step_position, -1) AS step_position, coalesce(o.variant_index, 0) AS variant_index, ch.updated_at AS at,
           0 AS attempted, 0 AS sent, 0 AS bounced, 0 AS replied, 0 AS positive, ch.sign AS unsubscribed, 0 AS opened, 0 AS clicked, 0 AS meetings
    FROM changes ch
    LEFT JOIN LATERAL (
      SELECT s.mailbox_id, s.step_position, s.variant_index FROM messages s
      WHERE s.enrollment_id = ch.id AND s.direction = 'outbound' AND s.state = 'sent'
      ORDER BY s.step_position DESC LIMIT 1
    ) o ON true
    WHERE ch.stopped_reason = 'unsubscribed'
  $q$, changes)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_meeting_parts(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH changes AS (%s)
    SELECT workspace_id, coalesce(campaign_id, '00000000-0000-0000-0000-000000000000') AS campaign_id,
           '00000000-0000-0000-0000-000000000000'::uuid AS mailbox_id, -1 AS step_position, 0 AS variant_index, created_at AS at,
           0 AS attempted, 0 AS sent, 0 AS bounced, 0 AS replied, 0 AS positive, 0 AS unsubscribed, 0 AS opened, 0 AS clicked, sign AS meetings
    FROM changes WHERE status <> 'cancelled'
  $q$, changes)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE sales_machine_report_upsert(sales_machine_report_message_parts(
    sales_machine_changes(TG_OP),
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM messages UNION ALL SELECT * FROM old_rows' ELSE 'SELECT * FROM messages' END));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_decisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE sales_machine_report_upsert(sales_machine_report_decision_parts(sales_machine_changes(TG_OP)));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Only enrolments whose stop reason changed (an unsubscribe), not every update of the row.
CREATE OR REPLACE FUNCTION sales_machine_report_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE sales_machine_report_upsert(sales_machine_report_enrollment_parts(CASE TG_OP
    WHEN 'UPDATE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.stopped_reason IS DISTINCT FROM n.stopped_reason
                        UNION ALL SELECT 1 AS sign, n.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.stopped_reason IS DISTINCT FROM n.stopped_reason'
    ELSE sales_machine_changes(TG_OP) END));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_meetings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE sales_machine_report_upsert(sales_machine_report_meeting_parts(sales_machine_changes(TG_OP)));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A workspace's rows from its source rows: after this migration, and when its time zone changes
-- (days move), O(its messages) once.
CREATE OR REPLACE FUNCTION sales_machine_report_rebuild(ws uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  own text := format(' WHERE x.workspace_id = %L', ws);
BEGIN
  DELETE FROM report_rollups WHERE workspace_id = ws;
  EXECUTE sales_machine_report_upsert(sales_machine_report_message_parts('SELECT 1 AS sign, x.* FROM messages x' || own, 'SELECT * FROM messages'));
  EXECUTE sales_machine_report_upsert(sales_machine_report_decision_parts('SELECT 1 AS sign, x.* FROM ai_decisions x' || own));
  EXECUTE sales_machine_report_upsert(sales_machine_report_enrollment_parts('SELECT 1 AS sign, x.* FROM enrollments x' || own));
  EXECUTE sales_machine_report_upsert(sales_machine_report_meeting_parts('SELECT 1 AS sign, x.* FROM meetings x' || own));
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_timezone_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sales_machine_report_rebuild(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_reports_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_messages();
--> statement-breakpoint
CREATE TRIGGER messages_reports_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_messages();
--> statement-breakpoint
CREATE TRIGGER messages_reports_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_messages();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_reports_insert AFTER INSERT ON ai_decisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_decisions();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_reports_update AFTER UPDATE ON ai_decisions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_decisions();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_reports_delete AFTER DELETE ON ai_decisions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_decisions();
--> statement-breakpoint
CREATE TRIGGER enrollments_reports_insert AFTER INSERT ON enrollments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_enrollments();
--> statement-breakpoint
CREATE TRIGGER enrollments_reports_update AFTER UPDATE ON enrollments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_enrollments();
--> statement-breakpoint
CREATE TRIGGER enrollments_reports_delete AFTER DELETE ON enrollments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_enrollments();
--> statement-breakpoint
CREATE TRIGGER meetings_reports_insert AFTER INSERT ON meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_reports_update AFTER UPDATE ON meetings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_reports_delete AFTER DELETE ON meetings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_report_meetings();
--> statement-breakpoint
CREATE TRIGGER workspaces_reports_timezone AFTER UPDATE OF timezone ON workspaces FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION sales_machine_report_timezone_moved();
--> statement-breakpoint
-- What was written before this migration, workspace by workspace.
SELECT sales_machine_report_rebuild(id) FROM workspaces;
--> statement-breakpoint
SELECT sales_machine_secure_tables();
