DROP POLICY "workspace_isolation" ON "activity_rollups" CASCADE;--> statement-breakpoint
DROP TABLE "activity_rollups" CASCADE;--> statement-breakpoint
ALTER TABLE "report_rollups" ADD COLUMN "bounces_received" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- custom: one per-day rollup (review of issue 12). The dashboard's 30-day series is read from
-- report_rollups (per campaign × mailbox × step × variant × day, the superset), so activity_rollups
-- (dropped above) is no longer written: the counter triggers below are those of the counters
-- migration without their activity_rollups part. report_rollups gains the one series it lacked,
-- bounce notices on the day they arrived (the dashboard's bounces), computed for existing rows by
-- the rebuild at the end.
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
  $q$, sales_machine_changes(TG_OP));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_count_meetings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT workspace_id, campaign_id, sum(sign) AS meetings FROM changes
      WHERE status <> 'cancelled' AND campaign_id IS NOT NULL GROUP BY 1, 2
    )
    INSERT INTO campaign_counters AS t (workspace_id, campaign_id, meetings)
    SELECT d.workspace_id, d.campaign_id, d.meetings FROM delta d JOIN campaigns c ON c.id = d.campaign_id WHERE d.meetings <> 0
    ON CONFLICT (campaign_id) DO UPDATE SET meetings = t.meetings + excluded.meetings
  $q$, sales_machine_changes(TG_OP));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The parts (one row per thing counted, signed) summed per key and day in the workspace's time zone.
CREATE OR REPLACE FUNCTION sales_machine_report_sum(parts text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH parts AS (%s)
    SELECT p.workspace_id, p.campaign_id, p.mailbox_id, p.step_position, p.variant_index, (p.at AT TIME ZONE w.timezone)::date AS day,
           sum(p.attempted) AS attempted, sum(p.sent) AS sent, sum(p.bounced) AS bounced, sum(p.bounces_received) AS bounces_received,
           sum(p.replied) AS replied, sum(p.positive) AS positive, sum(p.unsubscribed) AS unsubscribed, sum(p.opened) AS opened,
           sum(p.clicked) AS clicked, sum(p.meetings) AS meetings
    FROM parts p JOIN workspaces w ON w.id = p.workspace_id WHERE p.at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
  $q$, parts)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_upsert(parts text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH delta AS (%s)
    INSERT INTO report_rollups AS t (workspace_id, campaign_id, mailbox_id, step_position, variant_index, day,
      attempted, sent, bounced, bounces_received, replied, positive, unsubscribed, opened, clicked, meetings)
    SELECT d.workspace_id, d.campaign_id, d.mailbox_id, d.step_position, d.variant_index, d.day,
      d.attempted, d.sent, d.bounced, d.bounces_received, d.replied, d.positive, d.unsubscribed, d.opened, d.clicked, d.meetings
    FROM delta d
    WHERE d.attempted <> 0 OR d.sent <> 0 OR d.bounced <> 0 OR d.bounces_received <> 0 OR d.replied <> 0 OR d.positive <> 0
       OR d.unsubscribed <> 0 OR d.opened <> 0 OR d.clicked <> 0 OR d.meetings <> 0
    ON CONFLICT (workspace_id, campaign_id, day, mailbox_id, step_position, variant_index) DO UPDATE SET
      attempted = t.attempted + excluded.attempted, sent = t.sent + excluded.sent, bounced = t.bounced + excluded.bounced,
      bounces_received = t.bounces_received + excluded.bounces_received,
      replied = t.replied + excluded.replied, positive = t.positive + excluded.positive,
      unsubscribed = t.unsubscribed + excluded.unsubscribed, opened = t.opened + excluded.opened,
      clicked = t.clicked + excluded.clicked, meetings = t.meetings + excluded.meetings
  $q$, sales_machine_report_sum(parts))
