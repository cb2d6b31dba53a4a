import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { enrollments } from '../db/schema/index.js';
import type { CampaignCapacityView, MailboxCapacityView } from './capacity.schemas.js';
import { launchedCampaign, sandboxMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

let t: TestApp;
let world: SendingWorld;

beforeAll(async () => {
  t = await startTestApp();
  world = await sendingWorld(t);
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});

const utcDate = (instant: Date) => instant.toISOString().slice(0, 10);

describe('GET /api/admin/campaigns/:id/capacity', () => {
  it('names the warm-up step as what binds today, counts held prospects by reason, and forecasts step 1 and the last step', async () => {
    // Warm-up day 0: 5 today, then 7, 9… up to the daily limit of 50.
    const mailbox = await sandboxMailbox(t, world, { warmupEnabled: true, warmupStartPerDay: 5, warmupIncrementPerDay: 2, warmupStartedAt: null, dailyLimit: 50 });
    const prospects = Array.from({ length: 13 }, (_, index) => ({ email: `p${index}@capacity.example`, firstName: `P${index}` }));
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [
        { delayDays: 0, subject: 'Hello', body: 'Hi {{firstName}}' },
        { delayDays: 3, body: 'Following up' },
      ],
      prospects,
    });
    // One prospect held by the engine (its message would keep an unresolved variable).
    await t.database.withWorkspace(world.workspaceId, async (db) => {
      const [first] = await db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.campaignId, campaign)).limit(1);
      await db.update(enrollments).set({ hold: { code: 'unresolved_variables', variables: ['company'] } }).where(eq(enrollments.id, first!.id));
    });

    const res = await world.client.request<CampaignCapacityView>('GET', `/api/admin/campaigns/${campaign}/capacity`);
    expect(res.status, res.text).toBe(200);
    const view = res.body;
    expect(view.mailboxes).toHaveLength(1);
    expect(view.mailboxes[0]).toMatchObject({ mailboxId: mailbox, binding: 'warmup', capToday: 5, sentToday: 0, remaining: 5 });
    expect(view.mailboxes[0]!.limits.map((limit) => limit.code)).toEqual(expect.arrayContaining(['warmup', 'daily_cap', 'gap']));
    expect(view.today).toMatchObject({ remaining: 5, binding: 'mailboxes', due: 12 });
    expect(view.holds).toEqual([{ code: 'unresolved_variables', count: 1 }]);

    // 12 waiting for step 1 at 5, 7 a day: everyone has had it on day 1; step 2 follows 3 days later.
    const now = new Date();
    expect(view.forecast.outcome).toBe('complete');
    expect(view.forecast.totalMessages).toBe(24);
    expect(view.forecast.firstSendOn).toBe(utcDate(now));
    expect(view.forecast.firstStep).toMatchObject({ kind: 'on', day: 1, date: utcDate(new Date(now.getTime() + 86_400_000)) });
    expect(view.forecast.lastStep).toMatchObject({ kind: 'on', day: 4 });
    expect(view.forecast.days[0]).toMatchObject({ capacity: 5, sent: 5 });
  });

  it('answers 404 for a campaign of another workspace or none', async () => {
    const res = await world.client.request('GET', '/api/admin/campaigns/00000000-0000-4000-8000-000000000000/capacity');
    expect(res.status).toBe(404);
    const other = t.client();
    await other.signUp({ workspaceName: 'Other Co' });
    const mine = await world.client.request<{ items: { id: string }[] }>('GET', '/api/admin/campaigns');
    const foreign = await other.request('GET', `/api/admin/campaigns/${mine.body.items[0]!.id}/capacity`);
    expect(foreign.status).toBe(404);
  });

  it('lists today per mailbox for Settings → Email: sent, allowed and the binding limit', async () => {
    const res = await world.client.request<{ items: MailboxCapacityView[] }>('GET', '/api/admin/capacity/mailboxes');
    expect(res.status, res.text).toBe(200);
    expect(res.body.items[0]).toMatchObject({ kind: 'sandbox', binding: 'warmup', capToday: 5 });
  });
});
