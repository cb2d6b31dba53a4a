CREATE TABLE "activity_rollups" (
	"workspace_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	"bounces" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"meetings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_rollups_workspace_id_bucket_pk" PRIMARY KEY("workspace_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "activity_rollups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "campaign_counters" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"prospects" integer DEFAULT 0 NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"bounced" integer DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	"meetings" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "workspace_counters" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"prospects" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspace_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activity_rollups" ADD CONSTRAINT "activity_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_counters" ADD CONSTRAINT "campaign_counters_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_counters" ADD CONSTRAINT "campaign_counters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_counters" ADD CONSTRAINT "workspace_counters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_counters_workspace_idx" ON "campaign_counters" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "enrollments_campaign_prospect_idx" ON "enrollments" USING btree ("campaign_id","prospect_id");--> statement-breakpoint
CREATE INDEX "ai_decisions_message_idx" ON "ai_decisions" USING btree ("message_id");--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "activity_rollups" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "campaign_counters" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "workspace_counters" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: counters kept on write (issue 12)
-- Statement-level triggers with transition tables: one aggregated upsert per statement, so a bulk
-- insert of 500k messages costs one pass, and a single send one small upsert. Each trigger builds
-- "changes" (old rows signed -1, new rows +1) and applies the net delta; nets of zero write nothing.
-- Upserts join the campaign / workspace so that rows being cascaded away with it are skipped.
-- The distinct "prospects" (members) counter is recounted for the campaigns a statement touched.
CREATE OR REPLACE FUNCTION sales_machine_changes(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
    ELSE 'SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1 AS sign, n.* FROM new_rows n'
  END
$$;
--> statement-breakpoint
-- The rows whose `keys` (a column list) moved: all of them on INSERT / DELETE, old and new versions on UPDATE.
CREATE OR REPLACE FUNCTION sales_machine_moved(op text, keys text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT o.* FROM old_rows o'
    ELSE format(
      'SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (%1$s) IS DISTINCT FROM (%2$s)
       UNION ALL SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (%1$s) IS DISTINCT FROM (%2$s)',
      'o.' || replace(keys, ',', ', o.'), 'n.' || replace(keys, ',', ', n.'))
  END
$$;
--> statement-breakpoint
-- The statement recounting the distinct members (enrolled or assigned) of the campaigns named by
-- `touched` (SQL selecting workspace_id, campaign_id). Returned as text for the trigger itself to
-- EXECUTE: transition tables are only visible inside the trigger function.
CREATE OR REPLACE FUNCTION sales_machine_recount_members(touched text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH touched AS (SELECT DISTINCT workspace_id, campaign_id FROM (%s) AS t WHERE campaign_id IS NOT NULL)
    INSERT INTO campaign_counters AS t (workspace_id, campaign_id, prospects)
    SELECT touched.workspace_id, touched.campaign_id,
           (SELECT count(*) FROM (
              SELECT e.prospect_id FROM enrollments e WHERE e.campaign_id = touched.campaign_id
              UNION SELECT p.id FROM prospects p WHERE p.workspace_id = touched.workspace_id AND p.campaign_id = touched.campaign_id
            ) AS members)
    FROM touched JOIN campaigns c ON c.id = touched.campaign_id
    ON CONFLICT (campaign_id) DO UPDATE SET prospects = excluded.prospects
  $q$, touched)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_count_messages() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := sales_machine_changes(TG_OP);
BEGIN
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT workspace_id, campaign_id,
             sum(sign * (direction = 'outbound' AND state = 'sent')::int) AS sent,
             sum(sign * (direction = 'inbound' AND NOT is_bounce AND NOT is_auto_reply)::int) AS replied,
             sum(sign * (direction = 'inbound' AND is_bounce)::int) AS bounced
      FROM changes WHERE campaign_id IS NOT NULL GROUP BY 1, 2
    )
    INSERT INTO campaign_counters AS t (workspace_id, campaign_id, sent, replied, bounced)
    SELECT d.workspace_id, d.campaign_id, d.sent, d.replied, d.bounced FROM delta d JOIN campaigns c ON c.id = d.campaign_id
    WHERE d.sent <> 0 OR d.replied <> 0 OR d.bounced <> 0
    ON CONFLICT (campaign_id) DO UPDATE SET sent = t.sent + excluded.sent, replied = t.replied + excluded.replied, bounced = t.bounced + excluded.bounced
  $q$, changes);
  EXECUTE format($q$
    WITH changes AS (%s), parts AS (
      SELECT workspace_id, date_bin('15 minutes', sent_at, timestamptz 'epoch') AS bucket, sign AS sent, 0 AS replies, 0 AS bounces
        FROM changes WHERE direction = 'outbound' AND state = 'sent' AND sent_at IS NOT NULL
      UNION ALL
      SELECT workspace_id, date_bin('15 minutes', received_at, timestamptz 'epoch'), 0, sign * (NOT is_bounce AND NOT is_auto_reply)::int, sign * is_bounce::int
        FROM changes WHERE direction = 'inbound' AND received_at IS NOT NULL
    ), delta AS (SELECT workspace_id, bucket, sum(sent) AS sent, sum(replies) AS replies, sum(bounces) AS bounces FROM parts GROUP BY 1, 2)
    INSERT INTO activity_rollups AS t (workspace_id, bucket, sent, replies, bounces)
    SELECT d.workspace_id, d.bucket, d.sent, d.replies, d.bounces FROM delta d JOIN workspaces w ON w.id = d.workspace_id
    WHERE d.sent <> 0 OR d.replies <> 0 OR d.bounces <> 0
    ON CONFLICT (workspace_id, bucket) DO UPDATE SET sent = t.sent + excluded.sent, replies = t.replies + excluded.replies, bounces = t.bounces + excluded.bounces
  $q$, changes);
  -- A decision's campaign is its message's: when messages go (their decisions cascade first) or
  -- change campaign, the positive count of the campaigns concerned is recounted.
  IF TG_OP <> 'INSERT' THEN
    EXECUTE format($q$
      WITH touched AS (SELECT DISTINCT campaign_id FROM (%s) AS m WHERE campaign_id IS NOT NULL)
      UPDATE campaign_counters t SET positive = (
        SELECT count(*) FROM messages m JOIN ai_decisions d ON d.message_id = m.id
        WHERE m.workspace_id = t.workspace_id AND m.campaign_id = t.campaign_id AND d.intent IN ('interested', 'meeting_request'))
      FROM touched WHERE t.campaign_id = touched.campaign_id
    $q$, sales_machine_moved(TG_OP, 'campaign_id'));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_count_decisions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := sales_machine_changes(TG_OP);
BEGIN
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT m.workspace_id, m.campaign_id, sum(ch.sign) AS positive
      FROM changes ch JOIN messages m ON m.id = ch.message_id
      WHERE ch.intent IN ('interested', 'meeting_request') AND m.campaign_id IS NOT NULL GROUP BY 1, 2
    )
    INSERT INTO campaign_counters AS t (workspace_id, campaign_id, positive)
    SELECT d.workspace_id, d.campaign_id, d.positive FROM delta d JOIN campaigns c ON c.id = d.campaign_id WHERE d.positive <> 0
    ON CONFLICT (campaign_id) DO UPDATE SET positive = t.positive + excluded.positive
  $q$, changes);
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT workspace_id, date_bin('15 minutes', created_at, timestamptz 'epoch') AS bucket, sum(sign) AS positive
      FROM changes WHERE intent IN ('interested', 'meeting_request') GROUP BY 1, 2
    )
    INSERT INTO activity_rollups AS t (workspace_id, bucket, positive)
    SELECT d.workspace_id, d.bucket, d.positive FROM delta d JOIN workspaces w ON w.id = d.workspace_id WHERE d.positive <> 0
    ON CONFLICT (workspace_id, bucket) DO UPDATE SET positive = t.positive + excluded.positive
  $q$, changes);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_count_meetings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := sales_machine_changes(TG_OP);
