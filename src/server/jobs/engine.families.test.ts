import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { createTestServices } from '../../../tests/helpers/test-services.js';
import { jobs, users } from '../db/schema/index.js';
import type { OwnedServices } from '../services.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { defineJob } from './definitions.js';
import { JobEngine } from './engine.js';
import { enqueue } from './queue.js';

const ENRICHMENT_BACKLOG = 1000;
let database: TestDatabase;
let services: OwnedServices;
const workspaceId = randomUUID();

/** Stands in for an LLM call: slow, and stops when the engine aborts it. */
const slowEnrichment = defineJob({
  name: 'test.slow-enrich',
  family: 'enrich',
  scope: 'workspace',
  payload: z.object({ n: z.number() }),
  async handler({ signal }) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  },
});

const sendMessage = defineJob({ name: 'test.send', family: 'send', scope: 'workspace', payload: z.object({ n: z.number() }), handler: async () => ({}) });
const handleReply = defineJob({ name: 'test.reply', family: 'ingest', scope: 'workspace', payload: z.object({ n: z.number() }), handler: async () => ({}) });

beforeAll(async () => {
  database = await createTestDatabase();
  services = await createTestServices(database);
  await database.withWorkspace(workspaceId, async (db) => {
    const [user] = await db.insert(users).values({ email: `owner-${workspaceId}@example.com`, name: 'Owner', passwordHash: 'x' }).returning();
    await provisionWorkspace(db, { workspaceId, name: 'W', ownerUserId: user!.id, ownerName: 'Owner' });
  });
});
afterAll(async () => {
  await services.close();
  await database.close();
});

const count = async (type: string, state: 'queued' | 'running' | 'succeeded') => {
  const [row] = await database.asSystem((db) =>
    db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(and(eq(jobs.type, type), eq(jobs.state, state))),
  );
  return Number(row?.n ?? 0);
};

it('keeps sending and reply handling running while 1,000 slow enrichment jobs wait', async () => {
  // The backlog is older than the urgent work: a single shared pool ordered by run_at would reach
  // the sends only after every enrichment ahead of them.
  const earlier = new Date(Date.now() - 60_000);
  await database.withWorkspace(workspaceId, async (db) => {
    for (let n = 0; n < ENRICHMENT_BACKLOG; n++) await enqueue(db, slowEnrichment, { n }, { workspaceId, runAt: earlier });
  });
  const engine = new JobEngine(services, {
    concurrency: { send: 2, ingest: 2, enrich: 5, scrape: 1, maintenance: 1 },
    leaseMs: 30_000,
    pollCron: '* * * * * *',
  })
    .register(slowEnrichment)
    .register(sendMessage)
    .register(handleReply);
  engine.start();
  try {
    // Let enrichment fill its pool first.
    const filled = Date.now() + 5_000;
    while (engine.runningCount('enrich') < 5 && Date.now() < filled) await new Promise((r) => setTimeout(r, 50));
    expect(engine.runningCount('enrich')).toBe(5);

    const enqueuedAt = Date.now();
    await database.withWorkspace(workspaceId, async (db) => {
      for (let n = 0; n < 6; n++) {
        await enqueue(db, sendMessage, { n }, { workspaceId });
        await enqueue(db, handleReply, { n }, { workspaceId });
      }
    });
    const deadline = Date.now() + 10_000;
    while ((await count('test.send', 'succeeded')) + (await count('test.reply', 'succeeded')) < 12 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const tookMs = Date.now() - enqueuedAt;
    expect(await count('test.send', 'succeeded')).toBe(6);
    expect(await count('test.reply', 'succeeded')).toBe(6);
    // Well before the first slow enrichment (3 s) frees a slot.
    expect(tookMs).toBeLessThan(2_900);
    expect(await count('test.slow-enrich', 'succeeded')).toBe(0);
    expect(await count('test.slow-enrich', 'queued')).toBe(ENRICHMENT_BACKLOG - 5);
    // Enrichment never exceeded its own pool.
    expect(engine.runningCount('enrich')).toBeLessThanOrEqual(5);
  } finally {
    await engine.stop(100);
  }
});
