import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { aiDecisions, meetings, messages, prospects } from '../db/schema/index.js';

/** Why a reminder stopped waiting without a follow-up. */
export type ReminderCancelReason = 'user' | 'replied' | 'meeting_booked' | 'unsubscribed' | 'suppressed' | 'bounced' | 'erased';

/** The prospect's reminders still waiting; returns the cancelled ids. */
export async function cancelProspectReminders(db: Db, prospectId: string, reason: ReminderCancelReason): Promise<string[]> {
  const rows = await db
    .update(aiDecisions)
    .set({ reminderStatus: 'cancelled', reminderCancelReason: reason, updatedAt: new Date() })
    .where(and(eq(aiDecisions.prospectId, prospectId), eq(aiDecisions.reminderStatus, 'scheduled')))
    .returning({ id: aiDecisions.id });
  return rows.map((row) => row.id);
}

export const reminderColumns = {
  id: aiDecisions.id,
  prospectId: aiDecisions.prospectId,
  messageId: aiDecisions.messageId,
  remindAt: aiDecisions.remindAt,
  status: aiDecisions.reminderStatus,
  cancelReason: aiDecisions.reminderCancelReason,
  reasons: aiDecisions.reasons,
  createdAt: aiDecisions.createdAt,
};

/** A prospect's reminders (any status), the newest first, with the follow-up a due one drafted. */
export async function prospectReminders(db: Db, prospectId: string) {
  const rows = await db
    .select(reminderColumns)
    .from(aiDecisions)
    .where(and(eq(aiDecisions.prospectId, prospectId), sql`${aiDecisions.reminderStatus} is not null`))
    .orderBy(desc(aiDecisions.createdAt))
    .limit(20);
  if (rows.length === 0) return [];
  const followUps = await db
    .select({ id: aiDecisions.id, reminderOf: aiDecisions.reminderOf })
    .from(aiDecisions)
    .where(inArray(aiDecisions.reminderOf, rows.map((row) => row.id)));
  return rows.map((row) => ({ ...row, followUpDecisionId: followUps.find((entry) => entry.reminderOf === row.id)?.id ?? null }));
}

/** The workspace's reminders due at `now` (oldest first): what a tick acts on, catching up after downtime. */
export function dueReminders(db: Db, now: Date, limit: number) {
  return db
    .select(reminderColumns)
    .from(aiDecisions)
    .where(and(eq(aiDecisions.reminderStatus, 'scheduled'), lte(aiDecisions.remindAt, now)))
    .orderBy(asc(aiDecisions.remindAt), asc(aiDecisions.id))
    .limit(limit);
}

/**
 * What happened since the prospect asked to be contacted later that makes the follow-up wrong, or
 * null when it is still right. Stages cover the unsubscribe link and bounces; suppression is read
 * at send time by the caller, where the address is known.
 */
export async function reminderObstacle(db: Db, reminder: { prospectId: string; messageId: string; createdAt: Date }): Promise<ReminderCancelReason | null> {
  const [prospect] = await db.select({ stage: prospects.stage, email: prospects.email }).from(prospects).where(eq(prospects.id, reminder.prospectId));
  if (!prospect || !prospect.email) return 'erased';
  if (prospect.stage === 'unsubscribed') return 'unsubscribed';
  if (prospect.stage === 'bounced') return 'bounced';
  if (prospect.stage === 'meeting_booked' || prospect.stage === 'won') return 'meeting_booked';
  const [meeting] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.prospectId, reminder.prospectId), ne(meetings.status, 'cancelled'), gt(meetings.createdAt, reminder.createdAt)))
    .limit(1);
  if (meeting) return 'meeting_booked';
  // A person's reply not decided yet (an automatic reply or a bounce is no answer).
  const [reply] = await db
    .select({ id: messages.id })
    .from(messages)
    .leftJoin(aiDecisions, eq(aiDecisions.messageId, messages.id))
    .where(
      and(
        eq(messages.prospectId, reminder.prospectId),
        eq(messages.direction, 'inbound'),
        ne(messages.id, reminder.messageId),
        eq(messages.isAutoReply, false),
        eq(messages.isBounce, false),
        // A raw expression has no column type to encode a Date with (postgres.js refuses one): pass the instant as text.
        sql`coalesce(${messages.receivedAt}, ${messages.createdAt}) > ${reminder.createdAt.toISOString()}::timestamptz`,
        isNull(aiDecisions.id),
      ),
    )
    .limit(1);
  return reply ? 'replied' : null;
}
