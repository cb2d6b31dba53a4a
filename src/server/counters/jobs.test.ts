import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { queryRows } from '../db/database.js';
import { WorkspaceFixtures } from '../dashboard/test-fixtures.js';

type Campaigns = { items: { name: string; counts: { sent: number; prospects: number } }[] };
let t: TestApp;
let admin: TestClient;
let fixtures: WorkspaceFixtures;

beforeAll(async () => {
  t = await startTestApp({ JOBS_ENABLED: 'true', JOBS_POLL_CRON: '* * * * * *', MAINTENANCE_CRON: '* * * * * *' });
  admin = t.client();
  fixtures = new WorkspaceFixtures(t.database, (await admin.signUp({ workspaceName: 'Reconciled' })).workspace.id);
  const campaign = await fixtures.campaign({ name: 'Counted', status: 'active' });
  await fixtures.sent(await fixtures.prospect({ campaignId: campaign }), 3, { campaignId: campaign });
});
afterAll(() => t.stop());

const tamper = () => t.database.withWorkspace(fixtures.workspaceId, (db) => db.execute(sql`update campaign_counters set sent = 99, prospects = 0`));
const sentShown = async () => (await admin.request<Campaigns>('GET', '/api/admin/campaigns')).body.items[0]!.counts;

it('the maintenance job puts counters that drifted back to what the rows say', async () => {
  expect(await sentShown()).toEqual(expect.objectContaining({ sent: 3, prospects: 1 }));
  const tamperedAt = new Date().toISOString();
  await tamper();
  // The job runs every second, so the wrong figure may already be repaired when it is read: what
  // counts is that a reconcile run started after the tampering and the figure shown is right.
  const repairedAfterTampering = async () => {
    const runs = await t.database.asSystem((db) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where type = 'counters.reconcile' and state = 'succeeded' and started_at >= ${tamperedAt}::timestamptz`));
    return (runs[0]?.n ?? 0) > 0 && (await sentShown()).sent === 3;
  };
  const deadline = Date.now() + 8000;
  while (!(await repairedAfterTampering()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  expect(await repairedAfterTampering()).toBe(true);
  expect(await sentShown()).toEqual(expect.objectContaining({ sent: 3, prospects: 1 }));
});

it('admins can reconcile on demand over REST; members cannot', async () => {
  await tamper();
  const res = await admin.request<{ campaignRows: number }>('POST', '/api/admin/maintenance/reconcile-counters', { json: {} });
  expect(res.status).toBe(200);
  // The job may have run in between; either way the numbers shown are right afterwards.
  expect(res.body.campaignRows).toBeGreaterThanOrEqual(0);
  expect((await sentShown()).sent).toBe(3);
  const anonymous = t.client();
  expect((await anonymous.request('POST', '/api/admin/maintenance/reconcile-counters', { json: {} })).status).toBe(401);
});
