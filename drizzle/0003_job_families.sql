CREATE TYPE "public"."job_family" AS ENUM('send', 'ingest', 'enrich', 'scrape', 'maintenance');--> statement-breakpoint
CREATE TYPE "public"."job_outcome" AS ENUM('succeeded', 'retry_scheduled', 'error', 'failed_permanently', 'failed', 'lease_expired');--> statement-breakpoint
DROP INDEX "jobs_claim_idx";--> statement-breakpoint
-- Rows from before families were all housekeeping ticks.
ALTER TABLE "jobs" ADD COLUMN "family" "job_family" NOT NULL DEFAULT 'maintenance';--> statement-breakpoint
ALTER TABLE "jobs" ALTER COLUMN "family" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "last_outcome" "job_outcome";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "outcome_reason" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "deferrals" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_campaign_idx" ON "jobs" USING btree ("workspace_id","campaign_id","created_at") WHERE campaign_id is not null;--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("family","priority" DESC NULLS LAST,"run_at") WHERE state = 'queued';--> statement-breakpoint
-- The one job type of before (system.maintenance) is now one schedule per domain: pending ticks of it would never be claimed.
UPDATE "jobs" SET "state" = 'cancelled', "finished_at" = now(), "lease_until" = NULL WHERE "type" = 'system.maintenance' AND "state" IN ('queued', 'running');
