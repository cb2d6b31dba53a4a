import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { insertDkimKey, insertMailbox, launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, unfold, type SendingWorld } from './sending.test-helpers.js';
import { appUrlOf } from './send-tick.service.js';

let t: TestApp;
let world: SendingWorld;
let smtp: FakeSmtpServer;
const refuse = new Map<string, number>();

/** A Monday 00:00 UTC well after now, so messages scheduled at launch are due. */
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * 3_600_000);

beforeAll(async () => {
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  world = await sendingWorld(t);
  smtp = await startFakeSmtpServer({ auth: { user: 'alex', password: 's3cret' }, refuse });
});
afterAll(async () => {
  await smtp.stop();
  await world.services.close();
  await t.stop();
});

const smtpMailbox = (fromEmail: string) => insertMailbox(t, world, { fromEmail, smtpHost: smtp.host, smtpPort: smtp.port, smtpUser: 'alex', password: 's3cret' });

describe('the send tick over SMTP', () => {
  it('sends step 1 with Message-ID on the sender domain, the RFC 8058 pair, the footer, and a DKIM signature that verifies', async () => {
    const mailbox = await smtpMailbox('alex@dkim.example');
    const key = await insertDkimKey(t, world, 'dkim.example');
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'Idea for {{company}}', body: 'Hi {{firstName|there}},\n{{openingLine|I had an idea.}}\n{{signature}}' }],
      prospects: [{ email: 'camille@acme.example', firstName: 'Camille', company: 'Acme' }],
    });
    const result = await world.tick(at(nextMonday(0), 10));
    expect(result.sent).toBe(1);
    const mail = smtp.messages.at(-1)!;
    expect(mail.subject).toBe('Idea for Acme');
    expect(mail.envelopeTo).toEqual(['camille@acme.example']);
    expect(String(mail.headers.get('message-id'))).toMatch(/^<[a-z0-9]+@dkim\.example>$/);
    const [row] = await world.messages(campaign);
    expect(row).toMatchObject({ state: 'sent', toEmail: 'camille@acme.example', fromEmail: 'alex@dkim.example' });
    const token = row!.unsubscribeToken!;
    const appUrl = appUrlOf(world.services.config);
    expect(unfold(mail.raw)).toContain(`List-Unsubscribe: <${appUrl}/u/${token}>, <mailto:unsubscribe+${token}@dkim.example?subject=unsubscribe>`);
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain('Hi Camille,');
    expect(mail.text).toContain(`unsubscribe here: ${appUrl}/u/${token}`);
    expect(mail.text).toContain('désinscrivez-vous ici');
    expect(mail.text).toContain('Sender Co, 12 rue des Lilas, 69001 Lyon');

    const verified = await dkimVerify(Buffer.from(mail.raw), {
      resolver: (name: string, type: string) => {
        if (type === 'TXT' && name === `${key.selector}._domainkey.dkim.example`) return Promise.resolve([[`v=DKIM1; k=rsa; p=${key.publicKey}`]]);
        return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
      },
    });
    const signature = verified.results[0]!;
    expect(signature.status.result).toBe('pass');
    // The signature's h= tag names both headers of the one-click pair.
    const signed = /\bh=([^;]+);/.exec(unfold(mail.raw))![1]!.replace(/\s+/g, '').toLowerCase().split(':');
    expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']));
  });

  it('threads a follow-up on the same mailbox (Re:, In-Reply-To, References) after its delay, and then finishes', async () => {
    const first = await smtpMailbox('one@thread.example');
    const second = await smtpMailbox('two@thread.example');
    const campaign = await launchedCampaign(world, {
      mailboxIds: [first, second],
      steps: [
        { delayDays: 0, subject: 'Hello {{firstName}}', body: 'First' },
        { delayDays: 2, body: 'Following up' },
      ],
      prospects: [{ email: 'dana@thread-target.example', firstName: 'Dana' }],
    });
    const monday = nextMonday(0);
    await world.tick(at(monday, 9));
    // Not due yet a day later.
    expect((await world.tick(at(monday, 33))).sent).toBe(0);
    expect((await world.tick(at(monday, 58))).sent).toBe(1);
    const [one, two] = await world.messages(campaign);
    expect(two).toMatchObject({ state: 'sent', subject: 'Re: Hello Dana', inReplyTo: one!.messageIdHeader, references: [one!.messageIdHeader], mailboxId: one!.mailboxId });
    const sent = smtp.messages.filter((m) => m.envelopeTo[0] === 'dana@thread-target.example');
    expect(String(sent[1]!.headers.get('in-reply-to'))).toBe(one!.messageIdHeader);
  });

  it('holds a prospect whose message would keep an unresolved variable: nothing is sent, the reason is kept', async () => {
    const mailbox = await smtpMailbox('held@sender.example');
    const before = smtp.messages.length;
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'About {{company}}', body: 'Hi {{firstName}}' }],
      prospects: [{ email: 'nofirst@held.example' }],
    });
    const result = await world.tick(at(nextMonday(0), 10));
    expect(result).toMatchObject({ sent: 0, held: 1 });
    expect(smtp.messages.length).toBe(before);
    const [row] = await world.messages(campaign);
    expect(row!.state).toBe('scheduled');
    const enrollment = await t.database.withWorkspace(world.workspaceId, (db) => db.query.enrollments.findFirst({ where: (e, { eq }) => eq(e.campaignId, campaign) }));
    expect(enrollment!.hold).toMatchObject({ code: 'unresolved_variables', variables: expect.arrayContaining(['company', 'firstName']) });
    // Held stays held on the next tick.
    expect((await world.tick(at(nextMonday(0), 11))).sent).toBe(0);
  });

  it('a 5xx refusal is a hard bounce: prospect bounced, address suppressed, sequence stopped; a 4xx is retried later', async () => {
    const mailbox = await smtpMailbox('bounce@sender.example');
    refuse.set('gone@bounce.example', 550);
    refuse.set('busy@bounce.example', 451);
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }, { delayDays: 1, body: 'Again' }],
      prospects: [{ email: 'gone@bounce.example' }, { email: 'busy@bounce.example' }],
    });
    const monday = nextMonday(0);
    await world.tick(at(monday, 10));
    await world.tick(at(monday, 10.01));
    const rows = await world.messages(campaign);
    const gone = rows.find((m) => m.toEmail === 'gone@bounce.example')!;
    const busy = rows.find((m) => m.toEmail === 'busy@bounce.example')!;
    expect(gone).toMatchObject({ state: 'failed', isBounce: true });
    expect(busy).toMatchObject({ state: 'scheduled', softBounces: 1 });
    expect(busy.scheduledAt!.getTime()).toBeGreaterThan(at(monday, 10.4).getTime());
    const prospect = await t.database.withWorkspace(world.workspaceId, (db) => db.query.prospects.findFirst({ where: (p, { eq }) => eq(p.email, 'gone@bounce.example') }));
    expect(prospect!.stage).toBe('bounced');
    const suppressed = await t.database.withWorkspace(world.workspaceId, (db) => db.query.suppressions.findMany({ where: (s, { eq }) => eq(s.value, 'gone@bounce.example') }));
    expect(suppressed).toMatchObject([{ kind: 'email', reason: 'bounce' }]);
    // After three transient refusals the message fails for good.
    refuse.delete('gone@bounce.example');
    await world.tick(at(monday, 12));
    await world.tick(at(monday, 14));
    const final = (await world.messages(campaign)).find((m) => m.toEmail === 'busy@bounce.example' && m.stepPosition === 0)!;
    expect(final).toMatchObject({ state: 'failed', softBounces: 2 });
    expect((await world.messages(campaign)).filter((m) => m.toEmail === 'gone@bounce.example')).toHaveLength(1);
  });

  it('reads the window in each prospect’s zone: Tokyo gets its email while New York sleeps, New York later', async () => {
    const mailbox = await sandboxMailbox(t, world);
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      campaign: { sendWindowStart: '09:00', sendWindowEnd: '17:00', sendDays: [1, 2, 3, 4, 5] },
      steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }],
      prospects: [
        { email: 'kenji@tokyo.example', timezone: 'Asia/Tokyo' },
        { email: 'nora@nyc.example', timezone: 'America/New_York' },
      ],
    });
    const monday = nextMonday(0);
    // Monday 01:00 UTC = 10:00 in Tokyo, Sunday 20:00 in New York.
    const early = await world.tick(at(monday, 1));
    expect(early).toMatchObject({ sent: 1, deferred: 1 });
    let rows = await world.messages(campaign);
    expect(rows.find((m) => m.toEmail === 'kenji@tokyo.example')!.state).toBe('sent');
    const nora = rows.find((m) => m.toEmail === 'nora@nyc.example')!;
    expect(nora.state).toBe('scheduled');
    // Deferred to 09:00 New York time on Monday (14:00 UTC in December).
    expect(nora.scheduledAt!.toISOString()).toBe(at(monday, 14).toISOString());
    await world.tick(at(monday, 14.5));
    rows = await world.messages(campaign);
    expect(rows.every((m) => m.state === 'sent')).toBe(true);
    // The sandbox keeps the whole message, headers included.
    expect(rows[0]!.rawSource?.toString('utf8')).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });
});
