CREATE TYPE "public"."webhook_provider" AS ENUM('calcom', 'calendly', 'instantly');--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"provider" "webhook_provider" NOT NULL,
	"token" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"key_id" text NOT NULL,
	"rotated_at" timestamp with time zone,
	"last_received_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "instantly_leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"prospect_id" uuid NOT NULL,
	"instantly_campaign_id" text NOT NULL,
	"lead_id" text,
	"pushed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instantly_leads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "instantly_campaign_id" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "attendee_name" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "previous_stage" "prospect_stage";--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instantly_leads" ADD CONSTRAINT "instantly_leads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instantly_leads" ADD CONSTRAINT "instantly_leads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instantly_leads" ADD CONSTRAINT "instantly_leads_prospect_id_prospects_id_fk" FOREIGN KEY ("prospect_id") REFERENCES "public"."prospects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_endpoints_provider_idx" ON "webhook_endpoints" USING btree ("workspace_id","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_endpoints_token_idx" ON "webhook_endpoints" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "instantly_leads_prospect_idx" ON "instantly_leads" USING btree ("workspace_id","instantly_campaign_id","prospect_id");--> statement-breakpoint
CREATE INDEX "instantly_leads_campaign_idx" ON "instantly_leads" USING btree ("workspace_id","campaign_id");--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "webhook_endpoints" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "instantly_leads" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: RLS forced on the new workspace tables (webhook_endpoints, instantly_leads)
SELECT sales_machine_secure_tables();
