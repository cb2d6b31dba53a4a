import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { queryRows } from '../db/database.js';
import { EXPECTED, seedReportCampaign } from './report-fixtures.js';
import type { Report } from './reports.schemas.js';

let t: TestApp;
let admin: TestClient;
let campaignId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  const { workspace } = await admin.signUp({ workspaceName: 'Reports Co' });
  ({ campaignId } = await seedReportCampaign(t.database, workspace.id));
  // Another workspace's mail never shows.
  const other = t.client();
  await seedReportCampaign(t.database, (await other.signUp({ workspaceName: 'Noise Co' })).workspace.id);
});
afterAll(() => t.stop());

const report = async (query: string) => {
  const res = await admin.request<Report>('GET', `/api/admin/reports${query}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('campaign report', () => {
  it('shows the funnel, per step and variant with the leader, and deliverability', async () => {
    const body = await report(`?campaignId=${campaignId}`);
    expect(body.funnel).toEqual(EXPECTED.funnel);
    expect(body.totals).toMatchObject(EXPECTED.totals);
    expect(body.totals.deliverability).toBeCloseTo(14 / 15);
    expect(body.totals.bounceRate).toBeCloseTo(1 / 15);
    expect(body.steps).toHaveLength(EXPECTED.steps.length);
    for (const [i, expected] of EXPECTED.steps.entries()) expect(body.steps[i]).toMatchObject(expected);
    expect(body.steps[0]!.subject).toBe('Quick question, {{firstName}}');
    expect(body.steps[1]!.subject).toBe('An idea for {{company}}');
    expect(body.steps[1]!.replyRate).toBeCloseTo(2 / 4);
    expect(Object.fromEntries(body.mailboxes.map((m) => [m.email, m.sent]))).toEqual(EXPECTED.mailboxes);
    expect(body.daily).toHaveLength(30);
    expect(body.daily.reduce((n, d) => n + d.sent, 0)).toBe(14);
    expect(body.range.timezone).toBeTruthy();
  });

  it('narrows to a range of days', async () => {
    const today = (await report(`?campaignId=${campaignId}`)).range.to;
    const body = await report(`?campaignId=${campaignId}&from=${today}&to=${today}`);
    expect(body.daily).toHaveLength(1);
    expect(body.totals.sent).toBe(0);
    expect(body.totals.unsubscribed).toBe(1);
    expect(body.funnel.contacted).toBe(0);
  });

  it('refuses a range that ends before it starts, and an unknown campaign', async () => {
    const bad = await admin.request('GET', `/api/admin/reports?from=2026-05-02&to=2026-05-01`);
    expect(bad.status).toBe(400);
    const missing = await admin.request('GET', `/api/admin/reports?campaignId=00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
  });

  it('follows later changes: a DSN bounce on a sent message moves the counts', async () => {
    const before = await report(`?campaignId=${campaignId}`);
    const { sql } = await import('drizzle-orm');
    await t.database.asSystem((db) => db.execute(sql`update messages set is_bounce = true where campaign_id = ${campaignId} and step_position = 1 and state = 'sent' and variant_index = 0 and to_email is null and mailbox_id is not null and prospect_id = (select prospect_id from messages where campaign_id = ${campaignId} and step_position = 1 and variant_index = 0 order by sent_at limit 1)`));
    const after = await report(`?campaignId=${campaignId}`);
    expect(after.totals.bounced).toBe(before.totals.bounced + 1);
    expect(after.totals.sent).toBe(before.totals.sent);
  });
});

describe('time zone', () => {
  it('rebuilds the days when the workspace moves to another time zone, the totals unchanged', async () => {
    const before = await report(`?campaignId=${campaignId}`);
    const { sql } = await import('drizzle-orm');
    const [row] = await t.database.asSystem((db) => queryRows<{ at: string }>(db, sql`select min(sent_at) as at from messages where campaign_id = ${campaignId}`));
    const first = new Date(row!.at);
    const res = await admin.request('PATCH', '/api/admin/workspace', { json: { timezone: 'Pacific/Kiritimati' } });
    expect(res.status).toBe(200);
    const after = await report(`?campaignId=${campaignId}`);
    expect(after.range.timezone).toBe('Pacific/Kiritimati');
    expect(after.totals).toEqual(before.totals);
    // UTC+14: the first send falls on the day it is in Kiritimati.
    const kiritimatiDay = new Date(first.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
    expect(after.daily.find((d) => d.day === kiritimatiDay)?.attempted).toBeGreaterThan(0);
    await admin.request('PATCH', '/api/admin/workspace', { json: { timezone: 'UTC' } });
  });
});

describe('workspace report', () => {
  it('adds up the campaigns, one row each', async () => {
    const body = await report('');
    expect(body.campaign).toBeNull();
    expect(body.funnel.contacted).toBe(EXPECTED.funnel.contacted);
    expect(body.campaigns).toHaveLength(1);
    expect(body.campaigns[0]).toMatchObject({ campaignId, name: 'Report campaign', sent: 14 });
    expect(body.steps).toEqual([]);
  });
});

describe('CSV export', () => {
  it('downloads each table as text/csv', async () => {
    const res = await admin.request('GET', `/api/admin/reports/steps.csv?campaignId=${campaignId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report-steps.csv"');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toMatch(/^step,variant,subject,leading,attempted,sent,bounced,replied/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^1,B,An idea for {{company}},yes,5,4,1,2,/);
    for (const table of ['daily', 'mailboxes', 'campaigns']) {
      const csv = await admin.request('GET', `/api/admin/reports/${table}.csv`);
      expect(csv.status).toBe(200);
      expect(csv.text.split('\n')[0]).toContain('sent');
    }
  });

  it('needs a session', async () => {
    const res = await t.client().request('GET', '/api/admin/reports/daily.csv');
    expect(res.status).toBe(401);
  });
});
