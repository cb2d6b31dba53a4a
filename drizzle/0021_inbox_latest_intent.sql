ALTER TABLE "messages" ADD COLUMN "latest_intent" text;--> statement-breakpoint
CREATE INDEX "messages_inbox_intent_idx" ON "messages" USING btree ("workspace_id","latest_intent",coalesce("received_at", "created_at"),"id") WHERE direction = 'inbound' and is_bounce = false;
--> statement-breakpoint
-- custom: messages.latest_intent follows the latest decision on each message (by created_at, id).
-- One statement per statement on ai_decisions (transition tables), so a batch of decisions is one
-- UPDATE of messages, not one per row. An UPDATE only counts when it moves a decision's message,
-- intent or instant.
CREATE OR REPLACE FUNCTION sales_machine_latest_intent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved text := sales_machine_moved(TG_OP, 'message_id,intent,created_at');
  any_moved boolean;
BEGIN
  -- Decisions deleted from inside another trigger go with their message (the FK cascades, the
  -- reports' BEFORE DELETE triggers on messages and prospects): updating that message would be
  -- touching a row its own DELETE is removing, which Postgres refuses.
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
  -- A trigger with transition tables cannot name columns (UPDATE OF): most updates are status
  -- changes, which end here without touching messages (and so without firing its triggers).
  IF TG_OP = 'UPDATE' THEN
    EXECUTE format('SELECT EXISTS (%s)', moved) INTO any_moved;
    IF NOT any_moved THEN RETURN NULL; END IF;
  END IF;
  EXECUTE format($q$
    WITH touched AS (SELECT DISTINCT message_id FROM (%s) AS c WHERE message_id IS NOT NULL)
    UPDATE messages m SET latest_intent = (
      SELECT d.intent::text FROM ai_decisions d WHERE d.message_id = m.id ORDER BY d.created_at DESC, d.id DESC LIMIT 1)
    FROM touched WHERE m.id = touched.message_id
  $q$, moved);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ai_decisions_latest_intent_insert AFTER INSERT ON ai_decisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_latest_intent();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_latest_intent_update AFTER UPDATE ON ai_decisions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_latest_intent();
--> statement-breakpoint
CREATE TRIGGER ai_decisions_latest_intent_delete AFTER DELETE ON ai_decisions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_latest_intent();
--> statement-breakpoint
-- The existing replies. The counters and report triggers have nothing to count in this change
-- (only latest_intent moves), so they sit out the backfill rather than diff every inbound row.
ALTER TABLE messages DISABLE TRIGGER messages_counters_update;
--> statement-breakpoint
ALTER TABLE messages DISABLE TRIGGER messages_reports_update;
--> statement-breakpoint
UPDATE messages m SET latest_intent = latest.intent::text
FROM (SELECT DISTINCT ON (message_id) message_id, intent FROM ai_decisions WHERE message_id IS NOT NULL ORDER BY message_id, created_at DESC, id DESC) AS latest
WHERE m.id = latest.message_id;
--> statement-breakpoint
ALTER TABLE messages ENABLE TRIGGER messages_counters_update;
--> statement-breakpoint
ALTER TABLE messages ENABLE TRIGGER messages_reports_update;