BEGIN
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT workspace_id, campaign_id, sum(sign) AS meetings FROM changes
      WHERE status <> 'cancelled' AND campaign_id IS NOT NULL GROUP BY 1, 2
    )
    INSERT INTO campaign_counters AS t (workspace_id, campaign_id, meetings)
    SELECT d.workspace_id, d.campaign_id, d.meetings FROM delta d JOIN campaigns c ON c.id = d.campaign_id WHERE d.meetings <> 0
    ON CONFLICT (campaign_id) DO UPDATE SET meetings = t.meetings + excluded.meetings
  $q$, changes);
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT workspace_id, date_bin('15 minutes', created_at, timestamptz 'epoch') AS bucket, sum(sign) AS meetings
      FROM changes WHERE status <> 'cancelled' GROUP BY 1, 2
    )
    INSERT INTO activity_rollups AS t (workspace_id, bucket, meetings)
    SELECT d.workspace_id, d.bucket, d.meetings FROM delta d JOIN workspaces w ON w.id = d.workspace_id WHERE d.meetings <> 0
    ON CONFLICT (workspace_id, bucket) DO UPDATE SET meetings = t.meetings + excluded.meetings
  $q$, changes);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_count_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT workspace_id, campaign_id, sum(sign) AS enrolled,
             sum(sign * (stopped_reason IS NOT DISTINCT FROM 'unsubscribed')::int) AS unsubscribed
      FROM changes GROUP BY 1, 2
    )
    INSERT INTO campaign_counters AS t (workspace_id, campaign_id, enrolled, unsubscribed)
    SELECT d.workspace_id, d.campaign_id, d.enrolled, d.unsubscribed FROM delta d JOIN campaigns c ON c.id = d.campaign_id
    WHERE d.enrolled <> 0 OR d.unsubscribed <> 0
    ON CONFLICT (campaign_id) DO UPDATE SET enrolled = t.enrolled + excluded.enrolled, unsubscribed = t.unsubscribed + excluded.unsubscribed
  $q$, sales_machine_changes(TG_OP));
  EXECUTE sales_machine_recount_members(sales_machine_moved(TG_OP, 'campaign_id,prospect_id'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_count_prospects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (SELECT workspace_id, sum(sign) AS n FROM changes GROUP BY 1)
    INSERT INTO workspace_counters AS t (workspace_id, prospects)
    SELECT d.workspace_id, d.n FROM delta d JOIN workspaces w ON w.id = d.workspace_id WHERE d.n <> 0
    ON CONFLICT (workspace_id) DO UPDATE SET prospects = t.prospects + excluded.prospects
  $q$, sales_machine_changes(TG_OP));
  EXECUTE sales_machine_recount_members(sales_machine_moved(TG_OP, 'campaign_id'));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Moving prospects between campaigns: a row trigger (statement triggers with transition tables
-- cannot name columns, and prospects are updated often for other reasons). Enrollments do not
-- change in that statement, so "was / becomes a member" is one indexed look-up each way.
CREATE OR REPLACE FUNCTION sales_machine_count_prospect_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.campaign_id = OLD.campaign_id AND e.prospect_id = OLD.id) THEN
    UPDATE campaign_counters SET prospects = prospects - 1 WHERE campaign_id = OLD.campaign_id;
  END IF;
  IF NEW.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.campaign_id = NEW.campaign_id AND e.prospect_id = NEW.id) THEN
    INSERT INTO campaign_counters AS t (workspace_id, campaign_id, prospects)
    SELECT NEW.workspace_id, NEW.campaign_id, 1 WHERE EXISTS (SELECT 1 FROM campaigns c WHERE c.id = NEW.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET prospects = t.prospects + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_counters_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_messages();
--> statement-breakpoint
CREATE TRIGGER messages_counters_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_messages();
--> statement-breakpoint
CREATE TRIGGER messages_counters_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_messages();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_counters_insert AFTER INSERT ON ai_decisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_decisions();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_counters_update AFTER UPDATE ON ai_decisions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_decisions();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_counters_delete AFTER DELETE ON ai_decisions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_decisions();
--> statement-breakpoint
CREATE TRIGGER meetings_counters_insert AFTER INSERT ON meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_counters_update AFTER UPDATE ON meetings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_counters_delete AFTER DELETE ON meetings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_meetings();
--> statement-breakpoint
CREATE TRIGGER enrollments_counters_insert AFTER INSERT ON enrollments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_enrollments();
--> statement-breakpoint
CREATE TRIGGER enrollments_counters_update AFTER UPDATE ON enrollments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_enrollments();
--> statement-breakpoint
CREATE TRIGGER enrollments_counters_delete AFTER DELETE ON enrollments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_enrollments();
--> statement-breakpoint
CREATE TRIGGER prospects_counters_insert AFTER INSERT ON prospects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_prospects();
--> statement-breakpoint
CREATE TRIGGER prospects_counters_delete AFTER DELETE ON prospects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_prospects();
--> statement-breakpoint
CREATE TRIGGER prospects_counters_move AFTER UPDATE OF campaign_id ON prospects FOR EACH ROW WHEN (OLD.campaign_id IS DISTINCT FROM NEW.campaign_id) EXECUTE FUNCTION sales_machine_count_prospect_move();
--> statement-breakpoint
-- custom: one statement per request for the session, its user and the membership in its active
-- workspace (issue 12, "one transaction per request"). SECURITY DEFINER because memberships sit
-- behind row-level security and the workspace is only known from the session; it returns nothing
-- but that one session's row, and the caller still checks the secret.
CREATE OR REPLACE FUNCTION sales_machine_session_auth(p_session_id text)
RETURNS TABLE (session_id text, secret_hash bytea, last_verified_at timestamptz, active_workspace_id uuid,
               user_id uuid, email text, name text, language text, role text, workspace_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, s.secret_hash, s.last_verified_at, s.active_workspace_id, u.id, u.email, u.name, u.language::text, m.role::text, w.name
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  LEFT JOIN memberships m ON m.workspace_id = s.active_workspace_id AND m.user_id = s.user_id
  LEFT JOIN workspaces w ON w.id = m.workspace_id
  WHERE s.id = p_session_id
$$;
--> statement-breakpoint
SELECT sales_machine_secure_tables();
