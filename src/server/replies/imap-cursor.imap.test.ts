import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImapAdmin, dovecotUnavailableReason, startDovecot, type FakeImapServer } from '../../../tests/fakes/dovecot.js';
import { advanceCursor, planImapFetch, selectNewMessages, type FetchedMessage, type ImapCursor } from './imap-cursor.js';
import { parseInboundMail } from './inbound-mail.js';

/**
 * The cursor rules against a real IMAP server (Dovecot): the `N:*` trap is real, nothing is read
 * twice across reconnects, and a recreated folder (new UIDVALIDITY) loses nothing and repeats
 * nothing once the Message-ID dedupe is applied. The poll loop here is the test's own, written
 * the way the module's comment tells the ingestion job to.
 */
const dovecotMissing = dovecotUnavailableReason();
const requireDovecot = process.env.REQUIRE_DOVECOT === '1';
if (dovecotMissing && !requireDovecot) console.warn(`[skipped] IMAP cursor against Dovecot: ${dovecotMissing}`);

const FOLDER = 'Replies';
const message = (id: string, date = new Date()) =>
  `From: bob@prospect.example\r\nTo: alice@ourco.example\r\nSubject: Re: hi ${id}\r\nMessage-ID: <${id}@prospect.example>\r\nDate: ${date.toUTCString()}\r\n\r\nReply ${id}\r\n`;

describe.skipIf(Boolean(dovecotMissing) && !requireDovecot)('IMAP cursor against a real Dovecot', () => {
  let imap: FakeImapServer;
  beforeAll(async () => {
    imap = await startDovecot({ user: 'alice', password: 'imap-cursor-pw' });
  });
  afterAll(() => imap?.stop());

  async function connect(): Promise<ImapFlow> {
    return connectImapAdmin(imap);
  }

  /** One poll as the ingestion job will run it; `ingested` plays the messages table with its unique Message-ID. */
  async function poll(cursor: ImapCursor | null, ingested: Map<string, number>): Promise<{ cursor: ImapCursor; fetchedUids: number[]; handedOn: string[] }> {
    const client = await connect();
    try {
      const lock = await client.getMailboxLock(FOLDER);
      try {
        const mailbox = client.mailbox === false ? null : client.mailbox;
        if (!mailbox) throw new Error('no mailbox selected');
        const plan = planImapFetch(cursor, { uidValidity: mailbox.uidValidity, uidNext: mailbox.uidNext });
        // Collected first: no other IMAP command may run inside the fetch loop.
        const fetched: (FetchedMessage & { source: Buffer })[] = [];
        if (plan.range) {
          for await (const item of client.fetch(plan.range, { uid: true, source: true, internalDate: true }, { uid: true })) {
            if (item.source) fetched.push({ uid: item.uid, internalDate: item.internalDate ?? null, source: item.source });
          }
        }
        const handedOn: string[] = [];
        const results = [];
        for (const item of selectNewMessages(plan, fetched)) {
          const parsed = await parseInboundMail(item.source);
          const ok = parsed.ok;
          if (parsed.ok) {
            handedOn.push(parsed.mail.dedupeKey);
            ingested.set(parsed.mail.dedupeKey, (ingested.get(parsed.mail.dedupeKey) ?? 0) + 1);
          }
          results.push({ uid: item.uid, ok, internalDate: item.internalDate ?? null });
        }
        return { cursor: advanceCursor(plan, fetched, results), fetchedUids: fetched.map((item) => item.uid), handedOn };
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  async function append(...ids: string[]) {
    const client = await connect();
    try {
      for (const id of ids) await client.append(FOLDER, message(id));
    } finally {
      await client.logout();
    }
  }

  it('reads each message once across reconnects, despite the N:* trap, and survives a UIDVALIDITY change', async () => {
    const setup = await connect();
    await setup.mailboxCreate(FOLDER);
    await setup.logout();
    await append('old-1', 'old-2');

    const stored = new Map<string, number>();
    // First poll: history is skipped.
    let state = await poll(null, stored);
    expect(state.handedOn).toEqual([]);
    expect(state.cursor.lastUid).toBe(2);

    await append('new-1', 'new-2');
    state = await poll(state.cursor, stored);
    expect(state.handedOn).toEqual(['<new-1@prospect.example>', '<new-2@prospect.example>']);

    // Nothing new: UIDNEXT says so and no fetch runs. The trap itself, shown with a raw fetch:
    // "5:*" answers with UID 4 although 4 < 5.
    const raw = await connect();
    const lock = await raw.getMailboxLock(FOLDER);
    const trap: number[] = [];
    try {
      for await (const item of raw.fetch('5:*', { uid: true }, { uid: true })) trap.push(item.uid);
    } finally {
      lock.release();
      await raw.logout();
    }
    expect(trap).toEqual([4]);
    state = await poll(state.cursor, stored);
    expect(state.fetchedUids).toEqual([]);
    expect(state.handedOn).toEqual([]);

    // A message arrives and is deleted before the poll: UIDNEXT moved on, so "5:*" is fetched and
    // the server answers with UID 4 again. It must not be handed on a second time.
    await append('spam');
    const cleaner = await connect();
    const cleanLock = await cleaner.getMailboxLock(FOLDER);
    try {
      await cleaner.messageDelete('5', { uid: true });
    } finally {
      cleanLock.release();
      await cleaner.logout();
    }
    state = await poll(state.cursor, stored);
    expect(state.fetchedUids).toEqual([4]);
    expect(state.handedOn).toEqual([]);
    expect(state.cursor.lastUid).toBe(4);

    // The folder is recreated (server migration): same messages, new UIDVALIDITY, UIDs from 1.
    const before = state.cursor.uidValidity;
    const admin = await connect();
    await admin.mailboxDelete(FOLDER);
    await admin.mailboxCreate(FOLDER);
    await admin.logout();
    await append('new-1', 'new-2', 'after-move');
    state = await poll(state.cursor, stored);
    expect(state.cursor.uidValidity).not.toBe(before);
    expect(state.cursor.lastUid).toBe(3);
    // The recent messages are handed on again; the Message-ID dedupe keeps each stored once.
    expect(state.handedOn).toContain('<after-move@prospect.example>');
    const unique = [...stored.keys()].sort();
    expect(unique).toEqual(['<after-move@prospect.example>', '<new-1@prospect.example>', '<new-2@prospect.example>']);

    await append('last');
    state = await poll(state.cursor, stored);
    expect(state.handedOn).toEqual(['<last@prospect.example>']);
  });
});
