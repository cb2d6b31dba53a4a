import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImapAdmin, dovecotUnavailableReason, startDovecot, type FakeImapServer } from '../../../tests/fakes/dovecot.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { SecretBox } from '../crypto/secret-box.js';
import { mailboxes } from '../db/schema/index.js';
import { mailboxBody, type ErrorBody, type MailboxJson } from './mailboxes.test-helpers.js';

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
type TestJson = { ok: boolean; error: string | null; to: string; messageId: string | null; note: string | null; mailbox: MailboxJson };

async function addMailbox(client: TestClient, server: { host: string; port: number; secure?: boolean; password: string }, overrides: Record<string, unknown> = {}) {
  const res = await client.request<MailboxJson>('POST', PATH, {
    json: mailboxBody({
      fromName: 'Alice Martin',
      // The fake is a local relay offering no STARTTLS: plain text, chosen explicitly.
      smtp: { host: server.host, port: server.port, secure: server.secure ?? false, plaintext: true, user: 'alice@acme.example', password: server.password },
      imap: null,
      ...overrides,
    }),
  });
  if (res.status !== 201) throw new Error(`add mailbox failed: ${res.status} ${res.text}`);
  return res.body;
}

describe('Send test email (SMTP)', () => {
  it('delivers a real message through the mailbox SMTP server, From and Subject right, and records success', async () => {
    const client = t.client();
    const { user } = await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'right-password' });
    const arrived = smtp.nextMessage();
    const res = await client.request<TestJson>('POST', `${PATH}/${mailbox.id}/test`, { json: { to: 'inbox@receiver.example' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, error: null, to: 'inbox@receiver.example' });
    const message = await arrived;
    expect(message).toMatchObject({ from: mailbox.fromEmail, fromName: 'Alice Martin', subject: 'Sales Machine test email', envelopeTo: ['inbox@receiver.example'] });
    expect(message.text).toContain(`${smtp.host}:${smtp.port}`);
    expect(res.body.mailbox.lastTest).toMatchObject({ ok: true, error: null });

    // Without a recipient, the test goes to the signed-in user.
    const toSelf = smtp.nextMessage();
    const again = await client.request<TestJson>('POST', `${PATH}/${mailbox.id}/test`, { json: {} });
    expect(again.body.to).toBe(user.email);
    expect((await toSelf).envelopeTo).toEqual([user.email]);
  });

  it('reports a wrong password as an authentication failure (535) and records it', async () => {
    const client = t.client();
    await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'wrong-password' });
    const res = await client.request<TestJson>('POST', `${PATH}/${mailbox.id}/test`, { json: { to: 'x@receiver.example' } });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.error).toMatch(/^Authentication failed \(535\)/);
    const list = await client.request<MailboxJson[]>('GET', PATH);
    expect(list.body.find((m) => m.id === mailbox.id)?.lastTest).toMatchObject({ ok: false, error: expect.stringMatching(/Authentication failed \(535\)/) });
  });

  it('reports a refused connection and a TLS mismatch clearly', async () => {
    const client = t.client();
    await client.signUp();
    const closed = await startFakeSmtpServer();
    await closed.stop();
    const refused = await addMailbox(client, { host: '127.0.0.1', port: closed.port, password: 'x' });
    const res = await client.request<TestJson>('POST', `${PATH}/${refused.id}/test`, { json: {} });
    expect(res.body).toMatchObject({ ok: false, error: `Could not connect to 127.0.0.1:${closed.port} (connection refused)` });

    // Implicit TLS against a plain-text server.
    const tls = await addMailbox(client, { ...smtp, secure: true, password: 'right-password' });
    const mismatch = await client.request<TestJson>('POST', `${PATH}/${tls.id}/test`, { json: {} });
    expect(mismatch.body.ok).toBe(false);
    expect(mismatch.body.error).toMatch(/^TLS handshake failed with 127\.0\.0\.1:\d+/);
  });

  it('replaces the last test result when the SMTP settings change (checked again on save)', async () => {
    const client = t.client();
    await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'wrong-password' });
    await client.request('POST', `${PATH}/${mailbox.id}/test`, { json: {} });
    const changed = await client.request<MailboxJson>('PATCH', `${PATH}/${mailbox.id}`, {
      json: { smtp: { host: smtp.host, port: smtp.port, secure: false, plaintext: true, user: 'alice@acme.example', password: 'right-password' } },
    });
    expect(changed.body.lastTest).toMatchObject({ ok: true, error: null });
    const res = await client.request<TestJson>('POST', `${PATH}/${mailbox.id}/test`, { json: {} });
    expect(res.body.ok).toBe(true);
  });

  it('signs the test email with the DKIM key generated for the domain', async () => {
    const client = t.client();
    await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'right-password' }, { fromEmail: 'alice@signed.example' });
    const [domain] = await client.trpc().mailboxes.domains.query();
    await client.trpc().mailboxes.generateDkimKey.mutate({ domainId: domain!.id, selector: 'sm1' });
    const arrived = smtp.nextMessage();
    await client.request('POST', `${PATH}/${mailbox.id}/test`, { json: {} });
    const raw = (await arrived).raw;
    const signature = /^DKIM-Signature:(.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
    expect(signature).toMatch(/\bd=signed\.example;/);
    expect(signature).toMatch(/\bs=sm1;/);
  });

  it('says clearly when the stored password was sealed by a key this server no longer has', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'right-password' });
    const foreign = new SecretBox(randomBytes(32)).seal('right-password');
    await t.database.withWorkspace(workspace.id, (db) => db.update(mailboxes).set({ smtpPasswordCiphertext: foreign.ciphertext }).where(eq(mailboxes.id, mailbox.id)));
    const res = await client.request<ErrorBody>('POST', `${PATH}/${mailbox.id}/test`, { json: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/stored SMTP password cannot be decrypted.*enter it again/);
    // Entering it again repairs the mailbox.
    await client.request('PATCH', `${PATH}/${mailbox.id}`, { json: { smtp: { host: smtp.host, port: smtp.port, secure: false, plaintext: true, user: 'alice@acme.example', password: 'right-password' } } });
    expect((await client.request<TestJson>('POST', `${PATH}/${mailbox.id}/test`, { json: {} })).body.ok).toBe(true);
  });

  it('answers the sandbox at once, sending nothing', async () => {
    const client = t.client();
    await client.signUp();
    const [sandbox] = (await client.request<MailboxJson[]>('GET', PATH)).body;
    const before = smtp.messages.length;
    const res = await client.request<TestJson>('POST', `${PATH}/${sandbox!.id}/test`, { json: {} });
    expect(res.body).toMatchObject({ ok: true, note: expect.stringMatching(/sandbox/i) });
    expect(smtp.messages.length).toBe(before);
  });

  it('refuses a recipient that is not an email address (no header injection)', async () => {
    const client = t.client();
    await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'right-password' });
    const res = await client.request<ErrorBody>('POST', `${PATH}/${mailbox.id}/test`, { json: { to: 'a@b.example\r\nBcc: c@d.example' } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.[0]?.path).toEqual(['to']);
  });
});

