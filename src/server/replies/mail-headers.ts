/**
 * Header-level helpers shared by the IMAP parser, the JSON webhook normaliser, the DSN reader and
 * the thread matcher, so a Message-ID or an address compares the same way wherever it came from.
 */

/** The headers kept on an `InboundMail` (lowercased names, first occurrence, unfolded raw value). */
export const TRACKED_HEADERS = [
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'x-autoresponder',
  'precedence',
  'x-auto-response-suppress',
  'return-path',
  'list-id',
  'list-unsubscribe',
  'content-type',
  'x-failed-recipients',
  'x-ms-exchange-message-is-ndr',
  'reply-to',
  'sender',
  'delivered-to',
  'x-original-to',
  'x-mailer',
] as const;
export type TrackedHeader = (typeof TRACKED_HEADERS)[number];
export type InboundHeaders = Partial<Record<TrackedHeader, string>>;

const TRACKED = new Set<string>(TRACKED_HEADERS);
const MAX_HEADER_VALUE = 2_000;
const MAX_MESSAGE_ID = 998; // RFC 5322 line length limit
const MAX_REFERENCES = 100;

export function isTrackedHeader(name: string): name is TrackedHeader {
  return TRACKED.has(name);
}

/** Keeps the tracked headers of `entries`, first occurrence wins (as mail clients display them). */
export function pickTrackedHeaders(entries: Iterable<[string, string]>): InboundHeaders {
  const picked: InboundHeaders = {};
  for (const [rawName, value] of entries) {
    const name = rawName.trim().toLowerCase();
    if (isTrackedHeader(name) && picked[name] === undefined) picked[name] = value.trim().slice(0, MAX_HEADER_VALUE);
  }
  return picked;
}

/**
 * `<id@domain>` in canonical form, or null. Accepts a bare `id@domain` (some webhook senders drop
 * the brackets) and ignores surrounding text and comments; the first bracketed id wins.
 */
export function normaliseMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = bracketed ? bracketed[1] : value.trim();
  if (!id || !id.includes('@') || /[\s<>]/.test(id) || id.length + 2 > MAX_MESSAGE_ID) return null;
  return `<${id}>`;
}

/** Every Message-ID of a References / In-Reply-To value (string, or mailparser's array), deduplicated, in order. */
export function parseMessageIdList(value: string | readonly string[] | null | undefined): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const ids: string[] = [];
  // Bracketed ids, and bare `id@domain` tokens some senders write (or mailparser left unbracketed).
  for (const token of text.match(/<[^<>\s]+>|[^\s,<>]+@[^\s,<>]+/g) ?? []) {
    const id = normaliseMessageId(token);
    if (id && !ids.includes(id)) ids.push(id);
  }
  // A thread grows References by one id per message; beyond this it is noise or an attack on the lookup.
  return ids.slice(-MAX_REFERENCES);
}

/**
 * Parses an RFC 5322 header block (the `text/rfc822-headers` part of a DSN, the head of a returned
 * `message/rfc822`, or a DSN's per-recipient fields): unfolds continuation lines, lowercases names.
 * Stops at the first empty line.
 */
export function parseHeaderBlock(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let current: { name: string; value: string } | null = null;
  const flush = () => {
    if (!current) return;
    const list = headers.get(current.name) ?? [];
    list.push(current.value.trim());
    headers.set(current.name, list);
    current = null;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (current || headers.size > 0) break;
      continue;
    }
    if (/^[ \t]/.test(line) && current) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) };
  }
  flush();
  return headers;
}

export function firstHeader(headers: Map<string, string[]>, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}

/** Lowercased, trimmed address; null unless it looks like `local@domain`. */
export function normaliseAddress(value: string | null | undefined): string | null {
  const address = value?.trim().replace(/^<|>$/g, '').toLowerCase() ?? '';
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address) ? address : null;
}

export function emailDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** `Return-Path: <>`: the null sender of DSNs and of most auto-replies (RFC 3834 §3.3). */
export function isNullReturnPath(headers: InboundHeaders): boolean {
  const value = headers['return-path'];
  return value !== undefined && /^\s*<?\s*>?\s*$/.test(value);
}
