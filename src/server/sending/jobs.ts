import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../db/database.js';
import { defineJob, defineJobModule } from '../jobs/definitions.js';
import { enqueue } from '../jobs/queue.js';
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
    const result = await runSendTick({ inWorkspace: (fn) => ctx.inWorkspace(fn), config: ctx.services.config, secretBox: ctx.services.secretBox, logger: ctx.log }, { signal: ctx.signal });
    return result;
  },
});

/** On SEND_TICK_CRON: one workspace tick per workspace with an active campaign (or a message in flight). */
export const sendTickJob = defineJob({
  name: 'sending.tick',
  family: 'send',
  scope: 'system',
  payload: z.object({}),
  attempts: 1,
  async handler({ services }) {
    return services.database.asSystem(async (db) => {
      const rows = await queryRows<{ workspace_id: string }>(
        db,
        sql`select distinct workspace_id from campaigns where status = 'active'
            union select distinct workspace_id from messages where direction = 'outbound' and state = 'sending'`,
      );
      for (const row of rows) await enqueue(db, workspaceSendTickJob, {}, { workspaceId: row.workspace_id, dedupeKey: 'sending.tick' });
      return { workspaces: rows.length };
    });
  },
});

export const sendingJobs = defineJobModule({
  name: 'sending',
  jobs: [workspaceSendTickJob, sendTickJob, threadReplySendJob, instantlyPushJob],
  schedules: [{ job: sendTickJob, cron: (config) => config.jobs.sendTickCron }],
});
