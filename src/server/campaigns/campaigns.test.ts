import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { WorkspaceFixtures } from '../dashboard/test-fixtures.js';
import { create, createOk, eventTypes, makeLaunchable, patch, type Campaign, type ErrorBody, type Page } from './campaigns.test-helpers.js';

let t: TestApp;
let admin: TestClient;
let fixtures: WorkspaceFixtures;
let other: TestClient;
let otherFixtures: WorkspaceFixtures;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  const account = await admin.signUp({ workspaceName: 'Campaign Co' });
  fixtures = new WorkspaceFixtures(t.database, account.workspace.id);
  other = t.client();
  const otherAccount = await other.signUp({ workspaceName: 'Elsewhere' });
  otherFixtures = new WorkspaceFixtures(t.database, otherAccount.workspace.id);
});
afterAll(() => t.stop());

describe('creating a campaign', () => {
  it('answers 201 with a draft that uses the default agent and the sandbox mailbox, and records campaign.created', async () => {
    const res = await create(admin, { name: '  Q3 founders  ', description: 'French SaaS founders' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Q3 founders',
      description: 'French SaaS founders',
      status: 'draft',
      agentId: await fixtures.defaultAgentId(),
      agentName: 'Default agent',
      mailboxIds: [await fixtures.sandboxMailboxId()],
      timezone: 'UTC',
      sendWindowStart: '09:00',
      sendWindowEnd: '17:00',
      sendDays: [1, 2, 3, 4, 5],
      dailyLimit: null,
      stopOnReply: true,
      counts: { prospects: 0, sent: 0, replies: 0, meetings: 0 },
      allowedTransitions: ['active', 'archived'],
    });
    expect(new Date(res.body.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await eventTypes(admin, res.body.id)).toEqual(['campaign.created']);
  });

  it('takes the schedule, agent and mailboxes it is given (tRPC too)', async () => {
    const campaign = await admin.trpc().campaigns.create.mutate({
      name: 'Paris mornings',
      agentId: null,
      mailboxIds: [],
      timezone: 'Europe/Paris',
      sendWindowStart: '08:30',
      sendWindowEnd: '11:00',
      sendDays: [1, 3, 5],
      dailyLimit: 40,
      stopOnReply: false,
    });
    expect(campaign).toMatchObject({ agentId: null, mailboxIds: [], timezone: 'Europe/Paris', sendDays: [1, 3, 5], dailyLimit: 40, stopOnReply: false });
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{}, 'name'],
      [{ name: 'ok', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ name: 'ok', sendWindowStart: '9am' }, 'sendWindowStart'],
      [{ name: 'ok', sendWindowStart: '18:00', sendWindowEnd: '09:00' }, 'sendWindowEnd'],
      [{ name: 'ok', sendDays: [] }, 'sendDays'],
      [{ name: 'ok', sendDays: [0] }, 'sendDays'],
      [{ name: 'ok', dailyLimit: 0 }, 'dailyLimit'],
      [{ name: 'ok', agentId: 'not-a-uuid' }, 'agentId'],
      [{ name: 'ok', mailboxIds: ['not-a-uuid'] }, 'mailboxIds'],
    ];
    for (const [json, field] of cases) {
      const res = await create(admin, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.issues?.[0]?.path[0], JSON.stringify(json)).toBe(field);
    }
  });

  it('refuses another workspace’s agent or mailbox as an unknown one (400 on that field)', async () => {
    const agent = await create(admin, { name: 'x', agentId: await otherFixtures.defaultAgentId() });
    expect(agent.status).toBe(400);
    expect(agent.body.error.issues).toEqual([{ path: ['agentId'], message: 'Unknown agent', code: 'custom', params: { rule: 'agent.unknown' } }]);
    const mailbox = await create(admin, { name: 'x', mailboxIds: [await otherFixtures.sandboxMailboxId()] });
    expect(mailbox.status).toBe(400);
    expect(mailbox.body.error.issues).toEqual([{ path: ['mailboxIds'], message: 'Unknown mailbox', code: 'custom', params: { rule: 'mailbox.unknown' } }]);
  });

  it('needs a signed-in user (401)', async () => {
    const res = await create(t.client(), { name: 'Anonymous' });
    expect(res.status).toBe(401);
  });
});

