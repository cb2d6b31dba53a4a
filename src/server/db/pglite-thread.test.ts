import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { isUniqueViolation } from './errors.js';
import { openDatabase, queryRows, type Database } from './database.js';
import type { PgliteThread } from './pglite-thread.js';
import { users } from './schema/index.js';

// The embedded database runs in a worker thread (issue 12). These tests run on PGlite only: on
// PostgreSQL (DATABASE_URL set) there is no embedded database to move off the event loop.
const onPglite = !process.env.DATABASE_URL;

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stallMs: number; workMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  await work();
  const workMs = performance.now() - started;
  clearInterval(timer);
  return { stallMs: Math.max(stallMs, performance.now() - last), workMs };
}

// Busy for 0.6 s inside the database; on PGlite's own thread it would block the event loop throughout.
const heavyQuery = sql`select pg_sleep(0.6)::text as slept`;

describe.runIf(onPglite)('PGlite in a worker thread', () => {
  const template = () => new Blob([readFileSync(inject('pgliteTemplate'))]);
  let database: Database;
  beforeAll(async () => {
    // In the worker whatever PGLITE_WORKER says (the switch is what the rest of the suite follows).
    database = await openDatabase({ kind: 'pglite', worker: true, loadDataDir: template() });
  });
  afterAll(() => database.close());

  it('keeps timers running while the database works', async () => {
    const { stallMs, workMs } = await longestStall(() => database.asSystem((db) => queryRows(db, heavyQuery)));
    expect(workMs).toBeGreaterThan(300);
    // In the server's own thread the loop would stall for the whole query (workMs). Relative, not
    // absolute: on a loaded machine both the query and the timers slow down.
    expect(stallMs).toBeLessThan(workMs / 3);
  });

  it('fires a timer on time while a long query runs', async () => {
    const started = performance.now();
    const long = database.asSystem((db) => queryRows(db, heavyQuery));
    const tick = await new Promise<number>((resolve) => {
      const set = performance.now();
      setTimeout(() => resolve(performance.now() - set), 20);
    });
    await long;
    expect(tick).toBeLessThan((performance.now() - started) / 3);
  });

  it('keeps the Postgres error code and message of a failed statement', async () => {
    const email = `dup-${randomUUID()}@example.com`;
    await database.asSystem((db) => db.insert(users).values({ email, name: 'A', passwordHash: 'x' }));
    const error = await database.asSystem((db) => db.insert(users).values({ email, name: 'B', passwordHash: 'x' })).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(String((error as { cause?: Error }).cause?.message)).toMatch(/duplicate key/);
    // The connection is usable afterwards: the failed transaction was rolled back.
    const [row] = await database.asSystem((db) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from users where email = ${email}`));
    expect(row?.n).toBe(1);
  });

  it('rolls back a transaction whose callback throws, and parses timestamps as before', async () => {
    const email = `rollback-${randomUUID()}@example.com`;
    await expect(
      database.asSystem(async (db) => {
        await db.insert(users).values({ email, name: 'R', passwordHash: 'x' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const rows = await database.asSystem((db) => db.select().from(users).where(sql`${users.email} = ${email}`));
    expect(rows).toHaveLength(0);
    const [created] = await database.asSystem((db) => db.insert(users).values({ email, name: 'R', passwordHash: 'x' }).returning());
    expect(created?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(created!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('opens a transaction with its first statement, and leaves none open after a failed or an empty one', async () => {
    const client = (database.db as unknown as { $client: PgliteThread }).$client;
    const nowOf = (result: { rows: { t: string }[] }) => result.rows[0]!.t;
    const inOne = await client.transaction(async (tx) => {
      const first = nowOf(await tx.query<{ t: string }>('select now()::text as t'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      return [first, nowOf(await tx.query<{ t: string }>('select now()::text as t'))];
    });
    // now() is the transaction's start: equal from the first statement on.
    expect(inOne[0]).toBe(inOne[1]);
    await expect(client.transaction((tx) => tx.query('select 1 / 0'))).rejects.toThrow(/division by zero/);
    expect(await client.transaction(async () => 'nothing sent')).toBe('nothing sent');
    // Outside a transaction each statement has its own now(): nothing was left open.
    const first = nowOf(await client.query<{ t: string }>('select now()::text as t'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(nowOf(await client.query<{ t: string }>('select now()::text as t'))).not.toBe(first);
  });

  it('delivers NOTIFY to listeners after the commit, and not after they stop', async () => {
    const received: string[] = [];
    const stop = await database.listen('pglite_thread_test', (payload) => received.push(payload));
    await database.asSystem(async (db) => {
      await db.execute(sql`select pg_notify('pglite_thread_test', 'first')`);
      expect(received).toEqual([]);
    });
    await expect.poll(() => received).toEqual(['first']);
    await stop();
    await database.asSystem((db) => db.execute(sql`select pg_notify('pglite_thread_test', 'second')`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual(['first']);
  });

  it('starts with the smaller memory settings', async () => {
    const rows = await database.asSystem((db) => queryRows<{ name: string; setting: string; unit: string }>(db, sql`select name, setting, unit from pg_settings where name in ('shared_buffers', 'maintenance_work_mem')`));
    const mb = Object.fromEntries(rows.map((r) => [r.name, (Number(r.setting) * (r.unit === '8kB' ? 8 : 1)) / 1024]));
    expect(mb).toEqual({ shared_buffers: 16, maintenance_work_mem: 16 });
  });

  it('reports not ready, and fails statements, once closed', async () => {
    const own: Database = await openDatabase({ kind: 'pglite', worker: true, loadDataDir: template() });
    expect(await own.isReady()).toBe(true);
    await own.close();
    expect(await own.isReady()).toBe(false);
    await expect(own.asSystem((db) => queryRows(db, sql`select 1`))).rejects.toThrow();
  }, 90_000);

  it('opens a data folder reached through a symlink (a volume mounted elsewhere), and keeps its data there', async () => {
    const real = mkdtempSync(path.join(tmpdir(), 'sm-pglite-real-'));
    const linkParent = mkdtempSync(path.join(tmpdir(), 'sm-pglite-link-'));
    const link = path.join(linkParent, 'pglite');
    symlinkSync(real, link);
    try {
      const linked = await openDatabase({ kind: 'pglite', worker: true, dataDir: link });
      const [row] = await linked.asSystem((db) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from workspaces`));
      expect(row?.n).toBe(0);
      await linked.close();
      expect(readdirSync(real)).toContain('PG_VERSION');
    } finally {
      rmSync(real, { recursive: true, force: true });
      rmSync(linkParent, { recursive: true, force: true });
    }
  }, 120_000);

  it('says what went wrong when its data folder cannot be used (a file in its place), rather than "[object Object]"', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'sm-pglite-file-'));
    const file = path.join(parent, 'pglite');
    writeFileSync(file, 'not a folder');
    try {
      const opening = openDatabase({ kind: 'pglite', worker: true, dataDir: file });
      await expect(opening).rejects.toThrow(/\w/);
      await expect(opening).rejects.not.toThrow('[object Object]');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }, 90_000);

  it('still runs on the event loop when PGLITE_WORKER=false', async () => {
    const inThread = await openDatabase({ kind: 'pglite', worker: false, loadDataDir: template() });
    try {
      expect(await inThread.isReady()).toBe(true);
      const [row] = await inThread.asSystem((db) => queryRows<{ n: number }>(db, sql`select 41 + 1 as n`));
      expect(row?.n).toBe(42);
    } finally {
      await inThread.close();
    }
  }, 90_000);
});
