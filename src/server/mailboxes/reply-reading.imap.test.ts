import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotUnavailableReason, startDovecot, type FakeImapServer } from '../../../tests/fakes/dovecot.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { insertMailbox, sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';
import type { MailboxJson } from './mailboxes.test-helpers.js';
import { waitFor } from '../../../tests/helpers/wait-for.js';

/**
 * What Settings → Email says about each mailbox's replies (`replyReading` in the mailbox API),
 * against a real Dovecot and the app's own IMAP IDLE watchers: live once IDLE is up (a mailbox
 * saved through the API goes live without waiting for the watchers' periodic refresh), polled
 * every N minutes when the server has no IDLE or IMAP_IDLE is off, reconnecting with the reason
 * in words after a refused login, and never the password, even from a server that echoes it.
 */
const dovecotMissing = dovecotUnavailableReason();
const requireDovecot = process.env.REQUIRE_DOVECOT === '1';
if (dovecotMissing && !requireDovecot) console.warn(`[skipped] reply reading against Dovecot: ${dovecotMissing}`);

const PASSWORD = 'imap-idle-pw';
const WRONG_PASSWORD = 'Wrong-Secret-4711';
const ECHOED_PASSWORD = 'Echoed-Secret-0815';
const EVERY_FIVE_MINUTES = '*/5 * * * *';


