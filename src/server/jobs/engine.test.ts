import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { createTestServices } from '../../../tests/helpers/test-services.js';
import type { Db } from '../db/database.js';
import { alerts, events, jobs, users } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import type { OwnedServices } from '../services.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { defineJob, failPermanently, retryAt } from './definitions.js';
import { JobEngine } from './engine.js';
import { enqueue, JobPayloadError } from './queue.js';

let database: TestDatabase;
let services: OwnedServices;
const workspaceId = randomUUID();
const otherWorkspaceId = randomUUID();
const attemptsSeen = new Map<string, number>();

const recordRun = defineJob({
  name: 'test.record',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({ label: z.string() }),
  async handler(ctx) {
    const visible = await ctx.inWorkspace(async (db) => {
      await recordEvent(db, { workspaceId: ctx.workspaceId, type: 'test.ran', jobId: ctx.job.id, data: { label: ctx.payload.label } });
      return db.select({ id: events.id }).from(events);
    });
    return { visibleEvents: visible.length, sawDatabase: 'database' in ctx.services };
  },
});

const flaky = defineJob({
  name: 'test.flaky',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({ failTimes: z.number() }),
  // Long enough that a drain on a loaded machine never reaches the retry by itself (at 1 s, a slow
  // poll after the first failure found it already due and ran attempt 2 within the same drain).
  backoffMs: 5000,
  async handler(ctx) {
    const seen = (attemptsSeen.get(ctx.job.id) ?? 0) + 1;
    attemptsSeen.set(ctx.job.id, seen);
    if (seen <= ctx.payload.failTimes) throw new Error(`flaky failure #${seen}`);
    return { succeededOnAttempt: ctx.job.attempts };
  },
});

const alwaysFails = defineJob({
  name: 'test.always-fails',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({}),
  backoffMs: 1,
  async handler() {
    throw new Error('the remote API is down');
  },
});

const withProgress = defineJob({
  name: 'test.progress',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({ total: z.number() }),
  async handler(ctx) {
    for (let done = 1; done <= ctx.payload.total; done++) await ctx.reportProgress(done, ctx.payload.total, 'Working');
  },
});

/** Waits for a (fake) daily cap: asks to run again tomorrow until the payload says it may go. */
const capped = defineJob({
  name: 'test.capped',
  family: 'send',
  scope: 'workspace',
  payload: z.object({ deferTimes: z.number() }),
  async handler(ctx) {
    if (ctx.job.deferrals < ctx.payload.deferTimes) return retryAt(new Date(Date.now() + 3_600_000), 'Daily cap of 20 reached');
    return { sentAfterDeferrals: ctx.job.deferrals, attempt: ctx.job.attempts };
  },
});

const badKey = defineJob({
  name: 'test.bad-key',
  family: 'scrape',
  scope: 'workspace',
  payload: z.object({}),
  async handler() {
    return failPermanently('PhantomBuster rejected the API key');
  },
});

const systemTick = defineJob({ name: 'test.tick', family: 'maintenance', scope: 'system', payload: z.object({}), handler: async () => ({}) });

function engine(concurrency = 4, workerId = `test-${randomUUID().slice(0, 6)}`) {
  return new JobEngine(services, {
    concurrency: { send: concurrency, ingest: concurrency, enrich: concurrency, scrape: concurrency, maintenance: concurrency },
    leaseMs: 30_000,
    pollCron: '* * * * * *',
    workerId,
  })
    .register(recordRun)
    .register(flaky)
    .register(alwaysFails)
    .register(withProgress)
    .register(capped)
    .register(badKey);
}

const inWs = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(workspaceId, fn);
const jobRow = async (id: string) => (await database.asSystem((db) => db.select().from(jobs).where(eq(jobs.id, id))))[0]!;
/** Makes a queued retry due now instead of after its backoff. */
const makeDue = (id: string) => database.asSystem((db) => db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.id, id)));

beforeAll(async () => {
  database = await createTestDatabase();
  services = await createTestServices(database);
  for (const id of [workspaceId, otherWorkspaceId]) {
    await database.withWorkspace(id, async (db) => {
      const [user] = await db.insert(users).values({ email: `owner-${id}@example.com`, name: 'Owner', passwordHash: 'x' }).returning();
      await provisionWorkspace(db, { workspaceId: id, name: 'W', ownerUserId: user!.id, ownerName: 'Owner' });
    });
  }
  await database.withWorkspace(otherWorkspaceId, (db) => recordEvent(db, { workspaceId: otherWorkspaceId, type: 'other.workspace' }));
});
afterAll(async () => {
  await services.close();
  await database.close();
});

