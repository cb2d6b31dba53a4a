CREATE TABLE "step_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"variant_index" integer NOT NULL,
	"subject_template" text NOT NULL,
	"body_template" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "step_variants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "risky_address_policy" text DEFAULT 'skip' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "auto_paused_reason" text;--> statement-breakpoint
ALTER TABLE "sequence_steps" ADD COLUMN "business_days" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sequence_steps" ADD COLUMN "body_format" text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "hold" jsonb;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "address_verdict" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "variant_index" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "unsubscribe_token" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "soft_bounces" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "step_variants" ADD CONSTRAINT "step_variants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_variants" ADD CONSTRAINT "step_variants_step_id_sequence_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."sequence_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "step_variants_index_idx" ON "step_variants" USING btree ("step_id","variant_index");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_unsubscribe_token_idx" ON "messages" USING btree ("unsubscribe_token") WHERE unsubscribe_token is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_enrollment_step_idx" ON "messages" USING btree ("enrollment_id","step_position") WHERE direction = 'outbound' and enrollment_id is not null;--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "step_variants" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: RLS forced on the new workspace table (step_variants)
SELECT sales_machine_secure_tables();
