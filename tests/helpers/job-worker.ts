/**
 * A separate OS process running a job engine against the database at argv[2], used by the
 * multi-process test. Each run of `test.count` is logged in `job_runs` with this worker's name.
 */
import { openDatabase } from '../../src/server/db/database.js';
import { JobEngine } from '../../src/server/jobs/engine.js';
import { createTestServices } from './test-services.js';
import { countJob } from './count-job.js';

const [url, worker] = process.argv.slice(2) as [string, string];
const database = await openDatabase({ kind: 'postgres', url, poolSize: 6 });
const services = await createTestServices(database, { LOG_LEVEL: 'warn' });
const engine = new JobEngine(services, {
  concurrency: { send: 6, ingest: 1, enrich: 1, scrape: 1, maintenance: 1 },
  leaseMs: 30_000,
  pollCron: '* * * * * *',
  workerId: worker,
});
engine.register(countJob(worker));
engine.start();
void engine.poll();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void engine
    .stop(2000)
    .then(() => services.close())
    .then(() => database.close())
    .then(() => process.exit(0));
});
