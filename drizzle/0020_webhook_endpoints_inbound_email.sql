ALTER TYPE "public"."webhook_provider" ADD VALUE 'inbound_email';--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "remote_subscription_uri" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "remote_subscription_scope" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "remote_subscribed_at" timestamp with time zone;--> statement-breakpoint
-- custom: the inbound-email webhook's secrets move into webhook_endpoints (kind `inbound_email`);
-- 0016 drops their old table. The migrator applies every pending migration in ONE transaction, and
-- a value added by ADD VALUE cannot be used before its transaction commits ("unsafe use of new
-- value"), so the type is rebuilt: values of a type created in this transaction are usable at once.
ALTER TYPE "public"."webhook_provider" RENAME TO "webhook_provider_before_inbound_email";--> statement-breakpoint
CREATE TYPE "public"."webhook_provider" AS ENUM('calcom', 'calendly', 'instantly', 'inbound_email');--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ALTER COLUMN "provider" TYPE "public"."webhook_provider" USING "provider"::text::"public"."webhook_provider";--> statement-breakpoint
DROP TYPE "public"."webhook_provider_before_inbound_email";--> statement-breakpoint
-- The sealed value is copied as is (same key id), so the secret, and the URL (it names the
-- workspace, not a token), keep working. The token (unused by this kind, but unique and non-null)
-- is drawn like generateTokenId: 32 characters of the same 32-letter alphabet.
INSERT INTO "webhook_endpoints" ("workspace_id", "provider", "token", "secret_ciphertext", "key_id", "rotated_at", "created_at")
SELECT s."workspace_id", 'inbound_email', t.token, s."secret_ciphertext", s."key_id", s."rotated_at", s."created_at"
FROM "inbound_webhook_secrets" s
CROSS JOIN LATERAL (
  SELECT string_agg(substr('abcdefghijkmnpqrstuvwxyz23456789', 1 + (get_byte(r.bytes, i) & 31), 1), '' ORDER BY i) AS token
  FROM (SELECT uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) || convert_to(s."workspace_id"::text, 'UTF8') AS bytes) r, generate_series(0, 31) i
) t
ON CONFLICT DO NOTHING;

--> statement-breakpoint
-- (was 0016 on its branch) the old table goes once its secrets are copied.
DROP POLICY "workspace_isolation" ON "inbound_webhook_secrets" CASCADE;--> statement-breakpoint
DROP TABLE "inbound_webhook_secrets" CASCADE;