/** An IMAP server that refuses every login and, as some do, quotes the command back (password included). */
async function startEchoingImapServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    socket.write('* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n');
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        const [tag, command = ''] = line.split(' ');
        if (/^login$/i.test(command)) socket.write(`${tag} NO [AUTHENTICATIONFAILED] Login refused for: ${line}\r\n`);
        else if (/^capability$/i.test(command)) socket.write(`* CAPABILITY IMAP4rev1 IDLE\r\n${tag} OK done\r\n`);
        else if (/^logout$/i.test(command)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} BAD unknown command\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: the SMTP check on save fails at once (the mailbox is still saved). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(Boolean(dovecotMissing) && !requireDovecot)('replyReading: how a mailbox’s replies are read, against a real Dovecot', () => {
  let idle: FakeImapServer;
  let plain: FakeImapServer;
  let t: TestApp;
  let world: SendingWorld;
  let smtpPort: number;

  beforeAll(async () => {
    smtpPort = await closedPort();
    idle = await startDovecot({ user: 'alice', password: PASSWORD });
    plain = await startDovecot({ user: 'alice', password: PASSWORD, withoutIdle: true });
    // Jobs on, IDLE on; the watchers' own refresh far away, so only a save brings a mailbox in quickly.
    t = await startTestApp(
      { ALLOW_PRIVATE_NETWORK_URLS: 'true', JOBS_ENABLED: 'true', IMAP_POLL_CRON: EVERY_FIVE_MINUTES, SEND_TICK_CRON: '0 0 1 1 *' },
      { imapIdle: { refreshMs: 600_000, requeueMs: 100, backoff: { initialMs: 200, maxMs: 2000, authFailureMs: 400, stableMs: 60_000 } } },
    );
    world = await sendingWorld(t);
  }, 120_000);
  afterAll(async () => {
    await world?.services.close();
    await t?.stop();
    await Promise.all([idle?.stop(), plain?.stop()]);
  });

  const listed = async (on: SendingWorld, id: string) => {
    const response = await on.client.request<MailboxJson[]>('GET', '/api/admin/mailboxes');
    expect(response.status, response.text).toBe(200);
    return { mailbox: response.body.find((mailbox) => mailbox.id === id)!, text: response.text };
  };
  const savedMailbox = (fromEmail: string, imapPort: number, password: string) => ({
    fromName: 'Alice Martin',
    fromEmail,
    smtp: { host: '127.0.0.1', port: smtpPort, secure: false, plaintext: true, user: '' },
    imap: { host: '127.0.0.1', port: imapPort, secure: false, plaintext: true, user: 'alice', password },
  });
  const imapAt = (port: number, password: string) => ({ imapHost: '127.0.0.1', imapPort: port, imapSecure: false, imapPlaintext: true, imapUser: 'alice', imapPasswordCiphertext: world.services.secretBox.seal(password).ciphertext });

  it('a mailbox saved with an IDLE-capable server is reported live within seconds, with when it connected', async () => {
    const before = Date.now();
    const created = await world.client.request<MailboxJson>('POST', '/api/admin/mailboxes', { json: savedMailbox('alice@live.example', idle.port, PASSWORD) });
    expect(created.status, created.text).toBe(201);
    expect(created.body.lastImapCheck).toMatchObject({ ok: true });
    const reading = await waitFor('the mailbox to be live', async () => {
      const { mailbox } = await listed(world, created.body.id);
      return mailbox.replyReading.mode === 'live' && mailbox.replyReading;
    });
    expect(reading).toMatchObject({ mode: 'live', reason: null, lastError: null, nextAttemptAt: null, pollEverySeconds: 300 });
    expect(new Date(reading.since!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(reading.since!).getTime()).toBeLessThanOrEqual(Date.now());
  }, 60_000);

  it('a server without IDLE is reported as polled every 5 minutes, and why', async () => {
    const id = await insertMailbox(t, world, imapAt(plain.port, PASSWORD));
    await t.app.imapWatchers.refresh();
    const reading = await waitFor('the watcher to fall back to polling', async () => {
      const { mailbox } = await listed(world, id);
      return mailbox.replyReading.mode === 'polling' && mailbox.replyReading;
    });
    expect(reading).toMatchObject({ mode: 'polling', reason: 'idle_unsupported', lastError: null, pollEverySeconds: 300 });
  }, 60_000);

  it('a wrong password is reported as reconnecting, with the server’s reason and never the password', async () => {
    const id = await insertMailbox(t, world, imapAt(idle.port, WRONG_PASSWORD));
    await t.app.imapWatchers.refresh();
    const first = await waitFor('the refused login to show', async () => {
      const { mailbox } = await listed(world, id);
      return mailbox.replyReading.mode === 'retrying' && mailbox.replyReading.lastError !== null && mailbox.replyReading;
    });
    expect(first).toMatchObject({ mode: 'retrying', reason: null, lastError: expect.stringMatching(/^Authentication failed/), pollEverySeconds: 300 });
    // Still reconnecting a few attempts later, and "since" is when the trouble began, not the latest attempt.
    await waitFor('more attempts', async () => (t.app.imapWatchers.state(id)?.failures ?? 0) >= 2);
    const { mailbox: later, text } = await listed(world, id);
    expect(later.replyReading).toMatchObject({ mode: 'retrying', since: first.since });
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(PASSWORD);
  }, 60_000);

  it('a server that quotes the login back: the password is masked in the check on save and in the reconnection', async () => {
    const echoing = await startEchoingImapServer();
    try {
      const created = await world.client.request<MailboxJson>('POST', '/api/admin/mailboxes', { json: savedMailbox('alice@echo.example', echoing.port, ECHOED_PASSWORD) });
      expect(created.status, created.text).toBe(201);
      expect(created.body.lastImapCheck).toMatchObject({ ok: false, error: expect.stringMatching(/Login refused for: .*LOGIN.*alice.*•••/) });
      const reading = await waitFor('the refused login to show', async () => {
        const { mailbox } = await listed(world, created.body.id);
        return mailbox.replyReading.mode === 'retrying' && mailbox.replyReading.lastError !== null && mailbox.replyReading;
      });
      expect(reading.lastError).toMatch(/Login refused for: .*LOGIN.*alice.*•••/);
      const { text } = await listed(world, created.body.id);
      expect(created.text + text).not.toContain(ECHOED_PASSWORD);
    } finally {
      await echoing.stop();
    }
  }, 60_000);

  it('IMAP_IDLE=false: a mailbox with IMAP is reported as polled, one without as not read, the sandbox as simulated', async () => {
    const off = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true', JOBS_ENABLED: 'true', IMAP_IDLE: 'false', IMAP_POLL_CRON: EVERY_FIVE_MINUTES, SEND_TICK_CRON: '0 0 1 1 *' });
    const offWorld = await sendingWorld(off);
    try {
      const polled = await insertMailbox(off, offWorld, { ...imapAt(idle.port, PASSWORD), imapPasswordCiphertext: offWorld.services.secretBox.seal(PASSWORD).ciphertext });
      const unread = await insertMailbox(off, offWorld, {});
      const response = await offWorld.client.request<MailboxJson[]>('GET', '/api/admin/mailboxes');
      const reading = (id: string) => response.body.find((mailbox) => mailbox.id === id)?.replyReading;
      expect(reading(polled)).toEqual({ mode: 'polling', reason: 'idle_disabled', since: null, lastError: null, nextAttemptAt: null, pollEverySeconds: 300 });
      expect(reading(unread)).toMatchObject({ mode: 'off', reason: 'no_imap', pollEverySeconds: null });
      expect(response.body.find((mailbox) => mailbox.kind === 'sandbox')?.replyReading).toMatchObject({ mode: 'off', reason: 'sandbox' });
    } finally {
      await offWorld.services.close();
      await off.stop();
    }
  }, 60_000);
});
