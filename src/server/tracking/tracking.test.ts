import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { insertDkimKey, insertMailbox, launchedCampaign, nextMonday, sendingWorld, unfold, type SendingWorld } from '../sending/sending.test-helpers.js';
import { appUrlOf } from '../sending/send-tick.service.js';
import type { Report } from '../reports/reports.schemas.js';

let t: TestApp;
let world: SendingWorld;
let smtp: FakeSmtpServer;
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

beforeAll(async () => {
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  world = await sendingWorld(t);
  smtp = await startFakeSmtpServer({ auth: { user: 'alex', password: 's3cret' }, refuse: new Map() });
});
afterAll(async () => {
  await smtp.stop();
  await world.services.close();
  await t.stop();
});

const at = (base: Date, hours: number) => new Date(base.getTime() + hours * 3_600_000);
const body = 'Hi {{firstName}},\nOur pricing: https://sender.example/pricing?plan=pro&utm=1.\nSee you';

async function sendOne(fromEmail: string, email: string, campaign: Record<string, unknown>) {
  const mailbox = await insertMailbox(t, world, { fromEmail, smtpHost: smtp.host, smtpPort: smtp.port, smtpUser: 'alex', password: 's3cret' });
  const key = await insertDkimKey(t, world, fromEmail.split('@')[1]!);
  const id = await launchedCampaign(world, { mailboxIds: [mailbox], steps: [{ delayDays: 0, subject: 'Hello {{firstName}}', body }], prospects: [{ email, firstName: 'Camille' }], campaign });
  const before = smtp.messages.length;
  expect((await world.tick(at(nextMonday(0), 10))).sent).toBeGreaterThanOrEqual(1);
  const mail = smtp.messages.slice(before).find((m) => m.envelopeTo.includes(email))!;
  return { id, mail, key, domain: fromEmail.split('@')[1]! };
}

describe('open and click tracking', () => {
  it('is off by default: no pixel, no rewritten link, no HTML part added', async () => {
    const { mail } = await sendOne('alex@plain.example', 'plain@acme.example', {});
    expect(mail.raw).not.toContain('/t/o/');
    expect(mail.raw).not.toContain('/t/c/');
    expect(mail.html).toBeNull();
    expect(mail.text).toContain('https://sender.example/pricing?plan=pro&utm=1');
  });

  it('when on: a pixel and redirect links on APP_URL, the unsubscribe pair untouched and DKIM still verifies', async () => {
    const { id, mail, key, domain } = await sendOne('alex@tracked.example', 'tracked@acme.example', { trackOpens: true, trackClicks: true });
    const appUrl = appUrlOf(world.services.config);
    const html = String(mail.html);
    const pixel = new RegExp(`${appUrl}/t/o/([a-f0-9]{32})\\.gif`).exec(html)?.[1];
    const link = new RegExp(`href="${appUrl}/t/c/([a-f0-9]{32})"`).exec(html)?.[1];
    expect(pixel).toBeTruthy();
    expect(link).toBeTruthy();
    // The text part keeps the real address; the footer's unsubscribe link is never rewritten.
    expect(mail.text).toContain('https://sender.example/pricing?plan=pro&utm=1');
    const [row] = await world.messages(id);
    expect(html).toContain(`${appUrl}/u/${row!.unsubscribeToken}`);
    expect(unfold(mail.raw)).toContain(`List-Unsubscribe: <${appUrl}/u/${row!.unsubscribeToken}>`);
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const verified = await dkimVerify(Buffer.from(mail.raw), {
      resolver: (name: string, type: string) =>
        type === 'TXT' && name === `${key.selector}._domainkey.${domain}`
          ? Promise.resolve([[`v=DKIM1; k=rsa; p=${key.publicKey}`]])
          : Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })),
    });
    expect(verified.results[0]!.status.result).toBe('pass');
    const signed = /\bh=([^;]+);/.exec(unfold(mail.raw))![1]!.replace(/\s+/g, '').toLowerCase().split(':');
    expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']));

    // A scanner's prefetch is kept but not counted; a person's open and click are, once.
    const visitor = t.client();
    const scan = await visitor.request('GET', `/t/c/${link}`, { headers: { 'user-agent': 'Barracuda Sentinel (link scanner)' } });
    expect(scan.status).toBe(302);
    const gif = await visitor.request('GET', `/t/o/${pixel}.gif`, { headers: { 'user-agent': BROWSER } });
    expect(gif.status).toBe(200);
    expect(gif.headers.get('content-type')).toBe('image/gif');
    await visitor.request('GET', `/t/o/${pixel}.gif`, { headers: { 'user-agent': BROWSER } });
    const click = await visitor.request('GET', `/t/c/${link}`, { headers: { 'user-agent': BROWSER } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://sender.example/pricing?plan=pro&utm=1');

    // The send happened on the simulated Monday, the open and click today: a range over both.
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const range = `from=${day(new Date(Date.now() - 2 * 86_400_000))}&to=${day(at(nextMonday(0), 48))}`;
    const report = await world.client.request<Report>('GET', `/api/admin/reports?campaignId=${id}&${range}`);
    expect(report.body.totals).toMatchObject({ sent: 1, opened: 1, clicked: 1 });
    expect(report.body.totals.openRate).toBe(1);
    expect(report.body.campaign).toMatchObject({ trackOpens: true, trackClicks: true });
  });

  it('never redirects anywhere but the recorded URL: unknown, forged or extra tokens are a 404', async () => {
    const visitor = t.client();
    for (const path of ['/t/c/0123456789abcdef0123456789abcdef', '/t/c/https%3A%2F%2Fevil.example', '/t/c/..%2F..%2Fevil', '/t/c/x?url=https://evil.example', '/t/c/x?to=//evil.example']) {
      const res = await visitor.request('GET', path, { headers: { 'user-agent': BROWSER } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
    const pixel = await visitor.request('GET', '/t/o/0123456789abcdef0123456789abcdef.gif');
    expect(pixel.status).toBe(404);
    expect((await visitor.request('POST', '/t/o/0123456789abcdef0123456789abcdef.gif')).status).toBe(405);
  });
});
