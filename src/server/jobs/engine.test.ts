import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-db.js';
import type { Db } from '../db/database.js';
import { alerts, events, jobs, users } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { defineJob } from './definitions.js';
import { JobEngine } from './engine.js';
import { enqueueJob } from './queue.js';

const logger = pino({ level: 'silent' });
let database: TestDatabase;
const workspaceId = randomUUID();
const otherWorkspaceId = randomUUID();
const attemptsSeen = new Map<string, number>();

const recordRun = defineJob({
  type: 'test.record',
  payload: z.object({ label: z.string() }),
  async handler(ctx) {
    const visible = await ctx.inWorkspace(async (db) => {
      await recordEvent(db, { workspaceId: ctx.job.workspaceId!, type: 'test.ran', jobId: ctx.job.id, data: { label: ctx.payload.label } });
      return db.select({ id: events.id }).from(events);
    });
    return { visibleEvents: visible.length };
  },
});
const flaky = defineJob({
  type: 'test.flaky',
  payload: z.object({ failTimes: z.number() }),
  backoffMs: 1000,
  async handler(ctx) {
    const seen = (attemptsSeen.get(ctx.job.id) ?? 0) + 1;
    attemptsSeen.set(ctx.job.id, seen);
    if (seen <= ctx.payload.failTimes) throw new Error(`flaky failure #${seen}`);
    return { succeededOnAttempt: ctx.job.attempts };
  },
});
const alwaysFails = defineJob({
  type: 'test.always-fails',
  payload: z.object({}),
  backoffMs: 1,
  async handler() {
    throw new Error('the remote API is down');
  },
});
const withProgress = defineJob({
  type: 'test.progress',
  payload: z.object({ total: z.number() }),
  async handler(ctx) {
    for (let done = 1; done <= ctx.payload.total; done++) await ctx.reportProgress(done, ctx.payload.total, 'Working');
  },
});

function engine(workerId = `test-${randomUUID().slice(0, 6)}`) {
  return new JobEngine(database, logger, { concurrency: 4, leaseMs: 30_000, pollCron: '* * * * * *', workerId })
    .register(recordRun)
    .register(flaky)
    .register(alwaysFails)
    .register(withProgress);
}

const inWs = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(workspaceId, fn);
const jobRow = async (id: string) => (await database.asSystem((db) => db.select().from(jobs).where(eq(jobs.id, id))))[0]!;
/** Makes a queued retry due now instead of after its backoff. */
const makeDue = (id: string) => database.asSystem((db) => db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.id, id)));

beforeAll(async () => {
  database = await createTestDatabase();
  for (const id of [workspaceId, otherWorkspaceId]) {
    await database.withWorkspace(id, async (db) => {
      const [user] = await db.insert(users).values({ email: `owner-${id}@example.com`, name: 'Owner', passwordHash: 'x' }).returning();
      await provisionWorkspace(db, { workspaceId: id, name: 'W', ownerUserId: user!.id, ownerName: 'Owner' });
    });
  }
  await database.withWorkspace(otherWorkspaceId, (db) => recordEvent(db, { workspaceId: otherWorkspaceId, type: 'other.workspace' }));
});
afterAll(() => database.close());