$$;
--> statement-breakpoint
-- As in the reports migration, plus bounce notices: an inbound bounce is given to the last message
-- sent to that person before it (the same look-up as a reply's), on the day it arrived.
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
           sign * is_bounce::int AS bounced, 0 AS bounces_received, 0 AS replied, 0 AS positive, 0 AS unsubscribed, 0 AS opened, 0 AS clicked, 0 AS meetings
      FROM outbound WHERE sent_at IS NOT NULL
    UNION ALL
    SELECT workspace_id, campaign_id, mailbox_id, step_position, variant_index, opened_at, 0, 0, 0, 0, 0, 0, 0, sign, 0, 0
      FROM outbound WHERE opened_at IS NOT NULL
    UNION ALL
    SELECT workspace_id, campaign_id, mailbox_id, step_position, variant_index, clicked_at, 0, 0, 0, 0, 0, 0, 0, 0, sign, 0
      FROM outbound WHERE clicked_at IS NOT NULL
    UNION ALL
    SELECT c.workspace_id, coalesce(c.campaign_id, o.campaign_id, '00000000-0000-0000-0000-000000000000'),
           coalesce(o.mailbox_id, c.mailbox_id, '00000000-0000-0000-0000-000000000000'), coalesce(o.step_position, -1), coalesce(o.variant_index, 0),
           c.received_at, 0, 0, 0, c.sign * c.is_bounce::int, c.sign * (NOT c.is_bounce)::int, 0, 0, 0, 0, 0
      FROM changes c
      LEFT JOIN LATERAL (
        SELECT s.campaign_id, s.mailbox_id, s.step_position, s.variant_index FROM (%2$s) AS s
        WHERE s.workspace_id = c.workspace_id AND s.prospect_id = c.prospect_id AND s.direction = 'outbound' AND s.state = 'sent'
          AND s.sent_at <= c.received_at AND (c.campaign_id IS NULL OR s.campaign_id = c.campaign_id)
        ORDER BY s.sent_at DESC LIMIT 1
      ) o ON true
      WHERE c.direction = 'inbound' AND c.received_at IS NOT NULL AND (c.is_bounce OR NOT c.is_auto_reply)
  $q$, changes, outbound_source)
