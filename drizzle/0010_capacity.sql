CREATE TABLE "email_domain_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"verdict" jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_domain_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_domain_checks" ADD CONSTRAINT "email_domain_checks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_domain_checks_domain_idx" ON "email_domain_checks" USING btree ("workspace_id","domain");--> statement-breakpoint
CREATE INDEX "email_domain_checks_expires_idx" ON "email_domain_checks" USING btree ("expires_at");--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "email_domain_checks" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: force RLS and grant the app role on the new table.
SELECT sales_machine_secure_tables();
