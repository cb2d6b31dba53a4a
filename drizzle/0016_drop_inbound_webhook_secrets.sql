DROP POLICY "workspace_isolation" ON "inbound_webhook_secrets" CASCADE;--> statement-breakpoint
DROP TABLE "inbound_webhook_secrets" CASCADE;