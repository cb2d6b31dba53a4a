import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, defineJobModule, workspaceServiceDeps } from '../jobs/definitions.js';
import { defineFanOutTick } from '../jobs/fan-out.js';
import { instantlyPushJob } from './instantly-push.job.js';
import { runSendTick } from './send-tick.service.js';
import { threadReplySendJob } from './thread-reply.jobs.js';

/** One workspace's tick: due → claim → render → transport → record (see send-tick.service.ts). */
export const workspaceSendTickJob = defineJob({
  name: 'sending.workspace_tick',
  family: 'send',
  scope: 'workspace',
  payload: z.object({}),
  // A failed tick is simply the next one: never re-run a tick late (it would send outside its minute).
  attempts: 1,
  async handler(ctx) {
    const result = await runSendTick(workspaceServiceDeps(ctx), { signal: ctx.signal });
    return result;
  },
});

/** On SEND_TICK_CRON: one workspace tick per workspace with an active campaign (or a message in flight). */
export const sendTickJob = defineFanOutTick<{ workspace_id: string }>({
  name: 'sending.tick',
  family: 'send',
  target: workspaceSendTickJob,
  select: sql`select distinct workspace_id from campaigns where status = 'active'
              union select distinct workspace_id from messages where direction = 'outbound' and state = 'sending'`,
  payload: () => ({}),
  dedupeKey: () => 'sending.tick',
});

export const sendingJobs = defineJobModule({
  name: 'sending',
  jobs: [workspaceSendTickJob, sendTickJob, threadReplySendJob, instantlyPushJob],
  schedules: [{ job: sendTickJob, cron: (config) => config.jobs.sendTickCron }],
});
