import type { Db } from '../db/database.js';
import { z } from 'zod';
import { defineJob, defineJobModule } from '../jobs/definitions.js';
import { sendThreadReplyNow } from '../sending/thread-reply.jobs.js';
import { decideInboundMessage } from './decision.service.js';

/**
 * `agent.decide`: classify a stored reply, decide, act. In the `ingest` family: a slow model holds
 * a reply worker, never a send worker. An automatic answer due now (undo window 0) is sent here
 * at once (the queued send job then finds it taken), so arrival to answer is one job.
 */
export const agentDecideJob = defineJob({
  name: 'agent.decide',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({ messageId: z.uuid() }),
  attempts: 3,
  backoffMs: 5_000,
  async handler(ctx) {
    const deps = { inWorkspace: <T>(fn: (db: Db) => Promise<T>) => ctx.inWorkspace(fn), config: ctx.services.config, secretBox: ctx.services.secretBox, logger: ctx.log };
    const result = await decideInboundMessage(deps, ctx.payload.messageId);
    if (result.kind !== 'decided') return { result: result.kind };
    const { applied, verdict } = result;
    let sent: string | null = null;
    if (applied.replyMessageId && applied.sendAt && applied.sendAt.getTime() <= Date.now()) sent = await sendThreadReplyNow(deps, applied.replyMessageId);
    return { decisionId: applied.decisionId, intent: verdict.intent, action: verdict.action, status: applied.status, provider: verdict.provider, sent };
  },
});

export const agentJobs = defineJobModule({ name: 'agent', jobs: [agentDecideJob] });
