import type { ImapFlow } from 'imapflow';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImapAdmin, dovecotUnavailableReason, startDovecot, type FakeImapServer } from '../../../tests/fakes/dovecot.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { createTestServices } from '../../../tests/helpers/test-services.js';
import type { Db } from '../db/database.js';
import { imapCursors, messages } from '../db/schema/index.js';
import { insertMailbox, sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';
import { pollMailbox } from './imap-poll.service.js';

/**
 * The ingestion job's poll against a real Dovecot: replies appended to the folder are stored
 * exactly once across restarts (a fresh process reads the cursor from the database), including
 * after the folder is recreated with a new UIDVALIDITY.
 */
const dovecotMissing = dovecotUnavailableReason();
const requireDovecot = process.env.REQUIRE_DOVECOT === '1';
if (dovecotMissing && !requireDovecot) console.warn(`[skipped] IMAP poll against Dovecot: ${dovecotMissing}`);

const FOLDER = 'Replies';
const OURS = 'alice@ourco.example';

describe.skipIf(Boolean(dovecotMissing) && !requireDovecot)('IMAP polling against a real Dovecot', () => {
  let imap: FakeImapServer;
  let t: TestApp;
  let world: SendingWorld;
  let mailboxId: string;
  const inWs = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);

  beforeAll(async () => {
    imap = await startDovecot({ user: 'alice', password: 'imap-poll-pw' });
    t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
    world = await sendingWorld(t);
    const sealed = world.services.secretBox.seal(imap.password);
    mailboxId = await insertMailbox(t, world, { fromEmail: OURS, imapHost: imap.host, imapPort: imap.port, imapSecure: false, imapPlaintext: true, imapUser: imap.user, imapPasswordCiphertext: sealed.ciphertext });
    const prospect = await world.client.request<{ id: string }>('POST', '/api/admin/prospects', { json: { email: 'bob@prospect.example', firstName: 'Bob' } });
    expect(prospect.status, prospect.text).toBe(201);
    await inWs((db) =>
      db.insert(messages).values({ workspaceId: world.workspaceId, prospectId: prospect.body.id, mailboxId, direction: 'outbound', state: 'sent', messageIdHeader: '<out-1@ourco.example>', fromEmail: OURS, toEmail: 'bob@prospect.example', subject: 'Quick question', sentAt: new Date() }),
    );
  });
  afterAll(async () => {
    await world?.services.close();
    await t?.stop();
    await imap?.stop();
  });

  async function admin<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = await connectImapAdmin(imap);
    try {
      return await fn(client);
    } finally {
      await client.logout();
    }
  }
  const reply = (id: string) =>
    `From: Bob <bob@prospect.example>\r\nTo: ${OURS}\r\nSubject: Re: Quick question\r\nMessage-ID: <${id}@prospect.example>\r\nIn-Reply-To: <out-1@ourco.example>\r\nDate: ${new Date().toUTCString()}\r\n\r\nNot now, maybe next quarter. ${id}\r\n`;
  const append = (...ids: string[]) => admin(async (client) => {
    for (const id of ids) await client.append(FOLDER, reply(id));
  });

  /** A poll by a fresh process: new services, the cursor read from the database. */
  async function poll() {
    const services = await createTestServices(t.database, { DATA_DIR: t.config.dataDir, ALLOW_PRIVATE_NETWORK_URLS: 'true' });
    try {
      return await pollMailbox({ inWorkspace: inWs, config: services.config, secretBox: services.secretBox, logger: services.logger }, mailboxId, FOLDER);
    } finally {
      await services.close();
    }
  }
  const stored = async () => (await inWs((db) => db.select({ id: messages.messageIdHeader }).from(messages).where(eq(messages.direction, 'inbound')))).map((row) => row.id).sort();

  it('stores each reply once across restarts and a UIDVALIDITY change', async () => {
    await admin((client) => client.mailboxCreate(FOLDER));
    await append('history');
    let result = await poll();
    expect(result).toMatchObject({ ok: true, reason: 'first_poll', stored: 0 });

    await append('r1', 'r2');
    result = await poll();
    expect(result).toMatchObject({ ok: true, reason: 'continue', stored: 2, duplicates: 0 });
    expect(result.decisionJobIds).toHaveLength(2);
    expect(await stored()).toEqual(['<r1@prospect.example>', '<r2@prospect.example>']);

    result = await poll();
    expect(result).toMatchObject({ fetched: 0, stored: 0, duplicates: 0 });

    const [cursor] = await inWs((db) => db.select().from(imapCursors).where(eq(imapCursors.mailboxId, mailboxId)));
    expect(cursor).toMatchObject({ folder: FOLDER, lastUid: 3 });
    await admin(async (client) => {
      await client.mailboxDelete(FOLDER);
      await client.mailboxCreate(FOLDER);
    });
    await append('r1', 'r2', 'r3');
    result = await poll();
    expect(result).toMatchObject({ ok: true, reason: 'uid_validity_changed', stored: 1, duplicates: 2 });
    expect(await stored()).toEqual(['<r1@prospect.example>', '<r2@prospect.example>', '<r3@prospect.example>']);
    const [after] = await inWs((db) => db.select().from(imapCursors).where(eq(imapCursors.mailboxId, mailboxId)));
    expect(after!.uidValidity).not.toBe(cursor!.uidValidity);

    await append('r4');
    result = await poll();
    expect(result).toMatchObject({ stored: 1, duplicates: 0 });
    const raw = await inWs((db) => db.select({ raw: messages.rawSource }).from(messages).where(eq(messages.messageIdHeader, '<r4@prospect.example>')));
    expect(raw[0]?.raw?.toString('utf8')).toContain('In-Reply-To: <out-1@ourco.example>');
  });

  it('a wrong password is reported, the cursor is kept', async () => {
    const services = await createTestServices(t.database, { DATA_DIR: t.config.dataDir, ALLOW_PRIVATE_NETWORK_URLS: 'true' });
    const wrong = services.secretBox.seal('not-the-password');
    const other = await insertMailbox(t, world, { imapHost: imap.host, imapPort: imap.port, imapSecure: false, imapPlaintext: true, imapUser: imap.user, imapPasswordCiphertext: wrong.ciphertext });
    const result = await pollMailbox({ inWorkspace: inWs, config: services.config, secretBox: services.secretBox, logger: services.logger }, other, FOLDER);
    await services.close();
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Authentication failed/);
  });
});
