CREATE TABLE "dashboard_days" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"bounces_received" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"meetings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_days_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
ALTER TABLE "dashboard_days" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dashboard_days" ADD CONSTRAINT "dashboard_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "dashboard_days" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);
--> statement-breakpoint
-- custom: the new table gets FORCE ROW LEVEL SECURITY and the app role's grants like every other.
SELECT sales_machine_secure_tables();
--> statement-breakpoint
-- dashboard_days follows report_rollups: every statement that changes rollup rows adds its
-- per-(workspace, day) difference. A workspace being deleted (its rollups cascading) is skipped
-- by the join: its dashboard_days cascade too.
CREATE OR REPLACE FUNCTION sales_machine_dashboard_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changes AS (%s), delta AS (
      SELECT workspace_id, day, sum(sign * sent) AS sent, sum(sign * replied) AS replied,
             sum(sign * bounces_received) AS bounces_received, sum(sign * positive) AS positive, sum(sign * meetings) AS meetings
      FROM changes GROUP BY 1, 2
    )
    INSERT INTO dashboard_days AS t (workspace_id, day, sent, replied, bounces_received, positive, meetings)
    SELECT d.workspace_id, d.day, d.sent, d.replied, d.bounces_received, d.positive, d.meetings
    FROM delta d JOIN workspaces w ON w.id = d.workspace_id
    WHERE d.sent <> 0 OR d.replied <> 0 OR d.bounces_received <> 0 OR d.positive <> 0 OR d.meetings <> 0
    ON CONFLICT (workspace_id, day) DO UPDATE SET sent = t.sent + excluded.sent, replied = t.replied + excluded.replied,
      bounces_received = t.bounces_received + excluded.bounces_received, positive = t.positive + excluded.positive,
      meetings = t.meetings + excluded.meetings
  $q$, sales_machine_changes(TG_OP));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_rollups_dashboard_insert AFTER INSERT ON report_rollups REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_dashboard_days();
--> statement-breakpoint
CREATE TRIGGER report_rollups_dashboard_update AFTER UPDATE ON report_rollups REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_dashboard_days();
--> statement-breakpoint
CREATE TRIGGER report_rollups_dashboard_delete AFTER DELETE ON report_rollups REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_dashboard_days();
--> statement-breakpoint
INSERT INTO dashboard_days (workspace_id, day, sent, replied, bounces_received, positive, meetings)
SELECT workspace_id, day, sum(sent), sum(replied), sum(bounces_received), sum(positive), sum(meetings)
FROM report_rollups GROUP BY 1, 2;
