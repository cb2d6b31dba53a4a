import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { seedBenchData } from '../../../bench/seed.js';
import { WorkspaceFixtures } from './test-fixtures.js';

type Stats = {
  metrics: Record<string, number | null>;
  health: { score: number; state: string; components: { key: string; value: number; applies: boolean; penalty: number; maxPenalty: number }[]; inputs: Record<string, number> };
  daily: { day: string; sent: number; replies: number; bounces: number; positive: number; meetings: number }[];
  generatedAt: string;
};
type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let admin: TestClient;
let fixtures: WorkspaceFixtures;
let other: TestClient;
let otherFixtures: WorkspaceFixtures;
let prospectIds: string[];

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  fixtures = new WorkspaceFixtures(t.database, (await admin.signUp({ workspaceName: 'Dash Co' })).workspace.id);
  other = t.client();
  otherFixtures = new WorkspaceFixtures(t.database, (await other.signUp({ workspaceName: 'Noise Co' })).workspace.id);

  // Workspace under test: numbers chosen so every health component bites a known amount.
  const now = new Date();
  const tenDaysAgo = new Date(now.getTime() - 10 * DAY);
  const campaign = await fixtures.campaign({ name: 'Dash campaign', status: 'active' });
  prospectIds = [
    await fixtures.prospect({ stage: 'new', name: 'Nina New' }),
    await fixtures.prospect({ stage: 'contacted', name: 'Carl Contacted', campaignId: campaign }),
    await fixtures.prospect({ stage: 'replied', name: 'Rita Replied', campaignId: campaign }),
    await fixtures.prospect({ stage: 'contacted', name: 'Cora Contacted', campaignId: campaign }),
  ];
  const [p0, p1, p2] = prospectIds as [string, string, string];
  await fixtures.sent(p1, 100, { at: now });
  await fixtures.sent(p1, 100, { at: tenDaysAgo });
  await fixtures.inbound(p1, 3, { kind: 'bounce' });
  const replies = await fixtures.inbound(p2, 4);
  await fixtures.inbound(p2, 2, { at: tenDaysAgo });
  await fixtures.inbound(p2, 1, { kind: 'auto' });
  await fixtures.decision(replies[0]!, p2, 'interested');
  await fixtures.decision(replies[1]!, p2, 'meeting_request');
  const question = await fixtures.decision(replies[2]!, p2, 'question');
  await fixtures.meeting(p2);
  await fixtures.meeting(p2, { status: 'cancelled' });
  await fixtures.setMailboxStatus('error');
  await fixtures.failedJob(new Date(now.getTime() - 2 * HOUR));
  await fixtures.failedJob(new Date(now.getTime() - 30 * HOUR));
  await fixtures.reviewItem(question, p2, new Date(now.getTime() - 30 * HOUR));
  await fixtures.reviewItem(question, p2, new Date(now.getTime() - 26 * HOUR));
  await fixtures.reviewItem(question, p2, new Date(now.getTime() - 1 * HOUR));
  await fixtures.reviewItem(question, p2, new Date(now.getTime() - 48 * HOUR), 'approved');
  expect(p0).toBeDefined();

  // Another, busier and unhealthier workspace: none of it may leak into the numbers above.
  await seedBenchData(t.database, { workspaceId: otherFixtures.workspaceId, prospects: 300, sentPerDay: 20, campaigns: 3 });
  await otherFixtures.setMailboxStatus('paused', 3);
  await otherFixtures.failedJob(new Date());
}, 120_000);
afterAll(() => t.stop());