describe('job engine', () => {
  it('runs a job once, inside its own workspace only, without the system handle, and records the result', async () => {
    const { id } = await inWs((db) => enqueue(db, recordRun, { label: 'hello' }, { workspaceId }));
    await engine().drain();
    const row = await jobRow(id);
    expect(row).toMatchObject({ state: 'succeeded', attempts: 1, family: 'ingest', lastOutcome: 'succeeded' });
    const ran = await inWs((db) => db.select().from(events).where(eq(events.jobId, id)));
    expect(ran).toHaveLength(1);
    const result = row.result as { visibleEvents: number; sawDatabase: boolean };
    // The other workspace's event exists but the handler's scoped view never saw it.
    expect(result.visibleEvents).toBe((await inWs((db) => db.select().from(events).where(sql`created_at <= ${row.finishedAt!.toISOString()}`))).length);
    expect(result.sawDatabase).toBe(false);
  });

  it('refuses a bad payload at the enqueue call, and a wrong scope', async () => {
    await expect(
      // @ts-expect-error — the payload type comes from the definition: a number is not a label.
      inWs((db) => enqueue(db, recordRun, { label: 42 }, { workspaceId })),
    ).rejects.toThrow(JobPayloadError);
    await expect(inWs((db) => enqueue(db, recordRun, { label: 'x'.repeat(3) }, { workspaceId: '' }))).rejects.toThrow(/needs a workspace/);
    const none = await database.asSystem((db) => db.select().from(jobs).where(sql`payload->>'label' = '42'`));
    expect(none).toHaveLength(0);
  });

  it('fails a stored payload its definition no longer accepts without retrying it', async () => {
    const [row] = await database.asSystem((db) =>
      db.insert(jobs).values({ workspaceId, type: 'test.record', family: 'ingest', payload: { label: 7 } }).returning({ id: jobs.id }),
    );
    await engine().drain();
    expect(await jobRow(row!.id)).toMatchObject({ state: 'failed', attempts: 1, lastOutcome: 'failed_permanently' });
    expect((await jobRow(row!.id)).lastError).toMatch(/invalid payload: label/);
  });

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const { id } = await inWs((db) => enqueue(db, flaky, { failTimes: 2 }, { workspaceId }));
    const worker = engine();
    await worker.drain();
    let row = await jobRow(id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, lastError: 'flaky failure #1', lastOutcome: 'error' });
    const firstDelay = row.runAt.getTime() - row.updatedAt.getTime();
    expect(firstDelay).toBeGreaterThan(4500);
    expect(firstDelay).toBeLessThan(5500);
    await makeDue(id);
    await worker.drain();
    row = await jobRow(id);
    expect(row).toMatchObject({ state: 'queued', attempts: 2 });
    const secondDelay = row.runAt.getTime() - row.updatedAt.getTime();
    expect(secondDelay).toBeGreaterThan(9500);
    expect(secondDelay).toBeLessThan(10_500);
    await makeDue(id);
    await worker.drain();
    row = await jobRow(id);
    expect(row).toMatchObject({ state: 'succeeded', attempts: 3, result: { succeededOnAttempt: 3 } });
  });

  it('marks a job that throws 3 times as failed and raises an alert and an event', async () => {
    const { id } = await inWs((db) => enqueue(db, alwaysFails, {}, { workspaceId }));
    const worker = engine();
    for (let i = 0; i < 3; i++) {
      await makeDue(id);
      await worker.drain();
    }
    const row = await jobRow(id);
    expect(row).toMatchObject({ state: 'failed', attempts: 3, lastError: 'the remote API is down', lastOutcome: 'failed' });
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

  it('retryAt: runs again later without using an attempt, and records why it waits', async () => {
    const { id } = await inWs((db) => enqueue(db, capped, { deferTimes: 4 }, { workspaceId, maxAttempts: 1 }));
    const worker = engine();
    for (let i = 0; i < 4; i++) {
      await makeDue(id);
      await worker.drain();
      const row = await jobRow(id);
      expect(row).toMatchObject({ state: 'queued', attempts: 0, deferrals: i + 1, lastOutcome: 'retry_scheduled', outcomeReason: 'Daily cap of 20 reached' });
      expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    }
    await makeDue(id);
    await worker.drain();
    // One attempt allowed, four deferrals taken: a deferral never counts as a failure.
    expect(await jobRow(id)).toMatchObject({ state: 'succeeded', attempts: 1, result: { sentAfterDeferrals: 4, attempt: 1 }, outcomeReason: null });
  });

  it('failPermanently: fails at once with its reason (no retries) and raises the alert', async () => {
    const { id } = await inWs((db) => enqueue(db, badKey, {}, { workspaceId }));
    await engine().drain();
    const row = await jobRow(id);
    expect(row).toMatchObject({
      state: 'failed',
      attempts: 1,
      maxAttempts: 3,
      lastOutcome: 'failed_permanently',
      outcomeReason: 'PhantomBuster rejected the API key',
    });
    await makeDue(id);
    await engine().drain();
    expect((await jobRow(id)).attempts).toBe(1);
    const raised = await inWs((db) => db.select().from(alerts).where(sql`data->>'jobId' = ${id}`));
    expect(raised[0]!.message).toContain('PhantomBuster rejected the API key');
  });

  it('retries a job whose worker died (lease expired), and fails it when that was the last attempt', async () => {
    const { id: crashed } = await inWs((db) => enqueue(db, recordRun, { label: 'after crash' }, { workspaceId }));
    const { id: exhausted } = await inWs((db) => enqueue(db, recordRun, { label: 'never' }, { workspaceId }));
    const expiredLease = { state: 'running' as const, lockedBy: 'dead-worker', leaseUntil: new Date(Date.now() - 1000) };
    await database.asSystem(async (db) => {
      await db.update(jobs).set({ ...expiredLease, attempts: 1 }).where(eq(jobs.id, crashed));
      await db.update(jobs).set({ ...expiredLease, attempts: 3 }).where(eq(jobs.id, exhausted));
    });
    await engine().drain();
    expect(await jobRow(crashed)).toMatchObject({ state: 'succeeded', attempts: 2 });
    const dead = await jobRow(exhausted);
    expect(dead).toMatchObject({ state: 'failed', lastOutcome: 'lease_expired' });
    expect(dead.lastError).toMatch(/lease expired/);
  });

  it('does not take a job another worker holds a live lease on', async () => {
    const { id } = await inWs((db) => enqueue(db, recordRun, { label: 'held' }, { workspaceId }));
    await database.asSystem((db) =>
      db.update(jobs).set({ state: 'running', lockedBy: 'other-worker', attempts: 1, leaseUntil: new Date(Date.now() + 60_000) }).where(eq(jobs.id, id)),
    );
    await engine().drain();
    expect(await jobRow(id)).toMatchObject({ state: 'running', lockedBy: 'other-worker', attempts: 1 });
  });

  it('deduplicates pending jobs by key, and frees the key once the job is done', async () => {
    const first = await inWs((db) => enqueue(db, recordRun, { label: 'a' }, { workspaceId, dedupeKey: 'enrich:42' }));
    const second = await inWs((db) => enqueue(db, recordRun, { label: 'b' }, { workspaceId, dedupeKey: 'enrich:42' }));
    expect(second).toEqual({ id: first.id, deduplicated: true });
    // The same key in another workspace is another job.
    const elsewhere = await database.withWorkspace(otherWorkspaceId, (db) =>
      enqueue(db, recordRun, { label: 'c' }, { workspaceId: otherWorkspaceId, dedupeKey: 'enrich:42' }),
    );
    expect(elsewhere.id).not.toBe(first.id);
    await engine().drain();
    const third = await inWs((db) => enqueue(db, recordRun, { label: 'd' }, { workspaceId, dedupeKey: 'enrich:42' }));
    expect(third.deduplicated).toBe(false);
    expect(third.id).not.toBe(first.id);
    await engine().drain();
  });

  it('refuses to enqueue into another workspace', async () => {
    await expect(inWs((db) => enqueue(db, recordRun, { label: 'x' }, { workspaceId: otherWorkspaceId }))).rejects.toThrow();
  });

  it('records progress on the job and as live events', async () => {
    const { id } = await inWs((db) => enqueue(db, withProgress, { total: 3 }, { workspaceId }));
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
    const { id } = await inWs((db) => enqueue(db, recordRun, { label: 'cron' }, { workspaceId }));
    const deadline = Date.now() + 5000;
    while ((await jobRow(id)).state !== 'succeeded' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await worker.stop(1000);
    expect((await jobRow(id)).state).toBe('succeeded');
  });

  it('enqueues one system job per tick even when several instances fire', async () => {
    const tickAt = new Date('2026-01-01T10:00:00.000Z');
    const schedule = { job: systemTick, cron: () => '* * * * *' };
    await Promise.all([engine().enqueueTick(schedule, tickAt), engine().enqueueTick(schedule, tickAt)]);
    const rows = await database.asSystem((db) => db.select().from(jobs).where(eq(jobs.type, 'test.tick')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workspaceId: null, family: 'maintenance' });
  });
});
