/**
 * A separate OS process running a job engine against the database at argv[2], used by the
 * multi-process test. Each run of `test.count` is logged in `job_runs` with this worker's name.
 */
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { z } from 'zod';
import { openDatabase } from '../../src/server/db/database.js';
import { defineJob } from '../../src/server/jobs/definitions.js';
import { JobEngine } from '../../src/server/jobs/engine.js';

const [url, worker] = process.argv.slice(2) as [string, string];
const database = await openDatabase({ kind: 'postgres', url, poolSize: 6 });
const engine = new JobEngine(database, pino({ level: 'warn' }), { concurrency: 6, leaseMs: 30_000, pollCron: '* * * * * *', workerId: worker });
engine.register(
  defineJob({
    type: 'test.count',
    payload: z.object({ n: z.number() }),
    async handler(ctx) {
      await ctx.database.asSystem((db) => db.execute(sql`insert into job_runs (job_id, worker) values (${ctx.job.id}, ${worker})`));
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    },
  }),
);
engine.start();
void engine.poll();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void engine
    .stop(2000)
    .then(() => database.close())
    .then(() => process.exit(0));
});
