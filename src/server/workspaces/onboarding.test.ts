import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { campaigns, events, prospects, workspaces } from '../db/schema/index.js';
import { joinWorkspace } from '../../../tests/helpers/members.js';
import { SAMPLE_PROSPECT_COUNT, SAMPLE_TAG } from './sample-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function newAdmin(): Promise<{ client: TestClient; workspaceId: string; email: string; password: string }> {
  const client = t.client();
  const account = await client.signUp();
  return { client, workspaceId: account.workspace.id, email: account.user.email, password: account.password };
}

async function newCampaign(workspaceId: string, name = 'First campaign'): Promise<string> {
  const id = randomUUID();
  await t.database.withWorkspace(workspaceId, (db) => db.insert(campaigns).values({ id, workspaceId, name }));
  return id;
}

describe('onboarding state', () => {
  it('starts at step 1, persists every step and resumes from another session', async () => {
    const { client, workspaceId, email, password } = await newAdmin();
    const api = client.trpc();
    expect(await api.workspace.onboarding.state.query()).toMatchObject({ step: 1, skipped: [], completed: false, postalAddressMissing: true });
    await api.workspace.onboarding.finishStep.mutate({ step: 1, outcome: 'done' });
    await api.workspace.onboarding.finishStep.mutate({ step: 2, outcome: 'skipped' });
    // Another browser (a new session for the same person) resumes at step 3.
    const [row] = await t.database.withWorkspace(workspaceId, (db) => db.select({ onboarding: workspaces.onboarding }).from(workspaces));
    expect(row!.onboarding).toEqual({ step: 3, skipped: [2], completedAt: null });
    const elsewhere = t.client();
    await elsewhere.request('POST', '/api/auth/sign-in', { json: { email, password } });
    const resumed = await elsewhere.trpc().workspace.onboarding.state.query();
    expect(resumed).toMatchObject({ step: 3, skipped: [2] });
  });

  it('goes back, un-skips a step that is then done, and completes after step 5', async () => {
    const { client } = await newAdmin();
    const api = client.trpc();
    await api.workspace.onboarding.finishStep.mutate({ step: 1, outcome: 'skipped' });
    expect((await api.workspace.onboarding.goTo.mutate({ step: 1 })).step).toBe(1);
    expect(await api.workspace.onboarding.finishStep.mutate({ step: 1, outcome: 'done' })).toMatchObject({ step: 2, skipped: [] });
    for (const step of [2, 3, 4]) await api.workspace.onboarding.finishStep.mutate({ step, outcome: 'done' });
    const done = await api.workspace.onboarding.finishStep.mutate({ step: 5, outcome: 'skipped' });
    expect(done).toMatchObject({ step: 5, skipped: [5], completed: true });
    expect(Date.parse(done.completedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('"finish later" completes the wizard with the remaining steps skipped', async () => {
    const { client } = await newAdmin();
    const api = client.trpc();
    await api.workspace.onboarding.finishStep.mutate({ step: 1, outcome: 'done' });
    expect(await api.workspace.onboarding.complete.mutate()).toMatchObject({ completed: true, skipped: [2, 3, 4, 5] });
  });

  it('reports the postal address once it is set', async () => {
    const { client } = await newAdmin();
    await client.trpc().workspace.update.mutate({ postalAddress: '1 Main St, Springfield' });
    expect((await client.trpc().workspace.onboarding.state.query()).postalAddressMissing).toBe(false);
  });

  it('refuses a step out of range (400), no session (401) and members changing it (403)', async () => {
    const { client } = await newAdmin();
    await expect(client.trpc().workspace.onboarding.finishStep.mutate({ step: 6, outcome: 'done' })).rejects.toMatchObject({ data: { httpStatus: 400 } });
    await expect(client.trpc().workspace.onboarding.goTo.mutate({ step: 0 })).rejects.toMatchObject({ data: { httpStatus: 400 } });
    await expect(t.client().trpc().workspace.onboarding.state.query()).rejects.toMatchObject({ data: { httpStatus: 401 } });
    const { client: member } = await joinWorkspace(t, client, 'member');
    expect((await member.trpc().workspace.onboarding.state.query()).step).toBe(1);
    await expect(member.trpc().workspace.onboarding.finishStep.mutate({ step: 1, outcome: 'done' })).rejects.toMatchObject({ data: { httpStatus: 403 } });
  });
});

describe('sample data', () => {
  it('loads about 25 fictional prospects tagged "sample" into the campaign, once', async () => {
    const { client, workspaceId } = await newAdmin();
    const campaignId = await newCampaign(workspaceId);
    const api = client.trpc();
    expect(await api.workspace.sampleData.load.mutate({ campaignId })).toEqual({ inserted: SAMPLE_PROSPECT_COUNT, total: SAMPLE_PROSPECT_COUNT });
    expect(SAMPLE_PROSPECT_COUNT).toBeGreaterThanOrEqual(20);
    const rows = await t.database.withWorkspace(workspaceId, (db) => db.select().from(prospects));
    expect(rows).toHaveLength(SAMPLE_PROSPECT_COUNT);
    for (const row of rows) {
      expect(row).toMatchObject({ source: 'manual', tags: [SAMPLE_TAG], campaignId });
      // Reserved TLD: nothing can ever be delivered to a sample prospect.
      expect(row.email).toMatch(/^[a-z.]+@[a-z-]+\.example$/);
      expect(row.firstName && row.company && row.title).toBeTruthy();
    }
    expect(new Set(rows.map((row) => row.email)).size).toBe(SAMPLE_PROSPECT_COUNT);
    // Idempotent: the second call adds nobody.
    expect(await api.workspace.sampleData.load.mutate({ campaignId })).toEqual({ inserted: 0, total: SAMPLE_PROSPECT_COUNT });
    expect(await api.workspace.sampleData.status.query({ campaignId })).toEqual({ count: SAMPLE_PROSPECT_COUNT, inCampaign: SAMPLE_PROSPECT_COUNT, available: SAMPLE_PROSPECT_COUNT });
    const imported = await t.database.withWorkspace(workspaceId, (db) => db.select().from(events).where(eq(events.type, 'prospects.imported')));
    expect(imported).toHaveLength(1);
  });

  it('moves the samples to another campaign and removes them without touching real prospects', async () => {
    const { client, workspaceId } = await newAdmin();
    const first = await newCampaign(workspaceId, 'A');
    const second = await newCampaign(workspaceId, 'B');
    const api = client.trpc();
    await t.database.withWorkspace(workspaceId, (db) =>
      db.insert(prospects).values([
        { workspaceId, email: 'real@customer.example', firstName: 'Real', tags: [SAMPLE_TAG] },
        { workspaceId, email: 'camille.durand@atelier-moreau.example', firstName: 'Real Camille', tags: ['vip'] },
      ]),
    );
    expect((await api.workspace.sampleData.load.mutate({ campaignId: first })).inserted).toBe(SAMPLE_PROSPECT_COUNT - 1);
    await api.workspace.sampleData.load.mutate({ campaignId: second });
    const inSecond = await t.database.withWorkspace(workspaceId, (db) => db.select().from(prospects).where(eq(prospects.campaignId, second)));
    expect(inSecond).toHaveLength(SAMPLE_PROSPECT_COUNT - 1);
    expect(await api.workspace.sampleData.status.query({ campaignId: first })).toMatchObject({ count: SAMPLE_PROSPECT_COUNT - 1, inCampaign: 0 });
    expect(await api.workspace.sampleData.remove.mutate()).toEqual({ removed: SAMPLE_PROSPECT_COUNT - 1 });
    const left = await t.database.withWorkspace(workspaceId, (db) => db.select({ firstName: prospects.firstName }).from(prospects));
    expect(left.map((row) => row.firstName).sort()).toEqual(['Real', 'Real Camille']);
    expect(await api.workspace.sampleData.status.query()).toMatchObject({ count: 0 });
  });

  it('refuses another workspace’s campaign (404) and a malformed id (400)', async () => {
    const { client } = await newAdmin();
    const other = await newAdmin();
    const theirs = await newCampaign(other.workspaceId);
    await expect(client.trpc().workspace.sampleData.load.mutate({ campaignId: theirs })).rejects.toMatchObject({ data: { httpStatus: 404 } });
    await expect(client.trpc().workspace.sampleData.load.mutate({ campaignId: 'nope' })).rejects.toMatchObject({ data: { httpStatus: 400 } });
    const theirProspects = await t.database.withWorkspace(other.workspaceId, (db) => db.select().from(prospects));
    expect(theirProspects).toEqual([]);
  });
});
