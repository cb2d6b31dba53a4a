CREATE TYPE "public"."enrichment_task_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "enrichment_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid,
	"prospect_id" uuid,
	"provider" "enrichment_provider" NOT NULL,
	"model" text NOT NULL,
	"requests" integer DEFAULT 1 NOT NULL,
	"tokens_in" integer DEFAULT 0 NOT NULL,
	"tokens_out" integer DEFAULT 0 NOT NULL,
	"valid" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrichment_calls" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enrichment_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"prospect_id" uuid NOT NULL,
	"campaign_id" uuid,
	"status" "enrichment_task_status" DEFAULT 'queued' NOT NULL,
	"lease_until" timestamp with time zone,
	"claimed_by" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrichment_tasks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "enrich_on_arrival" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "enrichment_calls" ADD CONSTRAINT "enrichment_calls_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_calls" ADD CONSTRAINT "enrichment_calls_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_calls" ADD CONSTRAINT "enrichment_calls_prospect_id_prospects_id_fk" FOREIGN KEY ("prospect_id") REFERENCES "public"."prospects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_tasks" ADD CONSTRAINT "enrichment_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_tasks" ADD CONSTRAINT "enrichment_tasks_prospect_id_prospects_id_fk" FOREIGN KEY ("prospect_id") REFERENCES "public"."prospects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_tasks" ADD CONSTRAINT "enrichment_tasks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrichment_calls_workspace_idx" ON "enrichment_calls" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "enrichment_calls_campaign_idx" ON "enrichment_calls" USING btree ("workspace_id","campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enrichment_tasks_prospect_idx" ON "enrichment_tasks" USING btree ("prospect_id");--> statement-breakpoint
CREATE INDEX "enrichment_tasks_status_idx" ON "enrichment_tasks" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "enrichment_tasks_campaign_idx" ON "enrichment_tasks" USING btree ("workspace_id","campaign_id","status");--> statement-breakpoint
CREATE INDEX "enrichments_cache_idx" ON "enrichments" USING btree ("workspace_id","cache_key");--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "enrichment_calls" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "enrichment_tasks" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: RLS forced and grants on the new enrichment tables
SELECT sales_machine_secure_tables();
