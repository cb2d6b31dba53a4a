CREATE TABLE "imap_cursors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder" text DEFAULT 'INBOX' NOT NULL,
	"uid_validity" text NOT NULL,
	"last_uid" bigint NOT NULL,
	"last_internal_date" text,
	"last_polled_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imap_cursors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inbound_webhook_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"key_id" text NOT NULL,
	"rotated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_webhook_secrets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ai_decisions" ALTER COLUMN "action" SET DATA TYPE text;--> statement-breakpoint
UPDATE "ai_decisions" SET "action" = CASE "action" WHEN 'referral' THEN 'create_referral' WHEN 'none' THEN 'review' ELSE "action" END WHERE "action" IN ('referral', 'none');--> statement-breakpoint
DROP TYPE "public"."decision_action";--> statement-breakpoint
CREATE TYPE "public"."decision_action" AS ENUM('auto_reply', 'review', 'suppress', 'stop', 'reschedule', 'create_referral', 'bounce');--> statement-breakpoint
ALTER TABLE "ai_decisions" ALTER COLUMN "action" SET DATA TYPE "public"."decision_action" USING "action"::"public"."decision_action";--> statement-breakpoint
ALTER TABLE "agents" ALTER COLUMN "undo_window_seconds" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "raw_source" SET DATA TYPE bytea USING convert_to("raw_source", 'UTF8');--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "status" text DEFAULT 'applied' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "escalate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "send_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "remind_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "latency_ms" integer;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_to_message_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "ai_decision_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "sent_message_id" uuid;--> statement-breakpoint
ALTER TABLE "imap_cursors" ADD CONSTRAINT "imap_cursors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imap_cursors" ADD CONSTRAINT "imap_cursors_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_webhook_secrets" ADD CONSTRAINT "inbound_webhook_secrets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "imap_cursors_mailbox_folder_idx" ON "imap_cursors" USING btree ("mailbox_id","folder");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_webhook_secrets_workspace_idx" ON "inbound_webhook_secrets" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_ai_decision_idx" ON "messages" USING btree ("ai_decision_id") WHERE ai_decision_id is not null;--> statement-breakpoint
CREATE INDEX "messages_thread_reply_due_idx" ON "messages" USING btree ("scheduled_at") WHERE state = 'scheduled' and reply_to_message_id is not null;--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "imap_cursors" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "inbound_webhook_secrets" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: the new tables get FORCE ROW LEVEL SECURITY and the app role's grants like every other.
SELECT sales_machine_secure_tables();
