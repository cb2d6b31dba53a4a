import { createHash } from 'node:crypto';
import type { AddressObject, Attachment, EmailAddress, HeaderLines, ParsedMail } from 'mailparser';
import { htmlToPlainText } from './html-text.js';
import { normaliseAddress, normaliseMessageId, parseMessageIdList, pickTrackedHeaders, type InboundHeaders } from './mail-headers.js';

/**
 * One inbound message, whichever door it came through (IMAP, the generic JSON webhook, Instantly),
 * in the form every later step (bounce, auto-reply, threading, classification) reads.
 */
export type MailAddress = { address: string; name: string };

export type DeliveryReportParts = {
  /** The `message/delivery-status` part (RFC 3464 fields), as text. */
  deliveryStatus: string;
  /** The returned message's header block (`text/rfc822-headers`, or the head of a `message/rfc822`). */
  returnedHeaders: string | null;
};

export type InboundMail = {
  /** `<id@domain>`; null when the message has none (then dedupe on `dedupeKey`). */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** The `Date:` header; null when missing or unreadable (never "now"). */
  date: Date | null;
  text: string;
  html: string | null;
  headers: InboundHeaders;
  /** A `multipart/report; report-type=delivery-status` (RFC 3464) message. */
  isDsn: boolean;
  deliveryReport: DeliveryReportParts | null;
  rawSize: number;
  /** What the caller dedupes on: the Message-ID, else a hash of the raw source. */
  dedupeKey: string;
};

export type InboundMailParse =
  | { ok: true; mail: InboundMail }
  | { ok: false; reason: 'empty' | 'too_large' | 'not_a_message' | 'unparseable'; detail: string };

/** A reply is text; anything bigger is an attachment-laden message we still refuse to hold in memory twice. */
export const MAX_RAW_MESSAGE_BYTES = 25 * 1024 * 1024;
const MAX_HTML_TO_TEXT = 2_000_000;

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_HEADERS_TYPES = new Set(['text/rfc822-headers', 'message/global-headers']);
const RETURNED_MESSAGE_TYPES = new Set(['message/rfc822', 'message/global']);

export async function parseInboundMail(source: Buffer | string, options: { maxBytes?: number } = {}): Promise<InboundMailParse> {
  const raw = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const maxBytes = options.maxBytes ?? MAX_RAW_MESSAGE_BYTES;
  if (raw.byteLength === 0 || raw.toString('latin1').trim() === '') return { ok: false, reason: 'empty', detail: 'The message is empty' };
  if (raw.byteLength > maxBytes) return { ok: false, reason: 'too_large', detail: `The message is larger than ${maxBytes} bytes` };
  // Loaded on first use (issue 12: start fast): only mail that arrives needs it, and it pulls in
  // iconv-lite, linkify-it and an HTML parser at import.
  const { simpleParser } = await import('mailparser');
  let parsed: ParsedMail;
  try {
    // keepDeliveryStatus: otherwise mailparser folds the RFC 3464 fields into `text`, where the
    // classifier would read "Action: failed" as prose and the DSN reader could not find them.
    parsed = await simpleParser(raw, {
      keepDeliveryStatus: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
    });
  } catch (cause) {
    return { ok: false, reason: 'unparseable', detail: cause instanceof Error ? cause.message : 'The message could not be parsed' };
  }
  const rawHeaders = readHeaderLines(parsed.headerLines);
  const known = ['from', 'to', 'date', 'message-id', 'subject'].filter((name) => rawHeaders.has(name));
  if (known.length === 0) return { ok: false, reason: 'not_a_message', detail: 'No From, To, Date, Message-ID or Subject header' };
  return { ok: true, mail: toInboundMail(parsed, rawHeaders, raw) };
}

function toInboundMail(parsed: ParsedMail, rawHeaders: Map<string, string>, raw: Buffer): InboundMail {
  const headers = pickTrackedHeaders(rawHeaders.entries());
  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? withoutNul(parsed.html) : null;
  // mailparser leaves `text` empty when it refused to convert the HTML (too long, too deep).
  const text = parsed.text?.trim() ? withoutNul(parsed.text) : html ? htmlToPlainText(html) : '';
  const isDsn = isDeliveryReport(headers['content-type'] ?? '', parsed.attachments);
  const messageId = normaliseMessageId(parsed.messageId);
  return {
    messageId,
    inReplyTo: normaliseMessageId(parsed.inReplyTo),
    references: parseMessageIdList(parsed.references),
    from: addressList(parsed.from)[0] ?? null,
    to: addressList(parsed.to),
    cc: addressList(parsed.cc),
    subject: withoutNul(parsed.subject?.trim() ?? ''),
    date: readDate(rawHeaders.get('date')),
    text,
    html,
    headers,
    isDsn,
    deliveryReport: isDsn ? deliveryReportParts(parsed.attachments) : null,
    rawSize: raw.byteLength,
    dedupeKey: messageId ?? `sha256:${sha256(raw)}`,
  };
}

/** Raw header values by lowercased name (first occurrence), unfolded; mailparser's Map has objects instead. */
function readHeaderLines(lines: HeaderLines): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { key, line } of lines) {
    const name = key.trim().toLowerCase();
    const colon = line.indexOf(':');
    if (!name || colon < 0 || headers.has(name)) continue;
    headers.set(name, line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return headers;
}

// mailparser replaces an unreadable Date header with the parse time: read the raw value ourselves.
function readDate(value: string | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

function addressList(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const flat: EmailAddress[] = [];
  for (const object of Array.isArray(value) ? value : [value]) {
    for (const entry of object.value) flat.push(...(entry.group ?? [entry]));
  }
  return toMailAddresses(flat);
}

export function toMailAddresses(entries: readonly { address?: string; name?: string }[]): MailAddress[] {
  const addresses: MailAddress[] = [];
  for (const entry of entries) {
    const address = normaliseAddress(entry.address);
    if (address && !addresses.some((known) => known.address === address)) addresses.push({ address, name: withoutNul(entry.name?.trim() ?? '') });
  }
  return addresses;
}

/** `multipart/report; report-type=delivery-status`, or (sloppy MTAs) a delivery-status part under another root. */
export function isDeliveryReport(contentType: string, attachments: readonly Pick<Attachment, 'contentType'>[] = []): boolean {
  const type = contentType.toLowerCase();
  const declared = type.startsWith('multipart/report') && /report-type\s*=\s*"?(global-)?delivery-status"?/.test(type);
  return declared || attachments.some((part) => DELIVERY_STATUS_TYPES.has(part.contentType.toLowerCase()));
}

function deliveryReportParts(attachments: readonly Attachment[]): DeliveryReportParts | null {
  const status = attachments.find((part) => DELIVERY_STATUS_TYPES.has(part.contentType.toLowerCase()));
  if (!status) return null;
  const headersPart = attachments.find((part) => RETURNED_HEADERS_TYPES.has(part.contentType.toLowerCase()));
  const messagePart = attachments.find((part) => RETURNED_MESSAGE_TYPES.has(part.contentType.toLowerCase()));
  const returned = headersPart?.content.toString('utf8') ?? messagePart?.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? null;
  return { deliveryStatus: status.content.toString('utf8'), returnedHeaders: returned };
}

// Raw mail may carry NUL bytes; Postgres text cannot, and they mean nothing to a reader.
function withoutNul(value: string): string {
  return value.replaceAll('\u0000', '');
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
