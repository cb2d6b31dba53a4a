import { and, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { aiDecisions, messages, prospects, reviewItems } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { enqueue } from '../jobs/queue.js';
import { sendThreadReplyNow, threadReplySendJob } from '../sending/thread-reply.jobs.js';
import { queueThreadReply, type ThreadReplyDeps, type ThreadReplySendResult } from '../sending/thread-reply.service.js';
import { latestReplyOf } from './conversations.queries.js';
import { threadMessages, threadProspect } from './inbox.queries.js';

/**
 * A person answering by hand from the inbox: the answer goes in the prospect's thread, from the
 * mailbox the reply came to, through the email engine's in-thread send (suppression and stage
 * checked again at the claim; claimed once). The same answer submitted twice within a few minutes
 * (a double click, a second tab) is the same message: it is queued once and reported as such.
 */
const STOPPED_STAGES = new Set(['unsubscribed', 'bounced']);
const DUPLICATE_WINDOW_MS = 10 * 60_000;
const ANSWERED_BY_HAND = 'Answered by hand from the inbox';

export async function getThread(db: Db, prospectId: string) {
  const prospect = await threadProspect(db, prospectId);
  if (!prospect) throw notFound('Prospect');
  return { prospect, messages: await threadMessages(db, prospectId) };
}

export type HandReply = { subject?: string; body: string };
export type HandReplyOutcome = { messageId: string; duplicate: boolean; send: ThreadReplySendResult | null };

async function queueHandReply(db: Db, actor: Actor, prospectId: string, input: HandReply): Promise<{ messageId: string; duplicate: boolean }> {
  // One writer per prospect at a time, so two tabs cannot both pass the duplicate check.
  const [person] = await db.select({ id: prospects.id, stage: prospects.stage }).from(prospects).where(eq(prospects.id, prospectId)).for('update');
  if (!person) throw notFound('Prospect');
  if (STOPPED_STAGES.has(person.stage)) throw new AppError('CONFLICT', `Not sent: the prospect is ${person.stage}`, { reason: 'inbox.suppressed' });
  const inbound = await latestReplyOf(db, actor.workspaceId, prospectId);
  if (!inbound) throw new AppError('CONFLICT', 'This prospect has not replied: there is no thread to answer', { reason: 'inbox.nothing_to_answer' });
  const [same] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.replyToMessageId, inbound.id),
        eq(messages.direction, 'outbound'),
        eq(messages.sentByAi, false),
        eq(messages.bodyText, input.body),
        gt(messages.createdAt, new Date(Date.now() - DUPLICATE_WINDOW_MS)),
        sql`${messages.state} in ('scheduled', 'sending', 'sent', 'unknown')`,
      ),
    )
    .limit(1);
  if (same) return { messageId: same.id, duplicate: true };
  const result = await queueThreadReply(db, { inboundMessageId: inbound.id, subject: input.subject ?? null, body: input.body, sendAt: new Date(), sentByAi: false });
  if (result.kind !== 'queued') {
    if (result.why === 'suppressed') throw new AppError('CONFLICT', 'Not sent: the address is suppressed', { reason: 'inbox.suppressed' });
    if (result.why === 'no_mailbox') throw new AppError('CONFLICT', 'Not sent: no mailbox to answer from', { reason: 'inbox.no_mailbox' });
    throw new AppError('CONFLICT', `Not sent (${result.why})`, { reason: 'inbox.reply_refused', params: { why: result.why } });
  }
  // The safety net: sent below at once, or by this job if the process stops first.
  await enqueue(db, threadReplySendJob, { messageId: result.messageId }, { workspaceId: actor.workspaceId, dedupeKey: `thread-reply:${result.messageId}` });
  await closePendingReviews(db, actor, prospectId);
  await recordEvent(db, { workspaceId: actor.workspaceId, type: 'inbox.replied', actorUserId: actor.userId, prospectId, data: { messageId: result.messageId, inboundMessageId: inbound.id } });
  return { messageId: result.messageId, duplicate: false };
}

/**
 * A person answered: the agent's drafts still waiting for this prospect are closed, so nobody
 * approves one later and the prospect gets a second answer.
 */
async function closePendingReviews(db: Db, actor: Actor, prospectId: string): Promise<void> {
  const closed = await db
    .update(reviewItems)
    .set({ status: 'rejected', rejectReason: ANSWERED_BY_HAND, resolvedBy: actor.userId, resolvedAt: new Date() })
    .where(and(eq(reviewItems.prospectId, prospectId), eq(reviewItems.status, 'pending')))
    .returning({ id: reviewItems.id, decisionId: reviewItems.decisionId });
  if (!closed.length) return;
  await db.update(aiDecisions).set({ status: 'rejected' }).where(inArray(aiDecisions.id, closed.map((row) => row.decisionId)));
  for (const row of closed) {
    await recordEvent(db, { workspaceId: actor.workspaceId, type: 'review.resolved', actorUserId: actor.userId, prospectId, data: { reviewItemId: row.id, decisionId: row.decisionId, status: 'rejected', messageId: null, reason: ANSWERED_BY_HAND } });
  }
}

export async function replyByHand(deps: ThreadReplyDeps, actor: Actor, prospectId: string, input: HandReply): Promise<HandReplyOutcome> {
  const queued = await deps.inWorkspace((db) => queueHandReply(db, actor, prospectId, input));
  if (queued.duplicate) return { ...queued, send: null };
  // Sent now, outside the transaction that queued it; the claim makes a second attempt a no-op.
  const send = await sendThreadReplyNow(deps, queued.messageId);
  return { ...queued, send };
}

export async function markRead(db: Db, messageId: string, read: boolean): Promise<{ id: string; read: boolean }> {
  const [row] = await db
    .update(messages)
    .set({ readAt: read ? sql`coalesce(${messages.readAt}, now())` : null })
    .where(and(eq(messages.id, messageId), eq(messages.direction, 'inbound')))
    .returning({ id: messages.id });
  if (!row) throw new AppError('NOT_FOUND', 'Message not found', { reason: 'inbox.message_not_found' });
  return { id: row.id, read };
}

/**
 * Opening a conversation reads all its replies; marking it unread unmarks its latest reply only
 * (as a mail client does), so the row turns bold again and its count says one.
 */
export async function markConversationRead(db: Db, workspaceId: string, prospectId: string, read: boolean): Promise<{ marked: number; read: boolean }> {
  const prospect = await threadProspect(db, prospectId);
  if (!prospect) throw notFound('Prospect');
  if (!read) {
    const latest = await latestReplyOf(db, workspaceId, prospectId);
    if (!latest) throw new AppError('CONFLICT', 'This prospect has not replied: there is nothing to mark unread', { reason: 'inbox.nothing_to_mark' });
    const rows = await db.update(messages).set({ readAt: null }).where(and(eq(messages.id, latest.id), isNotNull(messages.readAt))).returning({ id: messages.id });
    return { marked: rows.length, read };
  }
  const rows = await db
    .update(messages)
    .set({ readAt: new Date() })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.prospectId, prospectId), eq(messages.direction, 'inbound'), isNull(messages.readAt)))
    .returning({ id: messages.id });
  return { marked: rows.length, read };
}
