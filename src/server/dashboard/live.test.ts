import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, type TestApp } from '../../../tests/helpers/test-app.js';
import { createApp } from '../app.js';
import { openDatabase } from '../db/database.js';
import { recordEvent } from '../events/events.service.js';
import { liveEvents } from './live.js';
import { WorkspaceFixtures } from './test-fixtures.js';

type Received = { id: string; data: { id: number; type: string; prospectId: string | null; data: Record<string, unknown> | null } };

let t: TestApp;
let admin: TestClient;
let colleague: TestClient;
let fixtures: WorkspaceFixtures;
let stranger: TestClient;
let strangerFixtures: WorkspaceFixtures;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  fixtures = new WorkspaceFixtures(t.database, (await admin.signUp({ workspaceName: 'Live Co' })).workspace.id);
  // A second person in the same workspace, with their own session.
  const invite = await admin.trpc().invitations.create.mutate({ role: 'member' });
  colleague = t.client();
  await colleague.trpc().invitations.accept.mutate({
    token: invite.url.split('/').pop()!,
    account: { email: `colleague-${Date.now()}@example.com`, name: 'Colleague', password: 'correct horse battery staple' },
  });
  stranger = t.client();
  strangerFixtures = new WorkspaceFixtures(t.database, (await stranger.signUp({ workspaceName: 'Elsewhere' })).workspace.id);
});
afterAll(() => t.stop());

/** Opens `dashboard.live` for a client and collects what arrives. */
function listen(client: TestClient, input?: { lastEventId?: string }) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  let error: unknown;
  let resolveStarted: () => void;
  const started = new Promise<void>((resolve) => {
    resolveStarted = resolve;
  });
  const subscription = client.trpc().dashboard.live.subscribe(input ?? {}, {
    onStarted: () => resolveStarted(),
    onData: (value) => {
      received.push(value);
      for (const wake of waiters.splice(0)) wake();
    },
    onError: (cause) => {
      error = cause;
      resolveStarted();
      for (const wake of waiters.splice(0)) wake();
    },
  });
  return {
    received,
    started,
    get error() {
      return error;
    },
    /** Waits until `predicate` holds for what was received (fails after `ms`). */
    async until(predicate: (events: Received[]) => boolean, ms = 5_000): Promise<Received[]> {
      const deadline = Date.now() + ms;
      while (!predicate(received)) {
        if (error) throw error instanceof Error ? error : new Error('subscription failed', { cause: error });
        if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(received.map((r) => r.data.type))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () => subscription.unsubscribe(),
  };
}

describe('dashboard.live', () => {
  it('delivers a change made by another session of the workspace, and nothing from other workspaces', async () => {
    const prospectId = await fixtures.prospect({ stage: 'contacted', name: 'Live Prospect' });
    const theirProspect = await strangerFixtures.prospect({ stage: 'contacted' });
    const live = listen(admin);
    await live.started;

    await stranger.trpc().dashboard.moveProspect.mutate({ prospectId: theirProspect, stage: 'won' });
    await colleague.trpc().dashboard.moveProspect.mutate({ prospectId, stage: 'interested' });
    const [event] = await live.until((events) => events.some((e) => e.data.type === 'prospect.stage_changed'));
    expect(event!.data).toMatchObject({ type: 'prospect.stage_changed', prospectId, data: { from: 'contacted', to: 'interested' } });
    expect(event!.id).toBe(String(event!.data.id));
    // The stranger's move never reached this workspace's stream.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.received.map((e) => e.data.prospectId)).toEqual([prospectId]);
    live.close();
  });

  it('resumes from lastEventId: first what was missed, in order, then live events, each once', async () => {
    const prospectId = await fixtures.prospect({ stage: 'new' });
    const first = listen(admin);
    await first.started;
    await colleague.trpc().dashboard.moveProspect.mutate({ prospectId, stage: 'contacted' });
    const [seen] = await first.until((events) => events.length >= 1);
    first.close();

    // While nobody listens: two more moves.
    await colleague.trpc().dashboard.moveProspect.mutate({ prospectId, stage: 'replied' });
    await colleague.trpc().dashboard.moveProspect.mutate({ prospectId, stage: 'interested' });

    const resumed = listen(admin, { lastEventId: seen!.id });
    await resumed.until((events) => events.length >= 2);
    await colleague.trpc().dashboard.moveProspect.mutate({ prospectId, stage: 'meeting_booked' });
    const events = await resumed.until((all) => all.length >= 3);
    expect(events.map((e) => e.data.data?.to)).toEqual(['replied', 'interested', 'meeting_booked']);
    const ids = events.map((e) => e.data.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBeGreaterThan(Number(seen!.id));
    resumed.close();
  });

  it('sends events too large for NOTIFY in full, read back from the table', async () => {
    const live = listen(admin);
    await live.started;
    await t.database.withWorkspace(fixtures.workspaceId, (db) =>
      recordEvent(db, { workspaceId: fixtures.workspaceId, type: 'ai.decision', data: { reason: 'x'.repeat(9_000) } }),
    );
    const [event] = await live.until((events) => events.some((e) => e.data.type === 'ai.decision'));
    expect((event!.data.data as { reason: string }).reason).toHaveLength(9_000);
    live.close();
  });

  it('refuses an anonymous subscriber and a malformed lastEventId', async () => {
    const anonymous = listen(t.client());
    await anonymous.started;
    await expect(anonymous.until(() => false, 3_000)).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    anonymous.close();
    const malformed = listen(admin, { lastEventId: 'drop table' });
    await malformed.started;
    await expect(malformed.until(() => false, 3_000)).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    malformed.close();
  });

  it.runIf(process.env.DATABASE_URL)('carries a change made through another app instance (Postgres LISTEN/NOTIFY)', async () => {
    const secondDatabase = await openDatabase({ kind: 'postgres', url: t.database.url!, poolSize: 2 });
    const second = await createApp(t.config, { database: secondDatabase });
    try {
      const url = await second.start();
      const viaSecond = new TestClient(url);
      for (const [name, value] of colleague.cookies) viaSecond.cookies.set(name, value);
      const prospectId = await fixtures.prospect({ stage: 'new' });
      const live = listen(admin);
      await live.started;
      await viaSecond.trpc().dashboard.moveProspect.mutate({ prospectId, stage: 'enriched' });
      const [event] = await live.until((events) => events.some((e) => e.data.prospectId === prospectId));
      expect(event!.data).toMatchObject({ type: 'prospect.stage_changed', data: { to: 'enriched' } });
      live.close();
    } finally {
      await second.stop();
      await secondDatabase.close();
    }
  });

  it('stops and lets go of the bus when the client goes away', async () => {
    const abort = new AbortController();
    const stream = liveEvents({
      database: t.database,
      eventBus: t.app.services.eventBus,
      workspaceId: fixtures.workspaceId,
      lastEventId: null,
      signal: abort.signal,
      logger: t.app.services.logger,
      revokedAccess: async () => null,
    });
    const next = stream.next();
    await t.database.withWorkspace(fixtures.workspaceId, (db) => recordEvent(db, { workspaceId: fixtures.workspaceId, type: 'message.sent' }));
    expect(((await next).value as [string, unknown] | undefined)?.[1]).toMatchObject({ type: 'message.sent' });
    const pending = stream.next();
    abort.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    // Events after the disconnect go nowhere (the generator is finished, nothing queues up).
    await t.database.withWorkspace(fixtures.workspaceId, (db) => recordEvent(db, { workspaceId: fixtures.workspaceId, type: 'message.sent' }));
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });
});
