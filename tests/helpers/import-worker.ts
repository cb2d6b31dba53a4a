/**
 * A separate OS process running the ingest family's CSV import job against the database at argv[2],
 * for the crash test: it is killed with SIGKILL mid-file. Batches are slowed down (argv[3] ms) so the
 * kill lands between two of them whatever the machine's speed.
 */
import { openDatabase } from '../../src/server/db/database.js';
import { defineJob } from '../../src/server/jobs/definitions.js';
import { JobEngine } from '../../src/server/jobs/engine.js';
import { importProspectsJob, runImportJob } from '../../src/server/prospects/jobs.js';
import { createTestServices } from './test-services.js';

const [url, pauseMs = '200'] = process.argv.slice(2) as [string, string?];
const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
const services = await createTestServices(database, { LOG_LEVEL: 'warn', DATABASE_URL: url });
const engine = new JobEngine(services, {
  concurrency: { send: 1, ingest: 1, enrich: 1, scrape: 1, maintenance: 1 },
  // Short, so the job of a killed worker is claimable again soon after.
  leaseMs: 4000,
  pollCron: '* * * * * *',
  workerId: 'import-worker',
});
engine.register(defineJob({ ...importProspectsJob, handler: (ctx) => runImportJob(ctx, { pauseMs: Number(pauseMs) }) }));
engine.start();
void engine.poll();
process.stdout.write('ready\n');
