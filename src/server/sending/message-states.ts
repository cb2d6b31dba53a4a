import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';

/**
 * Every state change of an outbound sequence message, and only here:
 *
 *   scheduled ─claim→ sending ─record→ sent | failed
 *                         └─ lease expired → unknown ─resolve→ sent | scheduled
 *   sending ─transient refusal→ scheduled (again, later)
 *
 * At most once: a message is claimed (`sending`, with a lease) inside the transaction that re-checks
 * everything; once claimed nobody else can take it, and a `sending` message whose lease ran out is
 * turned `unknown` — it may or may not have left, so it is never re-sent without a human.
 *
 * Counter hook: each transition below calls `onTransition`, the one place per-campaign counters
 * (sent / failed / bounced) can be kept in step with the rows, in the same transaction.
 */

export type MessageTransition =
  | { kind: 'scheduled'; campaignId: string; stepPosition: number; variantIndex: number }
  | { kind: 'claimed' }
  | { kind: 'sent'; campaignId: string | null; mailboxId: string | null; stepPosition: number | null; variantIndex: number | null }
  | { kind: 'failed'; campaignId: string | null; bounce: boolean }
  | { kind: 'unknown'; campaignId: string | null }
  | { kind: 'requeued'; campaignId: string | null };

/** Where per-campaign counters plug in at merge (runs inside the transition's transaction). */
export async function onTransition(_db: Db, _messageId: string, _transition: MessageTransition): Promise<void> {
  // Intentionally empty until the counters land (see the report: "counters hooks").
}

export type ScheduleInput = {
  workspaceId: string;
  prospectId: string;
  campaignId: string;
  enrollmentId: string;
  stepPosition: number;
  variantIndex: number;
  toEmail: string;
  scheduledAt: Date;
  unsubscribeToken: string;
};

/** A step's message, due at `scheduledAt`; a second schedule of the same enrolment step is a no-op. */
export async function scheduleMessage(db: Db, input: ScheduleInput): Promise<string | null> {
  const [row] = await db
    .insert(messages)
    .values({ ...input, direction: 'outbound', state: 'scheduled' })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  if (!row) return null;
  await onTransition(db, row.id, { kind: 'scheduled', campaignId: input.campaignId, stepPosition: input.stepPosition, variantIndex: input.variantIndex });
  return row.id;
}

export type ClaimedContent = {
  mailboxId: string;
  fromEmail: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  messageIdHeader: string;
  inReplyTo: string | null;
  references: string[];
  /** Pixel token when the campaign tracks opens or clicks. */
  trackingToken?: string | null;
};

/** scheduled → sending, with the rendered content and a lease. False when it was no longer scheduled. */
export async function claimMessage(db: Db, messageId: string, content: ClaimedContent, leaseUntil: Date): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ ...content, state: 'sending', leaseUntil })
    .where(and(eq(messages.id, messageId), eq(messages.state, 'scheduled')))
    .returning({ id: messages.id });
  if (!rows.length) return false;
  await onTransition(db, messageId, { kind: 'claimed' });
  return true;
}

/**
 * sending (or unknown, when a slow send outlived its lease and was flagged meanwhile) → sent.
 * The server's acceptance is the fact: it wins over the flag.
 */
export async function markSent(db: Db, messageId: string, sentAt: Date): Promise<boolean> {
  const [row] = await db
    .update(messages)
    .set({ state: 'sent', sentAt, leaseUntil: null, error: null })
    .where(and(eq(messages.id, messageId), inArray(messages.state, ['sending', 'unknown'])))
    .returning();
  if (!row) return false;
  await onTransition(db, messageId, { kind: 'sent', campaignId: row.campaignId, mailboxId: row.mailboxId, stepPosition: row.stepPosition, variantIndex: row.variantIndex });
  await recordEvent(db, { workspaceId: row.workspaceId, type: 'message.sent', campaignId: row.campaignId, prospectId: row.prospectId, data: { messageId, step: row.stepPosition, variant: row.variantIndex, mailboxId: row.mailboxId } });
  return true;
}

