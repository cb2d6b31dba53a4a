import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ProspectStage } from '../../shared/enums.js';
import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';
import { aiDecisions, messages, prospects, reviewItems } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { enqueue } from '../jobs/queue.js';
import { setProspectStage } from '../prospects/stage.service.js';
import { sendThreadReplyNow, threadReplySendJob } from '../sending/thread-reply.jobs.js';
import { queueThreadReply, type ThreadReplyDeps, type ThreadReplySendResult } from '../sending/thread-reply.service.js';

/**
 * The review queue: decisions a person must make. Approve sends the draft, edit sends a changed
 * one, reject sends nothing. An item moves out of `pending` once, by a conditional update, so two
 * tabs acting on it send at most one message (and the outbound row is unique per decision).
 */
export type ReviewStatusFilter = 'pending' | 'approved' | 'edited' | 'rejected' | 'all';
export type ReviewListQuery = { status?: ReviewStatusFilter; intent?: string; campaignId?: string; limit?: number };

export async function listReviewItems(db: Db, query: ReviewListQuery) {
  const conditions: SQL[] = [];
  const status = query.status ?? 'pending';
  if (status !== 'all') conditions.push(eq(reviewItems.status, status));
  if (query.intent) conditions.push(sql`${aiDecisions.intent}::text = ${query.intent}`);
  if (query.campaignId) conditions.push(eq(messages.campaignId, query.campaignId));
  const rows = await db
    .select({
      id: reviewItems.id,
      status: reviewItems.status,
      createdAt: reviewItems.createdAt,
      resolvedAt: reviewItems.resolvedAt,
      rejectReason: reviewItems.rejectReason,
      sentMessageId: reviewItems.sentMessageId,
      decisionId: aiDecisions.id,
      intent: aiDecisions.intent,
      confidence: aiDecisions.confidence,
      reason: aiDecisions.reason,
      reasons: aiDecisions.reasons,
      reminderOf: aiDecisions.reminderOf,
      action: aiDecisions.action,
      provider: aiDecisions.provider,
      model: aiDecisions.model,
      draftSubject: aiDecisions.draftSubject,
      draftBody: aiDecisions.draftBody,
      finalSubject: reviewItems.finalSubject,
      finalBody: reviewItems.finalBody,
      messageId: messages.id,
      subject: messages.subject,
      text: messages.bodyText,
      fromEmail: messages.fromEmail,
      receivedAt: messages.receivedAt,
      campaignId: messages.campaignId,
      prospectId: prospects.id,
      prospectName: sql<string | null>`${prospectDisplayName}`,
      prospectEmail: prospects.email,
      company: prospects.company,
      stage: prospects.stage,
    })
    .from(reviewItems)
    .innerJoin(aiDecisions, eq(aiDecisions.id, reviewItems.decisionId))
    .innerJoin(messages, eq(messages.id, aiDecisions.messageId))
    .innerJoin(prospects, eq(prospects.id, reviewItems.prospectId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(reviewItems.createdAt), desc(reviewItems.id))
    .limit(Math.min(query.limit ?? 50, 200));
  return rows.map(({ reasons, reminderOf, ...row }) => ({
    ...row,
    // A due `not_now` reminder's follow-up, not an answer to a new reply.
    kind: reminderOf ? ('reminder' as const) : ('reply' as const),
    reasons: reasons.map((reason) => ({ code: reason.code, params: reason.params })),
    confidence: Math.round(row.confidence * 1000) / 1000,
    draft: row.draftBody !== null ? { subject: row.draftSubject ?? '', body: row.draftBody } : null,
  }));
}

export async function pendingReviewCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(reviewItems).where(eq(reviewItems.status, 'pending'));
  return Number(row?.n ?? 0);
}

export type ReviewAction = { kind: 'approve' } | { kind: 'edit'; subject?: string; body: string } | { kind: 'reject'; reason: string; stage?: ProspectStage };
export type ReviewOutcome = { id: string; status: 'approved' | 'edited' | 'rejected'; messageId: string | null; send: ThreadReplySendResult | null };

