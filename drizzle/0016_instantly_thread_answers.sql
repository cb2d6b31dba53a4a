ALTER TABLE "messages" ADD COLUMN "instantly_email_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "instantly_account" text;