describe('job engine', () => {
  it('runs a job once, inside its own workspace only, and records the result', async () => {
    const { id } = await inWs((db) => enqueueJob(db, 'test.record', { label: 'hello' }, { workspaceId }));
    await engine().drain();
    const row = await jobRow(id);
    expect(row.state).toBe('succeeded');
    expect(row.attempts).toBe(1);
    const ran = await inWs((db) => db.select().from(events).where(eq(events.jobId, id)));
    expect(ran).toHaveLength(1);
    // The other workspace's event exists but the handler's scoped view never saw it.
    expect((row.result as { visibleEvents: number }).visibleEvents).toBe(
      (await inWs((db) => db.select().from(events).where(sql`created_at <= ${row.finishedAt!.toISOString()}`))).length,
    );
  });

  it('refuses a payload that does not match the job schema', async () => {
    const { id } = await inWs((db) => enqueueJob(db, 'test.record', { label: 42 }, { workspaceId, maxAttempts: 1 }));
    await engine().drain();
    const row = await jobRow(id);
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/invalid payload/);
  });

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const { id } = await inWs((db) => enqueueJob(db, 'test.flaky', { failTimes: 2 }, { workspaceId }));
    const worker = engine();
    await worker.drain();
    let row = await jobRow(id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, lastError: 'flaky failure #1' });
    const firstDelay = row.runAt.getTime() - row.updatedAt.getTime();
    expect(firstDelay).toBeGreaterThan(800);
    expect(firstDelay).toBeLessThan(1500);
    await makeDue(id);
    await worker.drain();
    row = await jobRow(id);
    expect(row).toMatchObject({ state: 'queued', attempts: 2 });
    const secondDelay = row.runAt.getTime() - row.updatedAt.getTime();
    expect(secondDelay).toBeGreaterThan(1800);
    expect(secondDelay).toBeLessThan(2500);
    await makeDue(id);
    await worker.drain();
    row = await jobRow(id);
    expect(row).toMatchObject({ state: 'succeeded', attempts: 3, result: { succeededOnAttempt: 3 } });
  });

  it('marks a job that throws 3 times as failed and raises an alert and an event', async () => {
    const { id } = await inWs((db) => enqueueJob(db, 'test.always-fails', {}, { workspaceId }));
    const worker = engine();
    for (let i = 0; i < 3; i++) {
      await makeDue(id);
      await worker.drain();
    }
    const row = await jobRow(id);
    expect(row).toMatchObject({ state: 'failed', attempts: 3, lastError: 'the remote API is down' });
    const raised = await inWs((db) => db.select().from(alerts).where(sql`data->>'jobId' = ${id}`));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ type: 'job_failed', severity: 'warning' });
    expect(raised[0]!.message).toContain('the remote API is down');
    const failedEvents = await inWs((db) => db.select().from(events).where(sql`type = 'job.failed' and job_id = ${id}`));
    expect(failedEvents).toHaveLength(1);
    // A failed job stays failed: more polls do nothing.
    await worker.drain();
    expect((await jobRow(id)).attempts).toBe(3);
  });

  it('retries a job whose worker died (lease expired), and fails it when that was the last attempt', async () => {
    const { id: crashed } = await inWs((db) => enqueueJob(db, 'test.record', { label: 'after crash' }, { workspaceId }));
    const { id: exhausted } = await inWs((db) => enqueueJob(db, 'test.record', { label: 'never' }, { workspaceId }));
    const expiredLease = { state: 'running' as const, lockedBy: 'dead-worker', leaseUntil: new Date(Date.now() - 1000) };
    await database.asSystem(async (db) => {
      await db.update(jobs).set({ ...expiredLease, attempts: 1 }).where(eq(jobs.id, crashed));
      await db.update(jobs).set({ ...expiredLease, attempts: 3 }).where(eq(jobs.id, exhausted));
    });
    await engine().drain();
    expect(await jobRow(crashed)).toMatchObject({ state: 'succeeded', attempts: 2 });
    const dead = await jobRow(exhausted);
    expect(dead.state).toBe('failed');
    expect(dead.lastError).toMatch(/lease expired/);
  });

  it('does not take a job another worker holds a live lease on', async () => {
    const { id } = await inWs((db) => enqueueJob(db, 'test.record', { label: 'held' }, { workspaceId }));
    await database.asSystem((db) =>
      db.update(jobs).set({ state: 'running', lockedBy: 'other-worker', attempts: 1, leaseUntil: new Date(Date.now() + 60_000) }).where(eq(jobs.id, id)),
    );
    await engine().drain();
    expect(await jobRow(id)).toMatchObject({ state: 'running', lockedBy: 'other-worker', attempts: 1 });
  });

  it('deduplicates pending jobs by key, and frees the key once the job is done', async () => {
    const first = await inWs((db) => enqueueJob(db, 'test.record', { label: 'a' }, { workspaceId, dedupeKey: 'enrich:42' }));
    const second = await inWs((db) => enqueueJob(db, 'test.record', { label: 'b' }, { workspaceId, dedupeKey: 'enrich:42' }));
    expect(second).toEqual({ id: first.id, deduplicated: true });
    // The same key in another workspace is another job.
    const elsewhere = await database.withWorkspace(otherWorkspaceId, (db) =>
      enqueueJob(db, 'test.record', { label: 'c' }, { workspaceId: otherWorkspaceId, dedupeKey: 'enrich:42' }),
    );
    expect(elsewhere.id).not.toBe(first.id);
    await engine().drain();
    const third = await inWs((db) => enqueueJob(db, 'test.record', { label: 'd' }, { workspaceId, dedupeKey: 'enrich:42' }));
    expect(third.deduplicated).toBe(false);
    expect(third.id).not.toBe(first.id);
    await engine().drain();
  });

  it('refuses to enqueue into another workspace', async () => {
    await expect(inWs((db) => enqueueJob(db, 'test.record', { label: 'x' }, { workspaceId: otherWorkspaceId }))).rejects.toThrow();
  });

  it('records progress on the job and as live events', async () => {
    const { id } = await inWs((db) => enqueueJob(db, 'test.progress', { total: 3 }, { workspaceId }));
    await engine().drain();
    const row = await jobRow(id);
    expect(row.progress).toEqual({ done: 3, total: 3, label: 'Working' });
    const progressEvents = await inWs((db) => db.select().from(events).where(sql`type = 'job.progress' and job_id = ${id}`));
    // Throttled: the first and the final update are always announced.
    expect(progressEvents.length).toBeGreaterThanOrEqual(2);
    expect(progressEvents.at(-1)!.data).toMatchObject({ done: 3, total: 3 });
  });

  it('polls on its cron schedule and stops cleanly', async () => {
    const worker = engine();
    worker.start();
    const { id } = await inWs((db) => enqueueJob(db, 'test.record', { label: 'cron' }, { workspaceId }));
    const deadline = Date.now() + 5000;
    while ((await jobRow(id)).state !== 'succeeded' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await worker.stop(1000);
    expect((await jobRow(id)).state).toBe('succeeded');
  });

  it('enqueues one system job per tick even when several instances fire', async () => {
    const tickAt = new Date('2026-01-01T10:00:00.000Z');
    await Promise.all([engine().enqueueTickJob('system.tick', tickAt), engine().enqueueTickJob('system.tick', tickAt)]);
    const rows = await database.asSystem((db) => db.select().from(jobs).where(eq(jobs.type, 'system.tick')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.workspaceId).toBeNull();
  });
});
