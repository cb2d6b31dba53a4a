/**
 * Where IMAP polling of one mailbox folder resumes, so nothing is read twice or missed across
 * restarts. The caller stores the cursor per mailbox and folder, and runs:
 *
 *   const plan = planImapFetch(stored, { uidValidity: client.mailbox.uidValidity, uidNext: client.mailbox.uidNext });
 *   if (plan.range) for await (const m of client.fetch(plan.range, {uid, source, internalDate}, { uid: true })) collect(m);
 *   for (const m of selectNewMessages(plan, collected)) results.push({ uid: m.uid, ok: await ingest(m) });
 *   store(advanceCursor(plan, collected, results));
 *
 * Traps handled here:
 * - `N:*` always returns the highest message even when its UID is below N (RFC 3501 §6.4.8: `*`
 *   is the largest UID in use), so every UID ≤ lastUid is dropped; and when UIDNEXT says nothing
 *   is new, no fetch is planned at all.
 * - UIDVALIDITY changed (mailbox recreated, server migrated): every stored UID is meaningless.
 *   The folder is read again from 1, but only messages whose INTERNALDATE is at or after the last
 *   one we processed (minus a day of slack for servers that restamp) are handed on; anything in
 *   that window we already ingested is dropped by the caller's Message-ID dedupe (the unique
 *   `messages (workspace_id, message_id_header)` index), so a reset costs a re-read, never a
 *   double reply.
 * - first poll of a mailbox: history is skipped (cursor set at UIDNEXT - 1), so connecting a
 *   mailbox with years of mail does not turn old threads into "replies".
 */
export type ImapCursor = {
  /** UIDVALIDITY as a decimal string (imapflow gives a BigInt). */
  uidValidity: string;
  lastUid: number;
  /** INTERNALDATE of the newest message processed, ISO 8601; bounds the re-read after a reset. */
  lastInternalDate: string | null;
};

export type ImapMailboxState = { uidValidity: bigint | number | string; uidNext?: number | null };

export type ImapFetchPlan = {
  reason: 'first_poll' | 'continue' | 'uid_validity_changed';
  /** The UID range to fetch with `{ uid: true }`, or null when there is nothing to fetch. */
  range: string | null;
  /** The cursor the selection and the advance work from (lastUid 0 after a reset). */
  base: ImapCursor;
  /** After a reset: hand on only messages received at or after this instant. */
  since: Date | null;
};

export type FetchedMessage = { uid: number; internalDate?: Date | string | null };
export type ProcessedMessage = { uid: number; ok: boolean; internalDate?: Date | string | null };

const RESET_SLACK_MS = 24 * 60 * 60 * 1000;

export function uidValidityString(value: bigint | number | string): string | null {
  const text = String(value).trim();
  return /^[1-9]\d{0,19}$/.test(text) ? text : null;
}

function validUid(uid: number): boolean {
  return Number.isSafeInteger(uid) && uid > 0;
}

export function planImapFetch(stored: ImapCursor | null, server: ImapMailboxState): ImapFetchPlan {
  const uidValidity = uidValidityString(server.uidValidity);
  if (uidValidity === null) throw new RangeError(`Invalid UIDVALIDITY from the server: ${String(server.uidValidity)}`);
  const uidNext = server.uidNext != null && validUid(server.uidNext) ? server.uidNext : null;
  if (!stored) {
    if (uidNext !== null) {
      return { reason: 'first_poll', range: null, base: { uidValidity, lastUid: uidNext - 1, lastInternalDate: null }, since: null };
    }
    // No UIDNEXT (rare): fall back to "everything from now on" by reading the folder once.
    return { reason: 'first_poll', range: '1:*', base: { uidValidity, lastUid: 0, lastInternalDate: null }, since: null };
  }
  if (stored.uidValidity !== uidValidity) {
    const last = stored.lastInternalDate ? Date.parse(stored.lastInternalDate) : Number.NaN;
    return {
      reason: 'uid_validity_changed',
      range: '1:*',
      base: { uidValidity, lastUid: 0, lastInternalDate: stored.lastInternalDate },
      since: Number.isNaN(last) ? null : new Date(last - RESET_SLACK_MS),
    };
  }
  const lastUid = validUid(stored.lastUid) ? stored.lastUid : 0;
  const base = { uidValidity, lastUid, lastInternalDate: stored.lastInternalDate };
  if (uidNext !== null && uidNext <= lastUid + 1) return { reason: 'continue', range: null, base, since: null };
  return { reason: 'continue', range: `${lastUid + 1}:*`, base, since: null };
}

function toTime(value: Date | string | null | undefined): number | null {
  if (value == null) return null;
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/**
 * The fetched messages to process, in UID order: above the cursor (the `N:*` trap), each UID once,
 * and after a reset only the recent ones. The first poll without UIDNEXT only records the cursor.
 */
export function selectNewMessages<T extends FetchedMessage>(plan: ImapFetchPlan, fetched: readonly T[]): T[] {
  if (plan.reason === 'first_poll') return [];
  const seen = new Set<number>();
  const since = plan.since?.getTime() ?? null;
  return [...fetched]
    .filter((message) => validUid(message.uid) && message.uid > plan.base.lastUid)
    .filter((message) => {
      if (seen.has(message.uid)) return false;
      seen.add(message.uid);
      if (since === null) return true;
      const time = toTime(message.internalDate);
      // A message the server gives no date for is handed on: the Message-ID dedupe catches repeats.
      return time === null || time >= since;
    })
    .sort((a, b) => a.uid - b.uid);
}

/**
 * The cursor to store after processing. It only moves past a UID when every message selected for
 * processing up to it succeeded: a failed or unreported one is retried next poll (successes after
 * it are re-read and dropped by the Message-ID dedupe). Pass every fetched message, so that the
 * ones the selection skipped (old ones after a reset, the first poll) move the cursor too.
 */
export function advanceCursor(plan: ImapFetchPlan, fetched: readonly FetchedMessage[], processed: readonly ProcessedMessage[]): ImapCursor {
  const outcome = new Map(processed.map((message) => [message.uid, message]));
  const selected = new Set(selectNewMessages(plan, fetched).map((message) => message.uid));
  let lastUid = plan.base.lastUid;
  let lastTime = toTime(plan.base.lastInternalDate);
  const uids = [...new Set(fetched.map((message) => message.uid).filter((uid) => validUid(uid) && uid > plan.base.lastUid))].sort((a, b) => a - b);
  for (const uid of uids) {
    const result = outcome.get(uid);
    if (selected.has(uid) && !result?.ok) break;
    lastUid = uid;
    const time = selected.has(uid) ? toTime(result?.internalDate ?? fetched.find((message) => message.uid === uid)?.internalDate) : null;
    if (time !== null && (lastTime === null || time > lastTime)) lastTime = time;
  }
  return { uidValidity: plan.base.uidValidity, lastUid, lastInternalDate: lastTime === null ? plan.base.lastInternalDate : new Date(lastTime).toISOString() };
}
