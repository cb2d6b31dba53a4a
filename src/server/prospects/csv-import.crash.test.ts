import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { APP_ROOT } from '../config.js';
import { queryRows } from '../db/database.js';
import { prospectImports, prospects } from '../db/schema/index.js';
import { IMPORT_BATCH_SIZE } from './csv-import-run.js';
import { eventsOf, importCsvText, signedIn } from './prospects.test-helpers.js';

const ROWS = IMPORT_BATCH_SIZE * 4 + 123;
let t: TestApp;
const children: ChildProcess[] = [];

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(APP_ROOT, 'tests/helpers/import-worker.ts'), url, '300'], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`import worker exited early with ${code ?? signal}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// A job worker in another OS process, killed mid-file: only meaningful on a real server (PGlite is one
// process), so this runs in the Postgres pass of the suite.
describe.runIf(process.env.DATABASE_URL)('CSV import killed mid-file', () => {
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await t?.stop();
  });

  it('resumes from the last committed batch after SIGKILL: every row once, none lost, counts exact', async () => {
    const { client, workspaceId } = await signedIn(t);
    const csv = ['email,first_name,tags', ...Array.from({ length: ROWS }, (_, i) => `crash${i}@example.com,Row${i},t${i % 3}`)].join('\n');
    const upload = await importCsvText(client, csv, '?fileName=crash.csv');
    expect(upload.body).toMatchObject({ status: 'running' });
    const importId = upload.body.importId;
    const state = () => t.database.withWorkspace(workspaceId, async (db) => (await db.select().from(prospectImports).where(eq(prospectImports.id, importId)))[0]!);

    const worker = await startWorker(t.database.url!);
    const before = await waitFor('a committed batch', state, (row) => row.processedRows >= IMPORT_BATCH_SIZE);
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const atKill = await state();
    expect(atKill.status).toBe('running');
    expect(atKill.processedRows).toBeLessThan(ROWS);
    expect(atKill.processedRows % IMPORT_BATCH_SIZE).toBe(0);
    expect(atKill.processedRows).toBeGreaterThanOrEqual(before.processedRows);
    // Whole batches only: the rows in the table are exactly the ones the resume point counts.
    expect(await t.database.withWorkspace(workspaceId, (db) => db.$count(prospects))).toBe(atKill.processedRows);

    // Another worker takes the job over once the dead one's lease has run out, and finishes the file.
    const second = await startWorker(t.database.url!);
    const end = await waitFor('the end of the import', state, (row) => row.status !== 'running');
    expect(end).toMatchObject({ status: 'completed', processedRows: ROWS, totalRows: ROWS, imported: ROWS, duplicates: 0, errorCount: 0, skipped: 0 });
    const [counts] = await t.database.withWorkspace(workspaceId, (db) =>
      queryRows<{ total: number; distinct_emails: number }>(db, sql`select count(*)::int as total, count(distinct email)::int as distinct_emails from prospects`),
    );
    expect(counts).toEqual({ total: ROWS, distinct_emails: ROWS });
    // The job is recorded as succeeded just after the import's last transaction.
    const jobOf = () => t.database.asSystem(async (db) => (await queryRows<{ state: string; attempts: number }>(db, sql`select state, attempts from jobs where payload->>'importId' = ${importId}`))[0]!);
    const job = await waitFor('the job to succeed', jobOf, (row) => row.state !== 'running');
    second.kill('SIGKILL');
    expect(job.state).toBe('succeeded');
    // Two runs at least (the killed one and the one that finished); a lease lost under load may add one, never a row.
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    // Progress went on from where it stopped: one event per batch, none repeated.
    const progress = (await eventsOf(t, workspaceId)).filter((e) => e.type === 'import.progress').map((e) => e.data.processedRows as number);
    expect(progress).toEqual([...new Set(progress)].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(ROWS);
    expect(await client.trpc().prospects.tags.query()).toEqual(['t0', 't1', 't2']);
    // Two child processes start (tsx) and a lease runs out in between: slow on a loaded machine.
  }, 180_000);
});
