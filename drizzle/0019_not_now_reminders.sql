ALTER TABLE "ai_decisions" ADD COLUMN "reminder_status" text;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "reminder_cancel_reason" text;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD COLUMN "reminder_of" uuid;--> statement-breakpoint
ALTER TABLE "ai_decisions" ADD CONSTRAINT "ai_decisions_reminder_of_ai_decisions_id_fk" FOREIGN KEY ("reminder_of") REFERENCES "public"."ai_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_decisions_reminder_due_idx" ON "ai_decisions" USING btree ("remind_at") WHERE reminder_status = 'scheduled';--> statement-breakpoint
CREATE UNIQUE INDEX "ai_decisions_reminder_of_idx" ON "ai_decisions" USING btree ("reminder_of") WHERE reminder_of is not null;--> statement-breakpoint
-- custom: not_now decisions taken before reminders were acted on get theirs (a past day is caught up on the next tick).
UPDATE "ai_decisions" SET "reminder_status" = 'scheduled' WHERE "action" = 'reschedule' AND "intent" = 'not_now' AND "remind_at" IS NOT NULL AND "reminder_status" IS NULL;
