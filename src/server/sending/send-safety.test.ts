import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { alerts, campaigns, messages } from '../db/schema/index.js';
import { storeDomainChecks } from './address-checks.service.js';
import { claimForSend } from './send-claim.js';
import { appUrlOf } from './send-tick.service.js';
import { handleBounce } from './bounces.service.js';
import { launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

let t: TestApp;
let world: SendingWorld;
const monday = nextMonday(0);
const at = (hours: number) => new Date(monday.getTime() + hours * 3_600_000);

beforeAll(async () => {
  t = await startTestApp();
  world = await sendingWorld(t);
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});

describe('at most once', () => {
  it('a message claimed by a process that died becomes unknown, is never re-sent by itself, and waits for a human', async () => {
    const mailbox = await sandboxMailbox(t, world);
    const campaign = await launchedCampaign(world, { mailboxIds: [mailbox], steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }], prospects: [{ email: 'cut@off.example' }] });
    const [scheduled] = await world.messages(campaign);
    // The tick looked the domain up beforehand (the claim only reads that cached verdict).
    await t.database.withWorkspace(world.workspaceId, (db) => storeDomainChecks(db, new Map([['off.example', { kind: 'accepts_mail', via: 'mx' }]]), at(9)));
    // A process claims it, then dies before the transport answers (nothing records the outcome).
    const claim = await t.database.withWorkspace(world.workspaceId, (db) => claimForSend(db, scheduled!.id, mailbox, { now: at(10), leaseMs: 60_000, appUrl: appUrlOf(world.services.config) }));
    expect(claim.kind).toBe('claimed');
    // Within the lease another tick leaves it alone.
    expect(await world.tick(at(10.01))).toMatchObject({ sent: 0, flaggedUnknown: 0 });
    // Past the lease it is flagged unknown — and stays unsent over later ticks.
    expect((await world.tick(at(10.1))).flaggedUnknown).toBe(1);
    expect((await world.tick(at(12))).sent).toBe(0);
    const [flagged] = await world.messages(campaign);
    expect(flagged).toMatchObject({ state: 'unknown', sentAt: null });

    const list = await world.client.request<{ items: { id: string }[] }>('GET', `/api/admin/messages?campaignId=${campaign}&state=unknown`);
    expect(list.body.items.map((m) => m.id)).toEqual([scheduled!.id]);
    const requeue = await world.client.request<{ state: string }>('POST', `/api/admin/messages/${scheduled!.id}/resolve`, { json: { decision: 'requeue' } });
    expect(requeue.status).toBe(200);
    expect(requeue.body.state).toBe('scheduled');
    // Resolving a message that is not unknown is refused.
    const twice = await world.client.request<{ error: { reason: string } }>('POST', `/api/admin/messages/${scheduled!.id}/resolve`, { json: { decision: 'sent' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.reason).toBe('message.not_resolvable');
    expect((await world.tick(at(13))).sent).toBe(1);
  });
});

describe('pacing over a simulated week', () => {
  it('a warming mailbox sends 5, 7, 9 … a day (start 5, +2/day) and never more than its daily cap', async () => {
    const mailbox = await sandboxMailbox(t, world, { dailyLimit: 12, warmupEnabled: true, warmupStartPerDay: 5, warmupIncrementPerDay: 2, warmupStartedAt: null, minGapSeconds: 600, windowStart: '09:00', windowEnd: '17:00' });
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }],
      prospects: Array.from({ length: 80 }, (_, n) => ({ email: `week${n}@pace.example` })),
    });
    const perDay: number[] = [];
    for (let day = 0; day < 7; day++) {
      let sent = 0;
      // From Tuesday (Monday's sends belong to the test above), every 15 minutes across the mailbox's window (and a bit outside it, which must send nothing).
      for (let quarter = 8 * 4; quarter < 18 * 4; quarter++) sent += (await world.tick(at((day + 1) * 24 + quarter / 4))).sent;
      perDay.push(sent);
    }
    expect(perDay).toEqual([5, 7, 9, 11, 12, 12, 12]);
    const rows = await world.messages(campaign);
    const times = rows.filter((m) => m.state === 'sent').map((m) => m.sentAt!.getTime()).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(600_000);
    expect(times.every((time) => new Date(time).getUTCHours() >= 9 && new Date(time).getUTCHours() < 17)).toBe(true);
  }, 240_000);
});

describe('bounce rate', () => {
  it('pauses the campaign with an alert once more than 5% of at least 20 sends bounced in 7 days', async () => {
    const mailbox = await sandboxMailbox(t, world);
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }],
      prospects: Array.from({ length: 22 }, (_, n) => ({ email: `rate${n}@bounce-rate.example` })),
    });
    // The week's campaign still has prospects due on the same mailbox: tick until this one is through.
    for (let n = 0; n < 60; n++) await world.tick(at(24 * 9 + 10 + n / 60));
    const sent = (await world.messages(campaign)).filter((m) => m.state === 'sent');
    expect(sent).toHaveLength(22);
    const bounce = (message: (typeof sent)[number]) =>
      t.database.withWorkspace(world.workspaceId, (db) =>
        handleBounce(db, { email: message.toEmail!, kind: 'hard', diagnostic: '550 5.1.1 user unknown', messageIdHeader: message.messageIdHeader!, at: at(24 * 9 + 12) }),
      );
    // 1 of 22 = 4.5 %: still running.
    expect(await bounce(sent[0]!)).toEqual({ campaignPaused: false });
    // 2 of 22 = 9.1 %: paused, with an alert.
    expect(await bounce(sent[1]!)).toEqual({ campaignPaused: true });
    const [row] = await t.database.withWorkspace(world.workspaceId, (db) => db.select().from(campaigns).where(eq(campaigns.id, campaign)));
    expect(row).toMatchObject({ status: 'paused' });
    expect(row!.autoPausedReason).toMatch(/9\.1%/);
    const raised = await t.database.withWorkspace(world.workspaceId, (db) => db.select().from(alerts).where(eq(alerts.type, 'campaign.bounce_rate')));
    expect(raised).toHaveLength(1);
    const flagged = await t.database.withWorkspace(world.workspaceId, (db) => db.select().from(messages).where(eq(messages.isBounce, true)));
    expect(flagged).toHaveLength(2);
  });
});
