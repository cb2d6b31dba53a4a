import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../src/server/jobs/definitions.js';

/** A system job that logs each run in `job_runs` with the worker's name (multi-process test). */
export function countJob(worker: string) {
  return defineJob({
    name: 'test.count',
    family: 'send',
    scope: 'system',
    payload: z.object({ n: z.number() }),
    async handler(ctx) {
      await ctx.services.database.asSystem((db) => db.execute(sql`insert into job_runs (job_id, worker) values (${ctx.job.id}, ${worker})`));
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    },
  });
}