describe('GET /api/admin/dashboard/stats', () => {
  it('computes the tiles from real rows of this workspace only', async () => {
    const res = await admin.request<Stats>('GET', '/api/admin/dashboard/stats');
    expect(res.status).toBe(200);
    expect(res.body.metrics).toEqual({
      prospects: 4,
      sentToday: 100,
      sent7d: 100,
      sent30d: 200,
      replies30d: 6,
      replyRate: 0.03,
      positiveReplies30d: 2,
      positiveReplyRate: 2 / 6,
      bounces7d: 3,
      bounceRate7d: 0.03,
      meetings30d: 1,
    });
  });

  it('scores health with the documented formula and shows each component’s value', async () => {
    const { health } = (await admin.request<Stats>('GET', '/api/admin/dashboard/stats')).body;
    // The mailbox in error sends from a domain never checked: one sending-domain problem.
    expect(health.inputs).toEqual({ sent7d: 100, bounces7d: 3, sent30d: 200, replies30d: 6, unhealthyMailboxes: 1, failedJobs24h: 1, staleReviewItems: 2, domainProblems: 1 });
    expect(health.components).toEqual([
      { key: 'bounceRate', value: 0.03, applies: true, penalty: 11.7, maxPenalty: 35 },
      { key: 'replyRate', value: 0.03, applies: true, penalty: 6, maxPenalty: 15 },
      { key: 'mailboxes', value: 1, applies: true, penalty: 10, maxPenalty: 20 },
      { key: 'failedJobs', value: 1, applies: true, penalty: 5, maxPenalty: 15 },
      { key: 'reviewBacklog', value: 2, applies: true, penalty: 4, maxPenalty: 15 },
      { key: 'sendingDomains', value: 1, applies: true, penalty: 8, maxPenalty: 25 },
    ]);
    // 100 − (11.7 + 6 + 10 + 5 + 4 + 8) = 55.3
    expect(health.score).toBe(55);
    expect(health.state).toBe('measured');
  });

  it('gives 30 days of sends and replies, oldest first, ending today', async () => {
    const { daily } = (await admin.request<Stats>('GET', '/api/admin/dashboard/stats')).body;
    expect(daily).toHaveLength(30);
    expect(daily[29]).toEqual({ day: new Date().toISOString().slice(0, 10), sent: 100, replies: 4, bounces: 3, positive: 2, meetings: 1 });
    expect(daily[19]).toMatchObject({ day: new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10), sent: 100, replies: 2 });
    expect(daily.reduce((sum, point) => sum + point.sent, 0)).toBe(200);
  });

  it('shows the other workspace its own numbers, and an empty workspace zeros and a perfect score', async () => {
    const theirs = (await other.request<Stats>('GET', '/api/admin/dashboard/stats')).body;
    expect(theirs.metrics.prospects).toBe(300);
    expect(theirs.health.inputs.unhealthyMailboxes).toBe(4);
    const empty = t.client();
    await empty.signUp();
    const fresh = (await empty.request<Stats>('GET', '/api/admin/dashboard/stats')).body;
    expect(fresh.metrics).toMatchObject({ prospects: 0, sent30d: 0, replyRate: null, bounceRate7d: null, positiveReplyRate: null });
    expect(fresh.health).toMatchObject({ score: 100, state: 'nothing_sent' });
  });

  it('needs a signed-in user (401), on REST and on every tRPC piece', async () => {
    expect((await t.client().request('GET', '/api/admin/dashboard/stats')).status).toBe(401);
    const anonymous = t.client().trpc();
    for (const call of [() => anonymous.dashboard.metrics.query(), () => anonymous.dashboard.health.query(), () => anonymous.dashboard.chart.query()]) {
      await expect(call()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    }
  });

  it('matches the tRPC pieces', async () => {
    const trpc = admin.trpc();
    const [metrics, health, chart] = await Promise.all([trpc.dashboard.metrics.query(), trpc.dashboard.health.query(), trpc.dashboard.chart.query()]);
    expect(metrics.sent30d).toBe(200);
    expect(health.score).toBe(55);
    expect(chart).toHaveLength(30);
  });
});