describe('mail servers on a private network (SSRF guard)', () => {
  it('when ALLOW_PRIVATE_NETWORK_URLS is off: a private SMTP or IMAP host is refused on save (400) and, saved before, at test time without connecting', async () => {
    const strict = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'false' });
    try {
      const client = strict.client();
      const { workspace } = await client.signUp();
      const server = { port: 587, secure: false, user: 'alice@acme.example', password: 'right-password' };
      for (const [body, path] of [
        [{ smtp: { ...server, host: '127.0.0.1' } }, ['smtp', 'host']],
        [{ smtp: { ...server, host: 'localhost' } }, ['smtp', 'host']],
        [{ imap: { ...server, host: '169.254.169.254' } }, ['imap', 'host']],
      ] as const) {
        const res = await client.request<ErrorBody>('POST', PATH, { json: mailboxBody(body) });
        expect(res.status).toBe(400);
        expect(res.body.error.issues?.[0]).toMatchObject({ path, message: expect.stringMatching(/private network address.*ALLOW_PRIVATE_NETWORK_URLS/) });
      }
      const created = await client.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
      expect(created.status).toBe(201);
      const patched = await client.request<ErrorBody>('PATCH', `${PATH}/${created.body.id}`, { json: { smtp: { ...server, host: '10.0.0.5' } } });
      expect(patched.status).toBe(400);

      // Saved while the flag was on (written directly here): the test refuses and nothing reaches the server.
      await strict.database.withWorkspace(workspace.id, (db) =>
        db.update(mailboxes).set({ smtpHost: smtp.host, smtpPort: smtp.port, imapHost: '127.0.0.1', imapPort: 143 }).where(eq(mailboxes.id, created.body.id)),
      );
      const before = smtp.messages.length;
      const tested = await client.request<TestJson>('POST', `${PATH}/${created.body.id}/test`, { json: {} });
      expect(tested.body).toMatchObject({ ok: false, error: `${smtp.host} is on a private network: refused (set ALLOW_PRIVATE_NETWORK_URLS=true to allow private network addresses)` });
      expect(smtp.messages.length).toBe(before);
      const checked = await client.trpc().mailboxes.checkImap.mutate({ id: created.body.id });
      expect(checked).toMatchObject({ ok: false, error: expect.stringMatching(/^127\.0\.0\.1 is on a private network: refused/) });
    } finally {
      await strict.stop();
    }
  });
});

