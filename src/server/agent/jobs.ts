import type { Db } from '../db/database.js';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../db/database.js';
import { defineJob, defineJobModule } from '../jobs/definitions.js';
import { enqueue } from '../jobs/queue.js';
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
    const deps = { inWorkspace: <T>(fn: (db: Db) => Promise<T>) => ctx.inWorkspace(fn), config: ctx.services.config, secretBox: ctx.services.secretBox, logger: ctx.log };
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
    return processDueReminders({ inWorkspace: <T>(fn: (db: Db) => Promise<T>) => ctx.inWorkspace(fn), config: ctx.services.config, secretBox: ctx.services.secretBox, logger: ctx.log });
  },
});

/**
 * On MAINTENANCE_CRON: one reminders run per workspace with a reminder due. Reminders are days, so
 * a few minutes' granularity is plenty; whatever came due while no instance ran is due at the next tick.
 */
export const agentRemindersTickJob = defineJob({
  name: 'agent.reminders_tick',
  family: 'ingest',
  scope: 'system',
  payload: z.object({}),
  attempts: 1,
  async handler({ services }) {
    return services.database.asSystem(async (db) => {
      const rows = await queryRows<{ workspace_id: string }>(db, sql`select distinct workspace_id from ai_decisions where reminder_status = 'scheduled' and remind_at <= now()`);
      // Deduplicated per workspace: a run still queued or running is not doubled by the next tick.
      for (const row of rows) await enqueue(db, agentRemindersJob, {}, { workspaceId: row.workspace_id, dedupeKey: 'agent.reminders' });
      return { workspaces: rows.length };
    });
  },
});

export const agentJobs = defineJobModule({
  name: 'agent',
  jobs: [agentDecideJob, agentRemindersJob, agentRemindersTickJob],
  schedules: [{ job: agentRemindersTickJob, cron: (config) => config.jobs.maintenanceCron }],
});