describe('the pipeline board', () => {
  it('counts every stage and shows the most recently moved prospects first', async () => {
    const res = await admin.request<{ stage: string; total: number; cards: { id: string; name: string; campaignName: string | null }[] }[]>(
      'GET',
      '/api/admin/dashboard/pipeline?perColumn=1',
    );
    expect(res.status).toBe(200);
    expect(res.body.map((column) => column.stage)).toEqual([
      'new', 'enriched', 'contacted', 'replied', 'interested', 'meeting_booked', 'won', 'lost', 'unsubscribed', 'bounced',
    ]);
    const contacted = res.body.find((column) => column.stage === 'contacted')!;
    expect(contacted.total).toBe(2);
    expect(contacted.cards).toEqual([expect.objectContaining({ name: 'Cora Contacted', campaignName: 'Dash campaign' })]);
    expect(res.body.find((column) => column.stage === 'won')).toEqual({ stage: 'won', total: 0, cards: [] });
  });

  it('moves a card: the prospect changes stage, shows at the top of its new column, and the move is in the activity stream', async () => {
    const carl = prospectIds[1]!;
    const moved = await admin.trpc().dashboard.moveProspect.mutate({ prospectId: carl, stage: 'interested' });
    expect(moved).toEqual({ id: carl, stage: 'interested', previousStage: 'contacted' });
    const board = await admin.trpc().dashboard.kanban.query({ perColumn: 5 });
    expect(board.find((column) => column.stage === 'interested')?.cards[0]?.id).toBe(carl);
    expect(board.find((column) => column.stage === 'contacted')?.total).toBe(1);
    const activity = await admin.trpc().dashboard.activity.query({ limit: 5 });
    expect(activity[0]).toMatchObject({ type: 'prospect.stage_changed', prospectName: 'Carl Contacted', data: { from: 'contacted', to: 'interested' } });
  });

  it('refuses a stage that does not exist (400 on stage), another workspace’s prospect (404) and anonymous callers (401)', async () => {
    await expect(admin.trpc().dashboard.moveProspect.mutate({ prospectId: prospectIds[0]!, stage: 'hot' as never })).rejects.toMatchObject({
      data: { httpStatus: 400, issues: [expect.objectContaining({ path: ['stage'] })] },
    });
    const [theirProspect] = await otherFixtures.prospect({ stage: 'new' }).then((id) => [id]);
    await expect(admin.trpc().dashboard.moveProspect.mutate({ prospectId: theirProspect!, stage: 'won' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND', httpStatus: 404 },
    });
    await expect(t.client().trpc().dashboard.moveProspect.mutate({ prospectId: prospectIds[0]!, stage: 'won' })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    expect((await t.client().request('GET', '/api/admin/dashboard/pipeline')).status).toBe(401);
  });

  it('refuses a column size out of bounds (400 on perColumn)', async () => {
    const res = await admin.request<ErrorBody>('GET', '/api/admin/dashboard/pipeline?perColumn=500');
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.[0]?.path).toEqual(['perColumn']);
  });
});

describe('the activity stream', () => {
  it('lists this workspace’s AI decisions, messages and moves newest first, and pages back with `before`', async () => {
    const first = await other.request<{ id: number; type: string; prospectName: string | null }[]>('GET', '/api/admin/dashboard/activity?limit=5');
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(5);
    const ids = first.body.map((item) => item.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(first.body.every((item) => item.type !== 'job.progress')).toBe(true);
    const next = await other.request<{ id: number }[]>('GET', `/api/admin/dashboard/activity?limit=5&before=${ids[4]}`);
    expect(next.body[0]!.id).toBeLessThan(ids[4]!);
    // Nothing of the busy workspace shows up here.
    const mine = await admin.request<{ prospectName: string | null }[]>('GET', '/api/admin/dashboard/activity?limit=100');
    expect(mine.body.every((item) => ['Carl Contacted', null].includes(item.prospectName))).toBe(true);
  });

  it('is empty for a new workspace, and refuses a bad page size (400) or no session (401)', async () => {
    const fresh = t.client();
    await fresh.signUp();
    expect((await fresh.request('GET', '/api/admin/dashboard/activity')).body).toEqual([]);
    const bad = await fresh.request<ErrorBody>('GET', '/api/admin/dashboard/activity?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0]?.path).toEqual(['limit']);
    expect((await t.client().request('GET', '/api/admin/dashboard/activity')).status).toBe(401);
  });
});
