import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { campaigns, enrollments, mailboxes, messages, prospects } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { handleBounce } from './bounces.service.js';
import { scheduleStep } from './enrolment.service.js';
import { markFailed, markSent, markUnknown, requeueAfterTransientError } from './message-states.js';
import type { Claimed } from './send-claim.js';
import type { TransportOutcome } from './transport.js';

/** The record: what the transport said becomes the message's state, and the sequence moves on. */

/** Transient refusals (4xx) and failed hand-overs before the message fails for good. */
export const MAX_TRANSIENT_ATTEMPTS = 3;
const RETRY_BASE_MS = { soft_bounce: 30 * 60_000, not_sent: 5 * 60_000 } as const;

export async function recordOutcome(db: Db, claimed: Claimed, outcome: TransportOutcome, now: Date): Promise<void> {
  const [row] = await db.select().from(messages).where(eq(messages.id, claimed.messageId));
  if (!row) return;
  switch (outcome.kind) {
    case 'accepted': {
      if (!(await markSent(db, row.id, now))) return;
      if (outcome.raw) await db.update(messages).set({ rawSource: Buffer.from(outcome.raw, 'utf8') }).where(eq(messages.id, row.id));
      await advance(db, row, now);
      return;
    }
    case 'hard_bounce': {
      if (!(await markFailed(db, row.id, outcome.error, { bounce: true, at: now }))) return;
      await handleBounce(db, { email: row.toEmail ?? '', kind: 'hard', diagnostic: outcome.error, messageId: row.id, at: now });
      return;
    }
    case 'soft_bounce':
    case 'not_sent': {
      if (outcome.kind === 'not_sent' && outcome.mailboxProblem) {
        await db.update(mailboxes).set({ status: 'error', pausedReason: outcome.error.slice(0, 300), lastTestOk: false, lastTestError: outcome.error.slice(0, 300) }).where(eq(mailboxes.id, claimed.mailboxId));
      }
      if (row.softBounces + 1 >= MAX_TRANSIENT_ATTEMPTS) {
        await markFailed(db, row.id, `Gave up after ${MAX_TRANSIENT_ATTEMPTS} attempts: ${outcome.error}`);
        if (row.enrollmentId) await db.update(enrollments).set({ state: 'stopped', stoppedReason: 'send_failed', nextRunAt: null }).where(eq(enrollments.id, row.enrollmentId));
        return;
      }
      const retryAt = new Date(now.getTime() + RETRY_BASE_MS[outcome.kind] * 2 ** row.softBounces);
      await requeueAfterTransientError(db, row.id, retryAt, outcome.error);
      if (row.enrollmentId) await db.update(enrollments).set({ nextRunAt: retryAt }).where(eq(enrollments.id, row.enrollmentId));
      return;
    }
    case 'unknown':
      await markUnknown(db, row.id, outcome.error);
      return;
    default: {
      const unexpected: never = outcome;
      throw new Error(`Unknown transport outcome ${JSON.stringify(unexpected)}`);
    }
  }
}

/** After a send: the prospect is contacted, and the next step is scheduled (or the sequence ends). */
async function advance(db: Db, row: typeof messages.$inferSelect, now: Date): Promise<void> {
  await db
    .update(prospects)
    .set({ lastContactedAt: now, stage: sql`case when ${prospects.stage} in ('new', 'enriched') then 'contacted'::prospect_stage else ${prospects.stage} end` })
    .where(eq(prospects.id, row.prospectId));
  if (!row.enrollmentId || !row.campaignId || row.stepPosition === null) return;
  const [campaign] = await db.select({ id: campaigns.id, workspaceId: campaigns.workspaceId, timezone: campaigns.timezone }).from(campaigns).where(eq(campaigns.id, row.campaignId));
  const [enrollment] = await db.select().from(enrollments).where(eq(enrollments.id, row.enrollmentId));
  if (!campaign || enrollment?.state !== 'active') return;
  const next = await scheduleStep(db, campaign, { id: enrollment.id, prospectId: row.prospectId, email: row.toEmail ?? '' }, row.stepPosition + 1, now);
  if (!next) {
    await db.update(enrollments).set({ state: 'finished', nextRunAt: null }).where(eq(enrollments.id, enrollment.id));
    await recordEvent(db, { workspaceId: row.workspaceId, type: 'prospect.updated', prospectId: row.prospectId, campaignId: row.campaignId, data: { sequence: 'finished' } });
  }
}