/** → failed, never to be retried: a hard bounce, a refusal, or a re-check at claim time that said no. */
export async function markFailed(db: Db, messageId: string, error: string, options: { bounce?: boolean; from?: ('scheduled' | 'sending')[]; at?: Date } = {}): Promise<boolean> {
  const [row] = await db
    .update(messages)
    // A bounce at send time was an attempt: its time counts in caps and in the bounce rate.
    .set({ state: 'failed', error: error.slice(0, 500), leaseUntil: null, isBounce: options.bounce ?? false, ...(options.bounce ? { sentAt: options.at ?? new Date() } : {}) })
    .where(and(eq(messages.id, messageId), inArray(messages.state, options.from ?? ['sending'])))
    .returning();
  if (!row) return false;
  await onTransition(db, messageId, { kind: 'failed', campaignId: row.campaignId, bounce: options.bounce ?? false });
  await recordEvent(db, { workspaceId: row.workspaceId, type: options.bounce ? 'message.bounced' : 'message.failed', campaignId: row.campaignId, prospectId: row.prospectId, data: { messageId, error: row.error } });
  return true;
}

/**
 * sending → scheduled at `retryAt` after a transient refusal (4xx, connection refused before any
 * data). A rate limit (`countsAsAttempt: false`) is a wait the server asked for, not a failed try.
 */
export async function requeueAfterTransientError(db: Db, messageId: string, retryAt: Date, error: string, options: { countsAsAttempt?: boolean } = {}): Promise<boolean> {
  const counted = options.countsAsAttempt ?? true;
  const [row] = await db
    .update(messages)
    .set({ state: 'scheduled', scheduledAt: retryAt, leaseUntil: null, error: error.slice(0, 500), ...(counted ? { softBounces: sql`${messages.softBounces} + 1` } : {}) })
    .where(and(eq(messages.id, messageId), eq(messages.state, 'sending')))
    .returning({ campaignId: messages.campaignId });
  if (!row) return false;
  await onTransition(db, messageId, { kind: 'requeued', campaignId: row.campaignId });
  return true;
}

/** sending → unknown, when the transport itself cannot tell whether the server took the message. */
export async function markUnknown(db: Db, messageId: string, error: string): Promise<boolean> {
  const [row] = await db
    .update(messages)
    .set({ state: 'unknown', leaseUntil: null, error: error.slice(0, 500) })
    .where(and(eq(messages.id, messageId), eq(messages.state, 'sending')))
    .returning({ workspaceId: messages.workspaceId, campaignId: messages.campaignId, prospectId: messages.prospectId });
  if (!row) return false;
  await onTransition(db, messageId, { kind: 'unknown', campaignId: row.campaignId });
  await recordEvent(db, { workspaceId: row.workspaceId, type: 'message.unknown', campaignId: row.campaignId, prospectId: row.prospectId, data: { messageId, error } });
  return true;
}

/**
 * sending with an expired lease → unknown: the process that claimed it died (or hung) between the
 * claim and the record. Whether the mail left is not known, so it waits for a human.
 */
export async function flagExpiredLeases(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ state: 'unknown', leaseUntil: null, error: 'The sending process stopped before the outcome was recorded: check the mailbox’s Sent folder, then resolve' })
    .where(and(eq(messages.direction, 'outbound'), eq(messages.state, 'sending'), lt(messages.leaseUntil, now)))
    .returning({ id: messages.id, workspaceId: messages.workspaceId, campaignId: messages.campaignId, prospectId: messages.prospectId });
  for (const row of rows) {
    await onTransition(db, row.id, { kind: 'unknown', campaignId: row.campaignId });
    await recordEvent(db, { workspaceId: row.workspaceId, type: 'message.unknown', campaignId: row.campaignId, prospectId: row.prospectId, data: { messageId: row.id } });
  }
  return rows.length;
}

/** A human's decision on an `unknown` message: it did leave (sent), or send it again (scheduled now). */
export async function resolveUnknown(db: Db, messageId: string, decision: 'sent' | 'requeue', now: Date): Promise<boolean> {
  if (decision === 'sent') return markSent(db, messageId, now);
  const [row] = await db
    .update(messages)
    .set({ state: 'scheduled', scheduledAt: now, error: null })
    .where(and(eq(messages.id, messageId), eq(messages.state, 'unknown')))
    .returning({ campaignId: messages.campaignId });
  if (!row) return false;
  await onTransition(db, messageId, { kind: 'requeued', campaignId: row.campaignId });
  return true;
}
