import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { enrollments, messages } from '../db/schema/index.js';
import { markFailed } from './message-states.js';

/**
 * What a reply does to a prospect's sequence: stop it (a person answered), push it back (an
 * out-of-office: the next step waits for the return date), hold it while the agent decides (a reply
 * that may be an absence notice), or resume a held one. Only sequence steps are touched: queued
 * in-thread answers have no enrolment.
 */

/** Stops every active or held sequence of the prospect; its scheduled steps fail as "Not sent: <reason>". */
export async function stopProspectSequences(db: Db, prospectId: string, reason: string): Promise<number> {
  const stopped = await db
    .update(enrollments)
    .set({ state: 'stopped', stoppedReason: reason, nextRunAt: null })
    .where(and(eq(enrollments.prospectId, prospectId), inArray(enrollments.state, ['active', 'paused'])))
    .returning({ id: enrollments.id });
  if (stopped.length === 0) return 0;
  const pending = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(inArray(messages.enrollmentId, stopped.map((row) => row.id)), eq(messages.direction, 'outbound'), eq(messages.state, 'scheduled')));
  for (const message of pending) await markFailed(db, message.id, `Not sent: ${reason}`, { from: ['scheduled'] });
  return stopped.length;
}

/** The sequence stays on but nothing leaves before `until`: scheduled steps move to it. */
export async function deferProspectSequences(db: Db, prospectId: string, until: Date): Promise<number> {
  const active = await db
    .update(enrollments)
    .set({ state: 'active', nextRunAt: sql`greatest(coalesce(${enrollments.nextRunAt}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)` })
    .where(and(eq(enrollments.prospectId, prospectId), inArray(enrollments.state, ['active', 'paused'])))
    .returning({ id: enrollments.id });
  if (active.length === 0) return 0;
  await db
    .update(messages)
    .set({ scheduledAt: sql`greatest(coalesce(${messages.scheduledAt}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)` })
    .where(and(inArray(messages.enrollmentId, active.map((row) => row.id)), eq(messages.direction, 'outbound'), eq(messages.state, 'scheduled')));
  return active.length;
}

/** Holds the active sequence (nothing is sent, nothing is cancelled) until the agent has decided. */
export async function holdProspectSequences(db: Db, prospectId: string): Promise<number> {
  const held = await db
    .update(enrollments)
    .set({ state: 'paused' })
    .where(and(eq(enrollments.prospectId, prospectId), eq(enrollments.state, 'active')))
    .returning({ id: enrollments.id });
  return held.length;
}
