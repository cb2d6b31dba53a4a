import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBenchData } from '../../../bench/seed.js';
import { joinWorkspace } from '../../../tests/helpers/members.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { reconcileCounters } from '../counters/reconcile.js';
import { WorkspaceFixtures } from '../dashboard/test-fixtures.js';

type Summary = { prospects: number; campaigns: number; messages: number };
type Campaigns = { items: { name: string; counts: { prospects: number; sent: number } }[] };
type Stats = { metrics: { prospects: number; sent30d: number } };

let t: TestApp;
let admin: TestClient;
let fixtures: WorkspaceFixtures;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  fixtures = new WorkspaceFixtures(t.database, (await admin.signUp({ workspaceName: 'Real Co' })).workspace.id);
  // The workspace's own data, which demo data must never touch.
  const own = await fixtures.campaign({ name: 'Our campaign', status: 'active' });
  await fixtures.sent(await fixtures.prospect({ name: 'Real Person', campaignId: own }), 2, { campaignId: own });
  // What `npm run seed:demo` does, with small numbers.
  await seedBenchData(t.database, { workspaceId: fixtures.workspaceId, prospects: 200, campaigns: 3, days: 10, sentPerDay: 30 });
}, 120_000);
afterAll(() => t.stop());

describe('demo data', () => {
  it('is seeded with consistent counters, and admins see how much there is', async () => {
    const drift = await t.database.withWorkspace(fixtures.workspaceId, (db) => reconcileCounters(db, fixtures.workspaceId));
    expect(drift).toEqual({ campaignRows: 0, rollupRows: 0, workspaceRows: 0 });
    const summary = await admin.request<Summary>('GET', '/api/admin/demo-data');
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({ prospects: 200, campaigns: 3, messages: expect.any(Number) });
    expect(summary.body.messages).toBeGreaterThan(300);
    const stats = await admin.request<Stats>('GET', '/api/admin/dashboard/stats');
    expect(stats.body.metrics.prospects).toBe(201);
  });

  it('refuses members: listing (403) and removing (403), nothing removed', async () => {
    const { client: member } = await joinWorkspace(t, admin, 'member');
    expect((await member.request('GET', '/api/admin/demo-data')).status).toBe(403);
    expect((await member.request('DELETE', '/api/admin/demo-data')).status).toBe(403);
    expect((await admin.request<Summary>('GET', '/api/admin/demo-data')).body.prospects).toBe(200);
  });

  it('is removed in one action, leaving the workspace’s own rows and their counters as they were', async () => {
    const res = await admin.request<{ removed: Summary }>('DELETE', '/api/admin/demo-data');
    expect(res.status).toBe(200);
    expect(res.body.removed).toEqual(expect.objectContaining({ prospects: 200, campaigns: 3 }));
    expect((await admin.request<Summary>('GET', '/api/admin/demo-data')).body).toEqual({ prospects: 0, campaigns: 0, messages: 0 });
    const campaigns = await admin.request<Campaigns>('GET', '/api/admin/campaigns');
    expect(campaigns.body.items.map((item) => [item.name, item.counts.prospects, item.counts.sent])).toEqual([['Our campaign', 1, 2]]);
    const stats = await admin.request<Stats>('GET', '/api/admin/dashboard/stats');
    expect(stats.body.metrics).toEqual(expect.objectContaining({ prospects: 1, sent30d: 2 }));
    const drift = await t.database.withWorkspace(fixtures.workspaceId, (db) => reconcileCounters(db, fixtures.workspaceId));
    expect(drift).toEqual({ campaignRows: 0, rollupRows: 0, workspaceRows: 0 });
    // Removing again is harmless.
    expect((await admin.request<{ removed: Summary }>('DELETE', '/api/admin/demo-data')).body.removed).toEqual({ prospects: 0, campaigns: 0, messages: 0 });
  });
});
