import { describe, expect, it } from 'vitest';
import { advanceCursor, planImapFetch, selectNewMessages, type ImapCursor } from './imap-cursor.js';

const at = (iso: string) => new Date(iso);
const stored: ImapCursor = { uidValidity: '1736845331', lastUid: 41, lastInternalDate: '2025-01-14T10:00:00.000Z' };

describe('planImapFetch', () => {
  it('continues after the last UID, with imapflow’s BigInt UIDVALIDITY', () => {
    const plan = planImapFetch(stored, { uidValidity: 1736845331n, uidNext: 45 });
    expect(plan).toEqual({ reason: 'continue', range: '42:*', base: stored, since: null });
  });

  it('plans no fetch when UIDNEXT says nothing arrived (so "42:*" cannot return the old 41)', () => {
    expect(planImapFetch(stored, { uidValidity: '1736845331', uidNext: 42 }).range).toBeNull();
    expect(planImapFetch(stored, { uidValidity: '1736845331', uidNext: null }).range).toBe('42:*');
  });

  it('skips history on the first poll of a mailbox', () => {
    const plan = planImapFetch(null, { uidValidity: 7n, uidNext: 1200 });
    expect(plan).toEqual({ reason: 'first_poll', range: null, base: { uidValidity: '7', lastUid: 1199, lastInternalDate: null }, since: null });
    // Without UIDNEXT it reads the UIDs once to place the cursor, and hands nothing on.
    const blind = planImapFetch(null, { uidValidity: 7n });
    expect(blind.range).toBe('1:*');
    const fetched = [{ uid: 3 }, { uid: 1199 }];
    expect(selectNewMessages(blind, fetched)).toEqual([]);
    expect(advanceCursor(blind, fetched, []).lastUid).toBe(1199);
  });

  it('resets on a UIDVALIDITY change: reads from 1, hands on only mail since the last one processed (a day of slack)', () => {
    const plan = planImapFetch(stored, { uidValidity: 1800000000n, uidNext: 10 });
    expect(plan.reason).toBe('uid_validity_changed');
    expect(plan.range).toBe('1:*');
    expect(plan.base).toEqual({ uidValidity: '1800000000', lastUid: 0, lastInternalDate: stored.lastInternalDate });
    expect(plan.since?.toISOString()).toBe('2025-01-13T10:00:00.000Z');
    const fetched = [
      { uid: 1, internalDate: at('2024-06-01T00:00:00Z') }, // old history: never a "new reply"
      { uid: 2, internalDate: at('2025-01-14T09:00:00Z') }, // within the slack: handed on, deduped by Message-ID
      { uid: 3, internalDate: at('2025-01-15T08:00:00Z') },
      { uid: 4, internalDate: null },
    ];
    expect(selectNewMessages(plan, fetched).map((message) => message.uid)).toEqual([2, 3, 4]);
    const next = advanceCursor(plan, fetched, [
      { uid: 2, ok: true },
      { uid: 3, ok: true },
      { uid: 4, ok: true },
    ]);
    expect(next).toEqual({ uidValidity: '1800000000', lastUid: 4, lastInternalDate: '2025-01-15T08:00:00.000Z' });
  });

  it('refuses a server UIDVALIDITY that is not a positive integer', () => {
    expect(() => planImapFetch(stored, { uidValidity: 'abc' })).toThrow(RangeError);
    expect(() => planImapFetch(stored, { uidValidity: 0 })).toThrow(RangeError);
  });
});

describe('selectNewMessages and advanceCursor', () => {
  const plan = planImapFetch(stored, { uidValidity: 1736845331n });

  it('drops UIDs at or below the cursor (the N:* trap) and duplicates, in UID order', () => {
    const fetched = [{ uid: 44 }, { uid: 41 }, { uid: 42 }, { uid: 44 }, { uid: 0 }, { uid: 43.5 }];
    expect(selectNewMessages(plan, fetched).map((message) => message.uid)).toEqual([42, 44]);
  });

  it('moves the cursor to the newest UID when everything succeeded; the server’s highest old UID does not move it back', () => {
    expect(advanceCursor(plan, [{ uid: 41 }], [])).toEqual(stored);
    const fetched = [
      { uid: 42, internalDate: at('2025-01-15T08:00:00Z') },
      { uid: 43, internalDate: '2025-01-15T09:00:00Z' },
    ];
    const next = advanceCursor(plan, fetched, [
      { uid: 42, ok: true },
      { uid: 43, ok: true },
    ]);
    expect(next).toEqual({ uidValidity: '1736845331', lastUid: 43, lastInternalDate: '2025-01-15T09:00:00.000Z' });
  });

  it('stops before the first failure or unprocessed message, so it is retried next poll', () => {
    const fetched = [{ uid: 42 }, { uid: 43 }, { uid: 44 }];
    expect(advanceCursor(plan, fetched, [{ uid: 42, ok: true }, { uid: 43, ok: false }, { uid: 44, ok: true }]).lastUid).toBe(42);
    expect(advanceCursor(plan, fetched, [{ uid: 42, ok: true }]).lastUid).toBe(42);
    expect(advanceCursor(plan, fetched, [{ uid: 42, ok: false }]).lastUid).toBe(41);
  });
});