const dovecotMissing = dovecotUnavailableReason();
const requireDovecot = process.env.REQUIRE_DOVECOT === '1';
if (dovecotMissing && !requireDovecot) console.warn(`[skipped] IMAP checks against Dovecot: ${dovecotMissing}`);

describe.skipIf(Boolean(dovecotMissing) && !requireDovecot)('Check IMAP (against a real Dovecot)', () => {
  let imap: FakeImapServer;
  beforeAll(async () => {
    imap = await startDovecot({ user: 'alice', password: 'imap-right-password' });
    // One message in INBOX so the count means something.
    const client = await connectImapAdmin(imap);
    await client.append('INBOX', 'From: a@b.example\r\nTo: alice@acme.example\r\nSubject: Hello\r\n\r\nHi there\r\n');
    await client.logout();
  });
  afterAll(() => imap?.stop());

  const withImap = (password: string) => ({ imap: { host: imap.host, port: imap.port, secure: false, plaintext: true, user: imap.user, password } });

  it('logs in, opens INBOX and reports the message count and UIDVALIDITY', async () => {
    const client = t.client();
    await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'right-password' }, withImap('imap-right-password'));
    const result = await client.trpc().mailboxes.checkImap.mutate({ id: mailbox.id });
    expect(result).toMatchObject({ ok: true, error: null, messages: 1, uidValidity: expect.stringMatching(/^\d+$/) });
    expect(result.mailbox.lastImapCheck).toMatchObject({ ok: true, error: null });
  });

  it('records a wrong password as an authentication failure', async () => {
    const client = t.client();
    await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'right-password' }, withImap('imap-wrong-password'));
    const result = await client.trpc().mailboxes.checkImap.mutate({ id: mailbox.id });
    expect(result).toMatchObject({ ok: false, messages: null, error: expect.stringMatching(/^Authentication failed/) });
    const list = await client.request<MailboxJson[]>('GET', PATH);
    expect(list.body.find((m) => m.id === mailbox.id)?.lastImapCheck).toMatchObject({ ok: false, error: expect.stringMatching(/Authentication failed/) });
  });

  it('explains when there is no IMAP server to check', async () => {
    const client = t.client();
    await client.signUp();
    const mailbox = await addMailbox(client, { ...smtp, password: 'right-password' });
    await expect(client.trpc().mailboxes.checkImap.mutate({ id: mailbox.id })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    const [sandbox] = (await client.request<MailboxJson[]>('GET', PATH)).body;
    await expect(client.trpc().mailboxes.checkImap.mutate({ id: sandbox!.id })).rejects.toThrow(/sandbox/i);
  });
});