describe('listing campaigns', () => {
  let lister: TestClient;
  let listerFixtures: WorkspaceFixtures;
  beforeAll(async () => {
    lister = t.client();
    const account = await lister.signUp({ workspaceName: 'Lister' });
    listerFixtures = new WorkspaceFixtures(t.database, account.workspace.id);
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) await createOk(lister, { name });
  });

  it('pages newest first with a cursor and a total, and never shows another workspace’s campaigns', async () => {
    const first = await lister.request<Page>('GET', '/api/admin/campaigns?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(5);
    expect(first.body.items.map((c) => c.name)).toEqual(['Echo', 'Delta']);
    const second = await lister.request<Page>('GET', `/api/admin/campaigns?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c) => c.name)).toEqual(['Charlie', 'Bravo']);
    const third = await lister.request<Page>('GET', `/api/admin/campaigns?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((c) => c.name)).toEqual(['Alpha']);
    expect(third.body.nextCursor).toBeNull();
  });

  it('sorts by name, searches by name and filters by status, agent and creation date', async () => {
    const byName = await lister.request<Page>('GET', '/api/admin/campaigns?sort=name&order=asc');
    expect(byName.body.items.map((c) => c.name)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    const search = await lister.request<Page>('GET', '/api/admin/campaigns?q=ARL');
    expect(search.body.items.map((c) => c.name)).toEqual(['Charlie']);
    const wildcard = await lister.request<Page>('GET', `/api/admin/campaigns?q=${encodeURIComponent('%')}`);
    expect(wildcard.body.total).toBe(0);

    const bravo = byName.body.items[1]!;
    await makeLaunchable(lister, bravo.id);
    expect((await patch(lister, bravo.id, { status: 'active' })).status).toBe(200);
    const active = await lister.request<Page>('GET', '/api/admin/campaigns?status=active,paused');
    expect(active.body.items.map((c) => c.name)).toEqual(['Bravo']);
    const agent = await lister.request<Page>('GET', `/api/admin/campaigns?agentId=${await listerFixtures.defaultAgentId()}`);
    expect(agent.body.total).toBe(5);
    const future = await lister.request<Page>('GET', `/api/admin/campaigns?createdFrom=${new Date(Date.now() + 3_600_000).toISOString()}`);
    expect(future.body.total).toBe(0);
    const past = await lister.request<Page>('GET', `/api/admin/campaigns?createdTo=${new Date(Date.now() + 3_600_000).toISOString()}`);
    expect(past.body.total).toBe(5);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['status=running', 'status'],
      ['limit=0', 'limit'],
      ['limit=1000', 'limit'],
      ['createdFrom=yesterday', 'createdFrom'],
      ['cursor=garbage', 'cursor'],
      ['sort=sent', 'sort'],
      ['q=a%00b', 'q'],
    ] as const) {
      const res = await lister.request<ErrorBody>('GET', `/api/admin/campaigns?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.issues?.[0]?.path[0], query).toBe(field);
    }
  });

  it('refuses a cursor made for another sort or order (400 on cursor, not a database error)', async () => {
    const byName = await lister.request<Page>('GET', '/api/admin/campaigns?sort=name&order=asc&limit=2');
    for (const query of ['sort=createdAt&order=asc', 'sort=name&order=desc']) {
      const res = await lister.request<ErrorBody>('GET', `/api/admin/campaigns?${query}&cursor=${byName.body.nextCursor}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.issues?.[0]?.path, query).toEqual(['cursor']);
    }
  });

  it('needs a signed-in user (401)', async () => {
    expect((await t.client().request('GET', '/api/admin/campaigns')).status).toBe(401);
  });
});

describe('counters', () => {
  it('derives prospects, sent, replies and meetings from the rows, campaign by campaign', async () => {
    const campaign = await createOk(admin, { name: 'Counted' });
    const untouched = await createOk(admin, { name: 'Untouched' });
    const p1 = await fixtures.prospect({ campaignId: campaign.id, stage: 'contacted' });
    const p2 = await fixtures.prospect({ campaignId: campaign.id, stage: 'replied' });
    await fixtures.prospect({ campaignId: null });
    await fixtures.sent(p1, 3, { campaignId: campaign.id });
    await fixtures.sent(p2, 2, { campaignId: campaign.id });
    await fixtures.inbound(p2, 1, { campaignId: campaign.id });
    await fixtures.inbound(p1, 1, { campaignId: campaign.id, kind: 'bounce' });
    await fixtures.inbound(p1, 1, { campaignId: campaign.id, kind: 'auto' });
    await fixtures.meeting(p2, { campaignId: campaign.id });
    await fixtures.meeting(p2, { campaignId: campaign.id, status: 'cancelled' });
    const res = await admin.request<Campaign>('GET', `/api/admin/campaigns/${campaign.id}`);
    expect(res.body.counts).toEqual({ prospects: 2, sent: 5, replies: 1, meetings: 1 });
    const list = await admin.request<Page>('GET', '/api/admin/campaigns?q=ounted');
    expect(list.body.items.find((c) => c.id === campaign.id)?.counts).toEqual({ prospects: 2, sent: 5, replies: 1, meetings: 1 });
    expect((await admin.request<Campaign>('GET', `/api/admin/campaigns/${untouched.id}`)).body.counts).toEqual({ prospects: 0, sent: 0, replies: 0, meetings: 0 });
  });
});

