import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImapAdmin, dovecotUnavailableReason, startDovecot, type FakeImapServer } from '../../../tests/fakes/dovecot.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import type { Db } from '../db/database.js';
import { imapCursors, jobs, mailboxes, messages } from '../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { insertMailbox, sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';
import { imapTickJob } from './jobs.js';
import { waitFor } from '../../../tests/helpers/wait-for.js';

/**
 * IMAP IDLE against a real Dovecot, through the whole app with its job engine running but no
 * poll tick due (IMAP_POLL_CRON on 1 January): new mail is read within seconds, once, and after
 * a dropped connection; a server without IDLE is left to the poll; a refused login shows on the
 * mailbox and is retried with a growing wait.
 */
const dovecotMissing = dovecotUnavailableReason();
const requireDovecot = process.env.REQUIRE_DOVECOT === '1';
if (dovecotMissing && !requireDovecot) console.warn(`[skipped] IMAP IDLE against Dovecot: ${dovecotMissing}`);

const OURS = 'alice@ourco.example';
const NEVER = '0 0 1 1 *';

/** A TCP relay in front of Dovecot, so a test can cut the watcher's connection and refuse new ones. */
async function startRelay(target: number): Promise<{ port: number; dropAll(): void; refusing: boolean; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const relay = {
    port: 0,
    refusing: false,
    dropAll: () => sockets.forEach((socket) => socket.destroy()),
    stop: () => new Promise<void>((resolve) => (relay.dropAll(), server.close(() => resolve()))),
  };
  const server: Server = createServer((client) => {
    if (relay.refusing) return void client.destroy();
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => (sockets.delete(socket), client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.port = (server.address() as { port: number }).port;
  return relay;
}


describe.skipIf(Boolean(dovecotMissing) && !requireDovecot)('IMAP IDLE against a real Dovecot', () => {
  let imap: FakeImapServer;
  let plain: FakeImapServer;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let t: TestApp;
  let world: SendingWorld;
  let mailboxId: string;
  const inWs = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);

  beforeAll(async () => {
    imap = await startDovecot({ user: 'alice', password: 'imap-idle-pw' });
    plain = await startDovecot({ user: 'alice', password: 'imap-idle-pw', withoutIdle: true });
    relay = await startRelay(imap.port);
    t = await startTestApp(
      { ALLOW_PRIVATE_NETWORK_URLS: 'true', JOBS_ENABLED: 'true', IMAP_POLL_CRON: NEVER, SEND_TICK_CRON: NEVER },
      { imapIdle: { refreshMs: 600_000, requeueMs: 100, backoff: { initialMs: 200, maxMs: 2000, authFailureMs: 400, stableMs: 60_000 } } },
    );
    world = await sendingWorld(t);
    mailboxId = await insertMailbox(t, world, { fromEmail: OURS, imapHost: '127.0.0.1', imapPort: relay.port, imapSecure: false, imapPlaintext: true, imapUser: imap.user, imapPasswordCiphertext: world.services.secretBox.seal(imap.password).ciphertext });
    const prospect = await world.client.request<{ id: string }>('POST', '/api/admin/prospects', { json: { email: 'bob@prospect.example', firstName: 'Bob' } });
    expect(prospect.status, prospect.text).toBe(201);
    await inWs((db) =>
      db.insert(messages).values({ workspaceId: world.workspaceId, prospectId: prospect.body.id, mailboxId, direction: 'outbound', state: 'sent', messageIdHeader: '<out-1@ourco.example>', fromEmail: OURS, toEmail: 'bob@prospect.example', subject: 'Quick question', sentAt: new Date() }),
    );
  }, 120_000);
  afterAll(async () => {
    await world?.services.close();
    await t?.stop();
    await relay?.stop();
    await Promise.all([imap?.stop(), plain?.stop()]);
  });

  const reply = (id: string) =>
    `From: Bob <bob@prospect.example>\r\nTo: ${OURS}\r\nSubject: Re: Quick question\r\nMessage-ID: <${id}@prospect.example>\r\nIn-Reply-To: <out-1@ourco.example>\r\nDate: ${new Date().toUTCString()}\r\n\r\nSounds good, tell me more. ${id}\r\n`;
  async function append(server: FakeImapServer, id: string) {
    const client = await connectImapAdmin(server);
    try {
      await client.append('INBOX', reply(id));
    } finally {
      await client.logout();
    }
  }
  const storedCount = async (id: string) => (await inWs((db) => db.select({ id: messages.id }).from(messages).where(and(eq(messages.direction, 'inbound'), eq(messages.messageIdHeader, `<${id}@prospect.example>`))))).length;
  const pollJobs = () => inWs((db) => db.select({ state: jobs.state, result: jobs.result }).from(jobs).where(eq(jobs.type, 'replies.poll_mailbox')));
  const settled = async () => (await pollJobs()).every((job) => job.state === 'succeeded' || job.state === 'failed');
  const watcher = (id = mailboxId) => t.app.imapWatchers.state(id);

  it('reads a reply as soon as it arrives, with no poll tick, and only once when the poll runs too', async () => {
    await t.app.imapWatchers.refresh();
    await waitFor('the watcher to IDLE', () => watcher()?.mode === 'idle');
    // The read queued on connecting sets the cursor (history is skipped).
    await waitFor('the first read', async () => (await inWs((db) => db.select().from(imapCursors).where(eq(imapCursors.mailboxId, mailboxId))))[0]);
    await waitFor('the first read to end', settled);

    const appended = Date.now();
    await append(imap, 'r1');
    await waitFor('r1 stored', async () => (await storedCount('r1')) === 1, 8000);
    expect(Date.now() - appended).toBeLessThan(8000);
    const ticks = await t.database.asSystem((db) => db.select().from(jobs).where(eq(jobs.type, 'replies.imap_tick')));
    expect(ticks).toHaveLength(0);

    // The poll tick fires as the next reply lands: both want to read the mailbox, one read takes it.
    await Promise.all([append(imap, 'r2'), t.database.asSystem((db) => enqueue(db, imapTickJob, {}))]);
    void t.app.jobs.poll();
    await waitFor('r2 stored', async () => (await storedCount('r2')) === 1, 8000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await waitFor('the reads to end', settled);
    expect(await storedCount('r1')).toBe(1);
    expect(await storedCount('r2')).toBe(1);
    const results = (await pollJobs()).map((job) => job.result as { stored?: number; duplicates?: number } | null);
    // Each reply read by exactly one poll; none re-read (not even caught by the Message-ID dedupe).
    expect(results.reduce((sum, result) => sum + (result?.stored ?? 0), 0)).toBe(2);
    expect(results.reduce((sum, result) => sum + (result?.duplicates ?? 0), 0)).toBe(0);
  }, 60_000);

  it('reconnects after the connection drops and reads what arrived meanwhile', async () => {
    await waitFor('the watcher to IDLE', () => watcher()?.mode === 'idle');
    const attempts = watcher()!.attempts;
    relay.refusing = true;
    relay.dropAll();
    await waitFor('the watcher to notice', () => watcher()?.mode === 'retrying');
    await append(imap, 'r3');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await storedCount('r3')).toBe(0);
    relay.refusing = false;
    await waitFor('r3 stored after reconnecting', async () => (await storedCount('r3')) === 1, 10_000);
    expect(watcher()!.attempts).toBeGreaterThan(attempts);
    expect(watcher()!.mode).toBe('idle');
  }, 60_000);

  it('a server without IDLE is left to the poll, which still reads its mail', async () => {
    const other = await insertMailbox(t, world, { imapHost: '127.0.0.1', imapPort: plain.port, imapSecure: false, imapPlaintext: true, imapUser: plain.user, imapPasswordCiphertext: world.services.secretBox.seal(plain.password).ciphertext });
    await t.app.imapWatchers.refresh();
    await waitFor('the watcher to give up on IDLE', () => watcher(other)?.mode === 'no_idle');
    expect(watcher(other)!.attempts).toBe(1);
    // First tick: the cursor; then a reply, and the next tick reads it.
    await t.database.asSystem((db) => enqueue(db, imapTickJob, {}, { dedupeKey: 'tick-1' }));
    await t.app.jobs.drain();
    // The fan-out's poll may still be on its way when the drain returns on a busy machine: the
    // reply must come after the first read, or that read takes it as the starting point.
    await waitFor('the first poll of the mailbox without IDLE', async () => (await inWs((db) => db.select().from(imapCursors).where(eq(imapCursors.mailboxId, other))))[0]);
    await append(plain, 'p1');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await storedCount('p1')).toBe(0);
    await t.database.asSystem((db) => enqueue(db, imapTickJob, {}, { dedupeKey: 'tick-2' }));
    await t.app.jobs.drain();
    expect(await waitFor('the next poll to store the reply', async () => (await storedCount('p1')) || null)).toBe(1);
  }, 60_000);

  it('a refused login shows on the mailbox, is retried with a growing wait, and stops when the mailbox is fixed or removed', async () => {
    const bad = await insertMailbox(t, world, { imapHost: '127.0.0.1', imapPort: imap.port, imapSecure: false, imapPlaintext: true, imapUser: imap.user, imapPasswordCiphertext: world.services.secretBox.seal('not-the-password').ciphertext });
    await t.app.imapWatchers.refresh();
    const delays: number[] = [];
    await waitFor(
      'three failed logins',
      () => {
        const state = watcher(bad);
        if (state?.lastDelayMs && state.lastDelayMs !== delays.at(-1)) delays.push(state.lastDelayMs);
        return (state?.failures ?? 0) >= 3 && delays.length >= 3;
      },
      30_000,
    );
    expect(watcher(bad)!.lastError).toMatch(/Authentication failed/);
    expect(delays[0]).toBeGreaterThanOrEqual(400);
    expect(delays[2]).toBeGreaterThanOrEqual(800);
    type MailboxJson = { id: string; status: string; lastImapCheck: { ok: boolean; error: string | null } | null };
    const shown = async () => (await world.client.request<MailboxJson[]>('GET', '/api/admin/mailboxes')).body.find((mailbox) => mailbox.id === bad);
    expect(await shown()).toMatchObject({ status: 'error', lastImapCheck: { ok: false, error: expect.stringMatching(/Authentication failed/) } });

    // The right password: the watcher is replaced and logs in; the mailbox's check is green again.
    await inWs((db) => db.update(mailboxes).set({ imapPasswordCiphertext: world.services.secretBox.seal(imap.password).ciphertext }).where(eq(mailboxes.id, bad)));
    await t.app.imapWatchers.refresh();
    await waitFor('the fixed mailbox to IDLE', () => watcher(bad)?.mode === 'idle');
    expect((await shown())?.lastImapCheck).toMatchObject({ ok: true, error: null });

    await inWs((db) => db.delete(mailboxes).where(eq(mailboxes.id, bad)));
    await t.app.imapWatchers.refresh();
    expect(watcher(bad)).toBeNull();
  }, 60_000);

  it('IMAP_IDLE=false keeps no connection: polling only', async () => {
    const off = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true', JOBS_ENABLED: 'true', IMAP_IDLE: 'false', IMAP_POLL_CRON: NEVER, SEND_TICK_CRON: NEVER });
    try {
      expect(off.config.jobs.imapIdle).toBe(false);
      expect(t.app.imapWatchers.started).toBe(true);
      expect(off.app.imapWatchers.started).toBe(false);
    } finally {
      await off.stop();
    }
  }, 60_000);
});
