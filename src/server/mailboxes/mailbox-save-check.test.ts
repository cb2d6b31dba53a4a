import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotUnavailableReason, startDovecot, type FakeImapServer } from '../../../tests/fakes/dovecot.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { mailboxBody, type MailboxJson } from './mailboxes.test-helpers.js';

/** Saving a mailbox checks its servers (over real sockets) and keeps it out of sending until a check passes. */
let t: TestApp;
let smtp: FakeSmtpServer;
beforeAll(async () => {
  t = await startTestApp();
  smtp = await startFakeSmtpServer({ auth: { user: 'alice@acme.example', password: 'right-password' } });
});
afterAll(async () => {
  await smtp.stop();
  await t.stop();
});

const PATH = '/api/admin/mailboxes';
type Saved = MailboxJson & { status: 'active' | 'paused' | 'error' };
const smtpSettings = (password: string) => ({ host: smtp.host, port: smtp.port, secure: false, plaintext: true, user: 'alice@acme.example', password });

async function create(client: TestClient, overrides: Record<string, unknown>) {
  const res = await client.request<Saved>('POST', PATH, { json: mailboxBody({ imap: null, ...overrides }) });
  expect(res.status).toBe(201);
  return res.body;
}

describe('connection check on save (SMTP)', () => {
  it('saves a mailbox with a wrong SMTP password as "error", with the reason, and sends nothing', async () => {
    const client = t.client();
    await client.signUp();
    const before = smtp.messages.length;
    const saved = await create(client, { smtp: smtpSettings('wrong-password') });
    expect(saved.status).toBe('error');
    expect(saved.lastTest).toMatchObject({ ok: false, error: expect.stringMatching(/^Authentication failed \(535\)/) });
    expect(smtp.messages.length).toBe(before);
    const listed = (await client.request<Saved[]>('GET', PATH)).body.find((mailbox) => mailbox.id === saved.id);
    expect(listed?.status).toBe('error');
  });

  it('turns "active" once the password is fixed, and back to "error" when it breaks again', async () => {
    const client = t.client();
    await client.signUp();
    const saved = await create(client, { smtp: smtpSettings('wrong-password') });
    const fixed = await client.request<Saved>('PATCH', `${PATH}/${saved.id}`, { json: { smtp: smtpSettings('right-password') } });
    expect(fixed.body).toMatchObject({ status: 'active', lastTest: { ok: true, error: null } });

    // A change that does not touch the servers keeps the check and the status.
    const renamed = await client.request<Saved>('PATCH', `${PATH}/${saved.id}`, { json: { fromName: 'Alice M.' } });
    expect(renamed.body).toMatchObject({ status: 'active', lastTest: { ok: true } });

    const broken = await client.request<Saved>('PATCH', `${PATH}/${saved.id}`, { json: { smtp: { ...smtpSettings('wrong-again'), port: smtp.port } } });
    expect(broken.body).toMatchObject({ status: 'error', lastTest: { ok: false } });
  });

  it('a right password on creation is "active" at once; an unreachable server is "error" with the reason', async () => {
    const client = t.client();
    await client.signUp();
    expect((await create(client, { smtp: smtpSettings('right-password') })).status).toBe('active');
    const closed = await startFakeSmtpServer();
    await closed.stop();
    const unreachable = await create(client, { smtp: { ...smtpSettings('x'), port: closed.port } });
    expect(unreachable).toMatchObject({ status: 'error', lastTest: { ok: false, error: `Could not connect to 127.0.0.1:${closed.port} (connection refused)` } });
  });
});

const dovecotMissing = dovecotUnavailableReason();
if (dovecotMissing && process.env.REQUIRE_DOVECOT !== '1') console.warn(`[skipped] IMAP save checks against Dovecot: ${dovecotMissing}`);

describe.skipIf(Boolean(dovecotMissing) && process.env.REQUIRE_DOVECOT !== '1')('connection check on save (IMAP, against a real Dovecot)', () => {
  let imap: FakeImapServer;
  beforeAll(async () => {
    imap = await startDovecot({ user: 'alice', password: 'imap-right-password' });
  });
  afterAll(() => imap?.stop());
  const imapSettings = (password: string) => ({ host: imap.host, port: imap.port, secure: false, plaintext: true, user: imap.user, password });

  it('keeps the mailbox in "error" while IMAP fails, even when SMTP passes, until IMAP is fixed', async () => {
    const client = t.client();
    await client.signUp();
    const saved = await create(client, { smtp: smtpSettings('right-password'), imap: imapSettings('imap-wrong-password') });
    expect(saved).toMatchObject({ status: 'error', lastTest: { ok: true }, lastImapCheck: { ok: false, error: expect.stringMatching(/^Authentication failed/) } });
    const fixed = await client.request<Saved>('PATCH', `${PATH}/${saved.id}`, { json: { imap: imapSettings('imap-right-password') } });
    expect(fixed.body).toMatchObject({ status: 'active', lastImapCheck: { ok: true, error: null } });
  });
});
