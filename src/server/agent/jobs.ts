import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, defineJobModule, workspaceServiceDeps } from '../jobs/definitions.js';
import { defineFanOutTick } from '../jobs/fan-out.js';
import { sendThreadReplyNow } from '../sending/thread-reply.jobs.js';
import { decideInboundMessage } from './decision.service.js';
import { processDueReminders } from './reminders.service.js';

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
    const deps = workspaceServiceDeps(ctx);
    const result = await decideInboundMessage(deps, ctx.payload.messageId);
    if (result.kind !== 'decided') return { result: result.kind };
    const { applied, verdict } = result;
    let sent: string | null = null;
    if (applied.replyMessageId && applied.sendAt && applied.sendAt.getTime() <= Date.now()) sent = await sendThreadReplyNow(deps, applied.replyMessageId);
    return { decisionId: applied.decisionId, intent: verdict.intent, action: verdict.action, status: applied.status, provider: verdict.provider, sent };
  },
});

/** One workspace's due `not_now` reminders → follow-ups in the review queue (reminders.service.ts). */
export const agentRemindersJob = defineJob({
  name: 'agent.reminders',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({}),
  // The next tick is the retry: a reminder left `scheduled` is still due then.
  attempts: 1,
  async handler(ctx) {
    return processDueReminders(workspaceServiceDeps(ctx));
  },
});

/**
 * On MAINTENANCE_CRON: one reminders run per workspace with a reminder due. Reminders are days, so
 * a few minutes' granularity is plenty; whatever came due while no instance ran is due at the next tick.
 */
export const agentRemindersTickJob = defineFanOutTick<{ workspace_id: string }>({
  name: 'agent.reminders_tick',
  family: 'ingest',
  target: agentRemindersJob,
  select: sql`select distinct workspace_id from ai_decisions where reminder_status = 'scheduled' and remind_at <= now()`,
  payload: () => ({}),
  dedupeKey: () => 'agent.reminders',
});

export const agentJobs = defineJobModule({
  name: 'agent',
  jobs: [agentDecideJob, agentRemindersJob, agentRemindersTickJob],
  schedules: [{ job: agentRemindersTickJob, cron: (config) => config.jobs.maintenanceCron }],
});