describe('another workspace', () => {
  it('answers 404 for its campaign on every endpoint', async () => {
    const theirs = await createOk(other, { name: 'Theirs' });
    expect((await admin.request<ErrorBody>('GET', `/api/admin/campaigns/${theirs.id}`)).status).toBe(404);
    expect((await patch(admin, theirs.id, { name: 'Mine now' })).status).toBe(404);
    expect((await patch(admin, theirs.id, { status: 'active' })).status).toBe(404);
    expect((await admin.request('DELETE', `/api/admin/campaigns/${theirs.id}`)).status).toBe(404);
    expect((await admin.request('GET', `/api/admin/campaigns/${theirs.id}/events`)).status).toBe(404);
    expect((await admin.request('GET', `/api/admin/campaigns/${theirs.id}/jobs`)).status).toBe(404);
    expect((await admin.request('GET', `/api/admin/campaigns/${theirs.id}/prospects`)).status).toBe(404);
    await expect(admin.trpc().campaigns.get.query({ id: theirs.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    // Untouched on their side.
    expect((await other.request<Campaign>('GET', `/api/admin/campaigns/${theirs.id}`)).body).toMatchObject({ name: 'Theirs', status: 'draft' });
  });

  it('answers 400 for a malformed id', async () => {
    const res = await admin.request<ErrorBody>('GET', '/api/admin/campaigns/not-an-id');
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.[0]?.path).toEqual(['id']);
  });
});

describe('the API documentation', () => {
  it('lists every campaign endpoint, with 201 on create and what DELETE answers', async () => {
    type Operation = { description?: string; responses: Record<string, unknown> };
    const doc = await t.client().request<{ paths: Record<string, Record<string, Operation>> }>('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths['/admin/campaigns']!).sort()).toEqual(['get', 'post']);
    expect(doc.body.paths['/admin/campaigns']!.post!.responses).toHaveProperty('201');
    expect(Object.keys(doc.body.paths['/admin/campaigns/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.body.paths['/admin/campaigns/{id}']!.delete!.description).toMatch(/`deleted: true`.*`archived: true`/s);
    expect(doc.body.paths['/admin/campaigns/{id}']!.patch!.description).toMatch(/409/);
    expect(doc.body.paths['/admin/dashboard/stats']).toHaveProperty('get');
  });
});

describe('campaign detail pieces', () => {
  it('lists the campaign’s prospects (newest first, with the total) and its running and recent jobs', async () => {
    const campaign = await createOk(admin);
    const first = await fixtures.prospect({ campaignId: campaign.id, name: 'First Person' });
    const second = await fixtures.prospect({ campaignId: campaign.id, name: 'Second Person' });
    const prospects = await admin.request<{ total: number; items: { id: string; name: string }[] }>('GET', `/api/admin/campaigns/${campaign.id}/prospects?limit=1`);
    expect(prospects.body.total).toBe(2);
    expect(prospects.body.items.map((p) => p.id)).toEqual([second]);
    expect(first).not.toBe(second);

    const running = await fixtures.job({ state: 'running', campaignId: campaign.id, progress: { done: 3, total: 10, label: 'Enriching' } });
    await fixtures.job({ state: 'succeeded', campaignId: campaign.id });
    await fixtures.job({ state: 'running', campaignId: null });
    const waiting = await fixtures.job({
      state: 'queued',
      campaignId: campaign.id,
      outcome: { lastOutcome: 'retry_scheduled', outcomeReason: 'Daily cap of 20 reached' },
    });
    const jobs = await admin.request<{ id: string; state: string; progress: unknown }[]>('GET', `/api/admin/campaigns/${campaign.id}/jobs`);
    expect(jobs.body).toHaveLength(3);
    expect(jobs.body.find((job) => job.id === running)).toMatchObject({ state: 'running', progress: { done: 3, total: 10, label: 'Enriching' } });
    // Why a job waits is part of the list (the UI shows it beside the job).
    expect(jobs.body.find((job) => job.id === waiting)).toMatchObject({ state: 'queued', lastOutcome: 'retry_scheduled', outcomeReason: 'Daily cap of 20 reached' });
  });

  it('refuses bad paging input (400 on the field) and anonymous callers (401) on every detail endpoint', async () => {
    const campaign = await createOk(admin);
    for (const [query, field] of [
      [`/api/admin/campaigns/${campaign.id}/events?limit=0`, 'limit'],
      [`/api/admin/campaigns/${campaign.id}/events?before=-3`, 'before'],
      [`/api/admin/campaigns/${campaign.id}/prospects?limit=101`, 'limit'],
    ] as const) {
      const res = await admin.request<ErrorBody>('GET', query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.issues?.[0]?.path, query).toEqual([field]);
    }
    const anonymous = t.client();
    for (const suffix of ['', '/events', '/jobs', '/prospects']) {
      expect((await anonymous.request('GET', `/api/admin/campaigns/${campaign.id}${suffix}`)).status, suffix).toBe(401);
    }
    expect((await anonymous.request('PATCH', `/api/admin/campaigns/${campaign.id}`, { json: { name: 'x' } })).status).toBe(401);
    await expect(anonymous.trpc().campaigns.formOptions.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('offers the workspace’s agents and mailboxes to the form', async () => {
    const options = await admin.trpc().campaigns.formOptions.query();
    expect(options.agents).toEqual([{ id: await fixtures.defaultAgentId(), name: 'Default agent', isDefault: true }]);
    expect(options.mailboxes.map((m) => m.kind)).toContain('sandbox');
  });
});