async function claimItem(db: Db, actor: Actor, id: string, action: ReviewAction) {
  const status: ReviewOutcome['status'] = action.kind === 'approve' ? 'approved' : action.kind === 'edit' ? 'edited' : 'rejected';
  const [item] = await db
    .update(reviewItems)
    .set({
      status,
      resolvedBy: actor.userId,
      resolvedAt: new Date(),
      ...(action.kind === 'edit' ? { finalSubject: action.subject ?? null, finalBody: action.body } : {}),
      ...(action.kind === 'reject' ? { rejectReason: action.reason } : {}),
    })
    .where(and(eq(reviewItems.id, id), eq(reviewItems.status, 'pending')))
    .returning();
  if (item) return { item, status };
  const [existing] = await db.select({ status: reviewItems.status }).from(reviewItems).where(eq(reviewItems.id, id));
  if (!existing) throw new AppError('NOT_FOUND', 'Review item not found', { reason: 'review.not_found' });
  throw new AppError('CONFLICT', `This item was already ${existing.status}`, { reason: 'review.already_resolved', params: { status: existing.status } });
}

export async function resolveReviewItem(deps: ThreadReplyDeps, actor: Actor, id: string, action: ReviewAction): Promise<ReviewOutcome> {
  const queued = await deps.inWorkspace(async (db) => {
    const { item, status } = await claimItem(db, actor, id, action);
    const [decision] = await db.select().from(aiDecisions).where(eq(aiDecisions.id, item.decisionId));
    if (!decision) throw new AppError('NOT_FOUND', 'Review item not found', { reason: 'review.not_found' });
    let messageId: string | null = null;
    if (action.kind === 'reject') {
      await db.update(aiDecisions).set({ status: 'rejected' }).where(eq(aiDecisions.id, decision.id));
      if (action.stage) await setProspectStage(db, { workspaceId: actor.workspaceId, prospectId: item.prospectId, stage: action.stage, actorUserId: actor.userId, reason: 'review_rejected' });
    } else {
      const body = action.kind === 'edit' ? action.body : decision.draftBody;
      if (!body?.trim()) throw new AppError('UNPROCESSABLE_CONTENT', 'There is no draft to send', { reason: 'review.no_draft' });
      const subject = action.kind === 'edit' ? (action.subject ?? decision.draftSubject) : decision.draftSubject;
      const result = await queueThreadReply(db, { inboundMessageId: decision.messageId, subject, body, sendAt: new Date(), aiDecisionId: decision.id, sentByAi: action.kind === 'approve' });
      if (result.kind !== 'queued') throw new AppError('CONFLICT', `The answer cannot be sent (${result.why})`, { reason: 'review.send_refused', params: { why: result.why } });
      messageId = result.messageId;
      // The safety net: sent below at once, or by this job if the process stops first.
      await enqueue(db, threadReplySendJob, { messageId }, { workspaceId: actor.workspaceId, dedupeKey: `thread-reply:${messageId}` });
      await db.update(reviewItems).set({ sentMessageId: messageId }).where(eq(reviewItems.id, id));
      await db.update(aiDecisions).set({ status: 'approved' }).where(eq(aiDecisions.id, decision.id));
    }
    await recordEvent(db, { workspaceId: actor.workspaceId, type: 'review.resolved', actorUserId: actor.userId, prospectId: item.prospectId, data: { reviewItemId: id, decisionId: decision.id, status, messageId, ...(action.kind === 'reject' ? { reason: action.reason } : {}) } });
    return { status, messageId };
  });
  // Sent now, outside the transaction that queued it; a crash here leaves it to the queued send's claim.
  const send = queued.messageId ? await sendThreadReplyNow(deps, queued.messageId) : null;
  return { id, status: queued.status, messageId: queued.messageId, send };
}
