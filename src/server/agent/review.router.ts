import { z } from 'zod';
import { AI_PROVIDERS, DECISION_ACTIONS, PROSPECT_STAGES, REPLY_INTENTS, REVIEW_STATUSES } from '../../shared/enums.js';
import type { Actor } from '../actor.js';
import type { Logger } from '../logger.js';
import type { AppServices } from '../services.js';
import type { ThreadReplyDeps } from '../sending/thread-reply.service.js';
import { authedProcedure, router } from '../trpc/init.js';
import { listReviewItems, pendingReviewCount, resolveReviewItem, type ReviewAction } from './review.service.js';

const tags = ['ai-review-queue'];

export const decisionReasonOutput = z.object({ code: z.string(), params: z.record(z.string(), z.string()) });

const reviewItemOutput = z.object({
  id: z.uuid(),
  status: z.enum(REVIEW_STATUSES),
  createdAt: z.date(),
  resolvedAt: z.date().nullable(),
  rejectReason: z.string().nullable(),
  sentMessageId: z.uuid().nullable(),
  decisionId: z.uuid(),
  intent: z.enum(REPLY_INTENTS),
  confidence: z.number(),
  /** The English line, kept for REST clients; `reasons` carries the codes and params the UI translates. */
  reason: z.string(),
  reasons: z.array(decisionReasonOutput),
  /** `reminder`: the follow-up of a due "not now" reminder, not an answer to a new reply. */
  kind: z.enum(['reply', 'reminder']),
  action: z.enum(DECISION_ACTIONS),
  provider: z.enum(AI_PROVIDERS),
  model: z.string().nullable(),
  draft: z.object({ subject: z.string(), body: z.string() }).nullable(),
  finalSubject: z.string().nullable(),
  finalBody: z.string().nullable(),
  messageId: z.uuid(),
  subject: z.string(),
  text: z.string(),
  fromEmail: z.string().nullable(),
  receivedAt: z.date().nullable(),
  campaignId: z.uuid().nullable(),
  prospectId: z.uuid(),
  prospectName: z.string().nullable(),
  prospectEmail: z.string().nullable(),
  company: z.string().nullable(),
  stage: z.enum(PROSPECT_STAGES),
});

const outcomeOutput = z.object({
  id: z.uuid(),
  status: z.enum(['approved', 'edited', 'rejected']),
  messageId: z.uuid().nullable(),
  send: z.enum(['sent', 'not_due', 'taken', 'refused', 'failed', 'retry', 'unknown']).nullable(),
});

const idInput = z.object({ id: z.uuid('Not a valid id') });
const editInput = idInput.extend({ subject: z.string().trim().max(200).optional(), body: z.string().trim().min(1, 'Write the answer').max(10_000) });
const rejectInput = idInput.extend({ reason: z.string().trim().min(1, 'Say why').max(500), stage: z.enum(PROSPECT_STAGES).optional() });

type Ctx = { services: AppServices; log: Logger; actor: Actor; inWorkspace: ThreadReplyDeps['inWorkspace'] };

function resolve(ctx: Ctx, id: string, action: ReviewAction) {
  const { config, secretBox } = ctx.services;
  return resolveReviewItem({ inWorkspace: ctx.inWorkspace, config, secretBox, logger: ctx.log }, ctx.actor, id, action);
}

const approveMeta = (path: `/${string}`, hidden = false) => ({ openapi: { method: 'POST' as const, path, tags, summary: 'Approve: send the draft in the thread (at most once, even from two tabs: the second gets 409)', ...(hidden ? { description: 'Alias of POST /admin/ai-review-queue/{id}/approve.' } : {}) } });
const editMeta = (path: `/${string}`) => ({ openapi: { method: 'POST' as const, path, tags, summary: 'Edit and send: `{subject?, body}` replaces the draft, then it is sent in the thread' } });
const rejectMeta = (path: `/${string}`) => ({ openapi: { method: 'POST' as const, path, tags, summary: 'Reject: nothing is sent; `{reason}` is logged, `stage` optionally moves the prospect' } });

const approve = (path: `/${string}`, alias = false) => authedProcedure.meta(approveMeta(path, alias)).input(idInput).output(outcomeOutput).mutation(({ ctx, input }) => resolve(ctx, input.id, { kind: 'approve' }));
const edit = (path: `/${string}`) => authedProcedure.meta(editMeta(path)).input(editInput).output(outcomeOutput).mutation(({ ctx, input }) => resolve(ctx, input.id, { kind: 'edit', subject: input.subject, body: input.body }));
const reject = (path: `/${string}`) => authedProcedure.meta(rejectMeta(path)).input(rejectInput).output(outcomeOutput).mutation(({ ctx, input }) => resolve(ctx, input.id, { kind: 'reject', reason: input.reason, stage: input.stage }));

export const reviewRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/ai-review-queue', tags, summary: 'Replies waiting for a person (pending by default), newest first, with the draft' } })
    .input(
      z.object({
        status: z.enum(['pending', 'approved', 'edited', 'rejected', 'all']).default('pending'),
        intent: z.enum(REPLY_INTENTS).optional(),
        campaignId: z.uuid('Not a valid id').optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.object({ items: z.array(reviewItemOutput) }))
    .query(async ({ ctx, input }) => ({ items: await ctx.inWorkspace((db) => listReviewItems(db, input)) })),

  count: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/ai-review-queue/count', tags, summary: 'How many items wait for review (the navigation badge)' } })
    .input(z.object({}).optional())
    .output(z.object({ pending: z.number().int() }))
    .query(async ({ ctx }) => ({ pending: await ctx.inWorkspace(pendingReviewCount) })),

  approve: approve('/admin/ai-review-queue/{id}/approve'),
  edit: edit('/admin/ai-review-queue/{id}/edit'),
  reject: reject('/admin/ai-review-queue/{id}/reject'),
  // The original plan's paths answer too.
  approveAlias: approve('/ai-review-queue/{id}/approve', true),
  editAlias: edit('/ai-review-queue/{id}/edit'),
  rejectAlias: reject('/ai-review-queue/{id}/reject'),
});
