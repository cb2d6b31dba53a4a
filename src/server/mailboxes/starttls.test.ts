import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { mailboxBody, type MailboxJson } from './mailboxes.test-helpers.js';

/**
 * A mailbox set to STARTTLS must never log in in plain text: a server that does not offer
 * STARTTLS (or an attacker stripping it from the capabilities) gets no password.
 */

type TestJson = { ok: boolean; error: string | null };

/** A minimal IMAP server that offers no STARTTLS and records whether anyone tried to log in. */
async function startPlainImapServer(): Promise<{ port: number; logins: string[]; stop: () => Promise<void> }> {
  const logins: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n');
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const [tag, command = ''] = line.split(' ');
        const verb = command.toUpperCase();
        if (verb === 'CAPABILITY') socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
        else if (verb === 'LOGIN' || verb === 'AUTHENTICATE') {
          logins.push(line);
          socket.write(`${tag} NO no\r\n`);
        } else if (verb === 'LOGOUT') {
          socket.write(`* BYE\r\n${tag} OK bye\r\n`);
          socket.end();
        } else if (verb === 'STARTTLS') socket.write(`${tag} BAD not supported\r\n`);
        else socket.write(`${tag} BAD unknown\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    logins,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let t: TestApp;
let smtp: FakeSmtpServer;
let client: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  // Offers AUTH but no STARTTLS, like a downgraded or misconfigured server.
  smtp = await startFakeSmtpServer({ auth: { user: 'alice@acme.example', password: 'right-password' } });
  client = t.client();
  await client.signUp();
});
afterAll(async () => {
  await smtp.stop();
  await t.stop();
});

async function addMailbox(smtpServer: Record<string, unknown>, imap: Record<string, unknown> | null = null): Promise<MailboxJson & { smtp: { plaintext: boolean } }> {
  const res = await client.request<MailboxJson & { smtp: { plaintext: boolean } }>('POST', '/api/admin/mailboxes', {
    json: mailboxBody({ fromEmail: `box-${Math.random().toString(36).slice(2, 8)}@acme.example`, smtp: smtpServer, imap }),
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const smtpSettings = (extra: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port: smtp.port, secure: false, user: 'alice@acme.example', password: 'right-password', ...extra });

describe('SMTP with STARTTLS chosen (secure: false, the default)', () => {
  it('refuses to authenticate on a server that offers no STARTTLS, and nothing is sent', async () => {
    const mailbox = await addMailbox(smtpSettings());
    expect(mailbox.smtp.plaintext).toBe(false);
    const before = smtp.messages.length;
    const res = await client.request<TestJson>('POST', `/api/admin/mailboxes/${mailbox.id}/test`, { json: {} });
    expect(res.body.ok).toBe(false);
    expect(res.body.error).toMatch(/STARTTLS|TLS/);
    expect(smtp.messages.length).toBe(before);
  });

  it('a plain connection chosen explicitly (a local relay) still works', async () => {
    const mailbox = await addMailbox(smtpSettings({ plaintext: true }));
    expect(mailbox.smtp.plaintext).toBe(true);
    const res = await client.request<TestJson>('POST', `/api/admin/mailboxes/${mailbox.id}/test`, { json: {} });
    expect(res.body).toMatchObject({ ok: true, error: null });
  });

  it('the OpenAPI document says which field picks STARTTLS or plain, and the default', async () => {
    const doc = (await client.request<{ components: { schemas: Record<string, unknown> }; paths: Record<string, unknown> }>('GET', '/api/openapi.json')).body;
    const text = JSON.stringify(doc.paths['/admin/mailboxes']);
    expect(text).toContain('plaintext');
    expect(text).toMatch(/false \(default\) = STARTTLS is required/);
  });
});

describe('IMAP with STARTTLS chosen', () => {
  it('refuses to log in to a server that offers no STARTTLS; plain only when chosen', async () => {
    const imap = await startPlainImapServer();
    try {
      const imapSettings = (extra: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port: imap.port, secure: false, user: 'alice', password: 'imap-password', ...extra });
      const required = await addMailbox(smtpSettings({ plaintext: true }), imapSettings());
      const res = await client.trpc().mailboxes.checkImap.mutate({ id: required.id });
      expect(res.ok).toBe(false);
      expect(imap.logins).toEqual([]);

      const plain = await addMailbox(smtpSettings({ plaintext: true }), imapSettings({ plaintext: true }));
      await client.trpc().mailboxes.checkImap.mutate({ id: plain.id });
      // Chosen plain: the login is attempted (our fake then refuses it).
      expect(imap.logins.length).toBeGreaterThan(0);
    } finally {
      await imap.stop();
    }
  });
});