$$;
--> statement-breakpoint
-- A positive decision counts for the step its reply answers (the same look-up as the reply's), its
-- message and the messages looked up taken from `message_source` (on DELETE it includes the rows going).
CREATE OR REPLACE FUNCTION sales_machine_report_decision_parts(changes text, message_source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH changes AS (%1$s), source AS (%2$s)
    SELECT m.workspace_id, coalesce(m.campaign_id, o.campaign_id, '00000000-0000-0000-0000-000000000000') AS campaign_id,
           coalesce(o.mailbox_id, m.mailbox_id, '00000000-0000-0000-0000-000000000000') AS mailbox_id,
           coalesce(o.step_position, -1) AS step_position, coalesce(o.variant_index, 0) AS variant_index, ch.created_at AS at,
           0 AS attempted, 0 AS sent, 0 AS bounced, 0 AS bounces_received, 0 AS replied, ch.sign AS positive, 0 AS unsubscribed,
           0 AS opened, 0 AS clicked, 0 AS meetings
    FROM changes ch JOIN source m ON m.id = ch.message_id
    LEFT JOIN LATERAL (
      SELECT s.campaign_id, s.mailbox_id, s.step_position, s.variant_index FROM source s
      WHERE s.workspace_id = m.workspace_id AND s.prospect_id = m.prospect_id AND s.direction = 'outbound' AND s.state = 'sent'
        AND s.sent_at <= coalesce(m.received_at, m.created_at) AND (m.campaign_id IS NULL OR s.campaign_id = m.campaign_id)
      ORDER BY s.sent_at DESC LIMIT 1
    ) o ON true
    WHERE ch.intent IN ('interested', 'meeting_request')
  $q$, changes, message_source)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_decision_parts(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sales_machine_report_decision_parts(changes, 'SELECT * FROM messages')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_enrollment_parts(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH changes AS (%s)
    SELECT ch.workspace_id, ch.campaign_id, coalesce(o.mailbox_id, '00000000-0000-0000-0000-000000000000') AS mailbox_id,
           coalesce(o.step_position, -1) AS step_position, coalesce(o.variant_index, 0) AS variant_index, ch.updated_at AS at,
           0 AS attempted, 0 AS sent, 0 AS bounced, 0 AS bounces_received, 0 AS replied, 0 AS positive, ch.sign AS unsubscribed,
           0 AS opened, 0 AS clicked, 0 AS meetings
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
           0 AS attempted, 0 AS sent, 0 AS bounced, 0 AS bounces_received, 0 AS replied, 0 AS positive, 0 AS unsubscribed,
           0 AS opened, 0 AS clicked, sign AS meetings
    FROM changes WHERE status <> 'cancelled'
  $q$, changes)
$$;
--> statement-breakpoint
-- A message's decisions cascade away after the message is gone, and their trigger can no longer
-- find which row they counted on: a message's positive decisions go first, while it is still there.
CREATE OR REPLACE FUNCTION sales_machine_report_message_going() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ai_decisions d WHERE d.message_id = OLD.id AND d.intent IN ('interested', 'meeting_request')) THEN
    DELETE FROM ai_decisions d WHERE d.message_id = OLD.id AND d.intent IN ('interested', 'meeting_request');
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_reports_before_delete BEFORE DELETE ON messages FOR EACH ROW WHEN (OLD.direction = 'inbound') EXECUTE FUNCTION sales_machine_report_message_going();
--> statement-breakpoint
-- Deleting a prospect cascades to its messages and its decisions in an order of the database's
-- choosing (and, over several prospects, runs the statement triggers of the cascades after all of
-- them). Its positive decisions go first, while their messages can still be found: the
-- decisions trigger takes them off the right rows. One index probe per prospect otherwise.
CREATE OR REPLACE FUNCTION sales_machine_report_prospect_going() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ai_decisions d WHERE d.prospect_id = OLD.id AND d.intent IN ('interested', 'meeting_request')) THEN
    DELETE FROM ai_decisions d WHERE d.prospect_id = OLD.id AND d.intent IN ('interested', 'meeting_request');
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER prospects_reports_before_delete BEFORE DELETE ON prospects FOR EACH ROW EXECUTE FUNCTION sales_machine_report_prospect_going();
--> statement-breakpoint
-- Everything a workspace's rows should hold, from its source rows (the rebuild and the reconcile).
CREATE OR REPLACE FUNCTION sales_machine_report_fresh_parts(ws uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('(%s) UNION ALL (%s) UNION ALL (%s) UNION ALL (%s)',
    sales_machine_report_message_parts('SELECT 1 AS sign, x.* FROM messages x' || own, 'SELECT * FROM messages'),
    sales_machine_report_decision_parts('SELECT 1 AS sign, x.* FROM ai_decisions x' || own),
    sales_machine_report_enrollment_parts('SELECT 1 AS sign, x.* FROM enrollments x' || own),
    sales_machine_report_meeting_parts('SELECT 1 AS sign, x.* FROM meetings x' || own))
  FROM (SELECT format(' WHERE x.workspace_id = %L', ws) AS own) AS o
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_machine_report_rebuild(ws uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_rollups WHERE workspace_id = ws;
  EXECUTE sales_machine_report_upsert(sales_machine_report_fresh_parts(ws));
END $$;
--> statement-breakpoint
-- The reconcile (src/server/counters/reconcile.ts): puts a workspace's rows back to what its source
-- rows say and returns how many rows were wrong (rows left at all zeros by decrements are removed
-- without counting as wrong).
CREATE OR REPLACE FUNCTION sales_machine_report_reconcile(ws uuid) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  wrong integer;
BEGIN
  EXECUTE format($q$
    WITH fresh AS (SELECT * FROM (%1$s) AS s
      WHERE attempted <> 0 OR sent <> 0 OR bounced <> 0 OR bounces_received <> 0 OR replied <> 0 OR positive <> 0
         OR unsubscribed <> 0 OR opened <> 0 OR clicked <> 0 OR meetings <> 0
    ), removed AS (
      DELETE FROM report_rollups r WHERE r.workspace_id = %2$L AND NOT EXISTS (
        SELECT 1 FROM fresh f WHERE (f.campaign_id, f.mailbox_id, f.step_position, f.variant_index, f.day)
                                  = (r.campaign_id, r.mailbox_id, r.step_position, r.variant_index, r.day))
      RETURNING (r.attempted <> 0 OR r.sent <> 0 OR r.bounced <> 0 OR r.bounces_received <> 0 OR r.replied <> 0 OR r.positive <> 0
                 OR r.unsubscribed <> 0 OR r.opened <> 0 OR r.clicked <> 0 OR r.meetings <> 0) AS wrong
    ), changed AS (
      INSERT INTO report_rollups AS t (workspace_id, campaign_id, mailbox_id, step_position, variant_index, day,
        attempted, sent, bounced, bounces_received, replied, positive, unsubscribed, opened, clicked, meetings)
      SELECT workspace_id, campaign_id, mailbox_id, step_position, variant_index, day,
        attempted, sent, bounced, bounces_received, replied, positive, unsubscribed, opened, clicked, meetings FROM fresh
      ON CONFLICT (workspace_id, campaign_id, day, mailbox_id, step_position, variant_index) DO UPDATE SET
        attempted = excluded.attempted, sent = excluded.sent, bounced = excluded.bounced, bounces_received = excluded.bounces_received,
        replied = excluded.replied, positive = excluded.positive, unsubscribed = excluded.unsubscribed,
        opened = excluded.opened, clicked = excluded.clicked, meetings = excluded.meetings
      WHERE (t.attempted, t.sent, t.bounced, t.bounces_received, t.replied, t.positive, t.unsubscribed, t.opened, t.clicked, t.meetings)
        IS DISTINCT FROM (excluded.attempted, excluded.sent, excluded.bounced, excluded.bounces_received, excluded.replied,
                          excluded.positive, excluded.unsubscribed, excluded.opened, excluded.clicked, excluded.meetings)
      RETURNING 1
    )
    SELECT ((SELECT count(*) FROM removed WHERE wrong) + (SELECT count(*) FROM changed))::int
  $q$, sales_machine_report_sum(sales_machine_report_fresh_parts(ws)), ws) INTO wrong;
  RETURN wrong;
END $$;
--> statement-breakpoint
-- Bounce notices for what was written before this migration (and the same rows otherwise).
SELECT sales_machine_report_rebuild(id) FROM workspaces;
--> statement-breakpoint
SELECT sales_machine_secure_tables();
