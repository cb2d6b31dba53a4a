import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../config.js';
import { queryRows } from '../db/database.js';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { countJob } from '../../../tests/helpers/count-job.js';
import { enqueue } from './queue.js';

const JOBS = 240;
let database: TestDatabase;
const workers: ChildProcess[] = [];

function startWorker(url: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(APP_ROOT, 'tests/helpers/job-worker.ts'), url, name], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker ${name} exited early with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

// Two engines in two OS processes on one Postgres: only meaningful with a real server (PGlite is
// one process by design), so this runs in the Postgres pass of the suite.
describe.runIf(process.env.DATABASE_URL)('job engine across processes', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.asSystem((db) => db.execute(sql`create table job_runs (job_id uuid not null, worker text not null)`));
  });
  afterAll(async () => {
    for (const child of workers) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database?.close();
  });

  it('runs each job exactly once when two processes compete for them', async () => {
    await database.asSystem(async (db) => {
      for (let n = 0; n < JOBS; n++) await enqueue(db, countJob('enqueuer'), { n });
    });
    await Promise.all([startWorker(database.url!, 'worker-a'), startWorker(database.url!, 'worker-b')]);
    const deadline = Date.now() + 60_000;
    let done = 0;
    while (Date.now() < deadline) {
      const [row] = await database.asSystem((db) =>
        queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where type = 'test.count' and state = 'succeeded'`),
      );
      done = row!.n;
      if (done === JOBS) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(done).toBe(JOBS);
    const [runs] = await database.asSystem((db) =>
      queryRows<{ total: number; distinct_jobs: number; workers: number }>(
        db,
        sql`select count(*)::int as total, count(distinct job_id)::int as distinct_jobs, count(distinct worker)::int as workers from job_runs`,
      ),
    );
    expect(runs).toEqual({ total: JOBS, distinct_jobs: JOBS, workers: 2 });
  });
});
