import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { emailDomainChecks, enrollments } from '../db/schema/index.js';
import { insertMailbox, launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

let t: TestApp;
let world: SendingWorld;
let smtp: FakeSmtpServer;
let mailbox: string;
const monday = nextMonday(10);

beforeAll(async () => {
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  world = await sendingWorld(t);
  mailbox = await sandboxMailbox(t, world);
  smtp = await startFakeSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
  await world.services.close();
  await t.stop();
});

/** A mailbox sends one message per tick: tick minute after minute until nothing more leaves. */
let clock = monday.getTime();
async function drain(after: Date): Promise<number> {
  // Time only moves forward: a mailbox's gap counts from its last send.
  clock = Math.max(clock, after.getTime());
  let sent = 0;
  for (let minute = 0; minute < 20; minute++) {
    clock += 60_000;
    const result = await world.tick(new Date(clock));
    // A refused address (never mailed) also takes the mailbox's turn: only a tick that neither
    // sent nor refused anything means the queue is drained.
    if (result.sent === 0 && result.failed === 0 && minute > 0) break;
    sent += result.sent;
  }
  return sent;
}

const step = [{ delayDays: 0, subject: 'Hello', body: 'Hi {{firstName|there}}' }];
const stoppedReasons = (campaignId: string) =>
  t.database.withWorkspace(world.workspaceId, async (db) =>
    Object.fromEntries((await db.select().from(enrollments).where(eq(enrollments.campaignId, campaignId))).map((row) => [row.prospectId, row.stoppedReason])),
  );

describe('address verification before the first email', () => {
  it('never mails a domain without a mail server, sends to one with an MX, and looks each domain up once', async () => {
    world.dns.set('gone.example', {});
    world.dns.set('good.example', { MX: [{ exchange: 'mx.good.example', priority: 10 }] });
    world.dns.queries.length = 0;
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: step,
      prospects: [{ email: 'ana@good.example' }, { email: 'ben@good.example' }, { email: 'cleo@gone.example' }],
    });
    expect(await drain(monday)).toBe(2);
    const rows = await world.messages(campaign);
    expect(rows.find((row) => row.toEmail === 'cleo@gone.example')).toMatchObject({ state: 'failed', error: 'Not sent: address_invalid' });
    expect(Object.values(await stoppedReasons(campaign))).toContain('address_invalid');
    expect(world.dns.queries.filter((query) => query === 'MX good.example')).toHaveLength(1);
    const cached = await t.database.withWorkspace(world.workspaceId, (db) => db.select().from(emailDomainChecks).where(eq(emailDomainChecks.domain, 'gone.example')));
    expect(cached[0]?.verdict).toEqual({ kind: 'no_mail', reason: 'no_mail_server' });
  });

  it('a DNS failure is "unknown": the first email waits (not stopped) and goes once the domain answers', async () => {
    world.dns.servfail.add('flaky.example');
    const real = await insertMailbox(t, world, { fromEmail: 'alex@sender.example', smtpHost: smtp.host, smtpPort: smtp.port });
    const campaign = await launchedCampaign(world, { mailboxIds: [real], steps: step, prospects: [{ email: 'dan@flaky.example' }] });
    expect(await drain(monday)).toBe(0);
    const [waiting] = await world.messages(campaign);
    expect(waiting).toMatchObject({ state: 'scheduled' });
    expect(Object.values(await stoppedReasons(campaign))).toEqual([null]);

    world.dns.servfail.delete('flaky.example');
    world.dns.set('flaky.example', { MX: [{ exchange: 'mx.flaky.example', priority: 10 }] });
    expect(await drain(new Date(monday.getTime() + 40 * 60_000))).toBe(1);
    expect(smtp.messages.map((message) => message.envelopeTo)).toEqual([['dan@flaky.example']]);
  });

  it('the sandbox (which delivers nothing) does not wait for an unverifiable domain', async () => {
    world.dns.servfail.add('offline.example');
    const campaign = await launchedCampaign(world, { mailboxIds: [mailbox], steps: step, prospects: [{ email: 'ida@offline.example' }] });
    expect(await drain(monday)).toBe(1);
    expect((await world.messages(campaign))[0]).toMatchObject({ state: 'sent' });
  });

  it('risky addresses (role, disposable) follow the campaign policy; verifyEmails:false turns the checks off', async () => {
    const skip = await launchedCampaign(world, { mailboxIds: [mailbox], steps: step, prospects: [{ email: 'info@role.example' }, { email: 'eve@mailinator.com' }] });
    await drain(monday);
    expect((await world.messages(skip)).map((row) => row.error)).toEqual(['Not sent: address_risky', 'Not sent: address_risky']);

    world.dns.set('nomail.example', {});
    const off = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: step,
      prospects: [{ email: 'sales@nomail.example' }],
      campaign: { name: 'No checks' },
    });
    const patched = await world.client.request('PATCH', `/api/admin/campaigns/${off}`, { json: { verifyEmails: false } });
    expect(patched.status, patched.text).toBe(200);
    expect(await drain(monday)).toBe(1);

    const send = await launchedCampaign(world, { mailboxIds: [mailbox], steps: step, prospects: [{ email: 'support@role2.example' }] });
    const res = await world.client.request('PATCH', `/api/admin/campaigns/${send}`, { json: { riskyAddressPolicy: 'send' } });
    expect(res.status, res.text).toBe(200);
    expect(await drain(monday)).toBe(1);
  });

  it('refuses an unknown risky policy', async () => {
    const campaign = await launchedCampaign(world, { mailboxIds: [mailbox], steps: step, prospects: [{ email: 'fay@good.example' }] });
    const res = await world.client.request('PATCH', `/api/admin/campaigns/${campaign}`, { json: { riskyAddressPolicy: 'maybe' } });
    expect(res.status).toBe(400);
  });
});
