import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { payloadIssues, payloadText, type PayloadIssue } from '../integrations/payload-text.js';
import { htmlToPlainText } from './html-text.js';
import { isDeliveryReport, toMailAddresses, type InboundMail, type MailAddress } from './inbound-mail.js';
import { normaliseMessageId, parseMessageIdList, pickTrackedHeaders } from './mail-headers.js';

/**
 * The generic inbound-email webhook (`POST /api/webhooks/inbound-email`): a JSON body
 * `{from, to, subject, text, html?, messageId, inReplyTo?, references?, headers?}` from a mail
 * provider's inbound parse or an n8n/Zapier flow, normalised into the same `InboundMail` as IMAP.
 * Addresses may be `"Name <a@b>"` strings or `{address, name}` objects; `to` one or a list.
 * Optional extras a sender may add: `cc`, `date` (ISO 8601 or RFC 5322).
 */
export const INBOUND_WEBHOOK_LIMITS = {
  /** The route should refuse a larger body before parsing it. */
  bodyBytes: 5_000_000,
  addressField: 1_000,
  address: 320,
  name: 200,
  recipients: 50,
  subject: 998,
  text: 1_000_000,
  html: 3_000_000,
  messageId: 998,
  references: 100,
  headers: 100,
  headerName: 100,
  headerValue: 2_000,
  date: 100,
} as const;

const L = INBOUND_WEBHOOK_LIMITS;
const addressInput = z.union([payloadText(L.addressField), z.object({ address: payloadText(L.address), name: payloadText(L.name).optional() })]);
const recipientsInput = z.union([addressInput, z.array(addressInput).max(L.recipients)]);
const headerValue = z.union([payloadText(L.headerValue), z.array(payloadText(L.headerValue)).max(20)]);

export const inboundWebhookBodySchema = z.object({
  from: addressInput,
  to: recipientsInput,
  cc: recipientsInput.optional(),
  subject: payloadText(L.subject).optional().default(''),
  text: payloadText(L.text).optional().default(''),
  html: payloadText(L.html).nullish(),
  messageId: payloadText(L.messageId),
  inReplyTo: payloadText(L.messageId).nullish(),
  references: z.union([payloadText(L.messageId * 10), z.array(payloadText(L.messageId)).max(L.references)]).nullish(),
  headers: z
    .record(payloadText(L.headerName), headerValue)
    .refine((headers) => Object.keys(headers).length <= L.headers, `at most ${L.headers} headers`)
    .optional(),
  date: payloadText(L.date).nullish(),
});
export type InboundWebhookBody = z.infer<typeof inboundWebhookBodySchema>;

export type InboundWebhookParse = { ok: true; mail: InboundMail } | { ok: false; issues: PayloadIssue[] };

type AddressInput = z.infer<typeof addressInput>;

function readAddresses(value: AddressInput | AddressInput[] | undefined): MailAddress[] {
  if (value === undefined) return [];
  const entries = (Array.isArray(value) ? value : [value]).flatMap((entry) =>
    typeof entry === 'string' ? addressparser(entry, { flatten: true }) : [{ address: entry.address, name: entry.name ?? '' }],
  );
  return toMailAddresses(entries);
}

/** Validates a parsed JSON body and normalises it; `rawSize` is the body's byte length as received. */
export function parseInboundWebhookBody(json: unknown, rawSize: number): InboundWebhookParse {
  const parsed = inboundWebhookBodySchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: payloadIssues(parsed.error) };
  const body = parsed.data;
  const issues: PayloadIssue[] = [];
  const from = readAddresses(body.from)[0] ?? null;
  if (!from) issues.push({ path: 'from', message: 'must be an email address' });
  const to = readAddresses(body.to);
  if (to.length === 0) issues.push({ path: 'to', message: 'must hold at least one email address' });
  const messageId = normaliseMessageId(body.messageId);
  if (!messageId) issues.push({ path: 'messageId', message: 'must be a Message-ID such as <id@domain>' });
  if (body.inReplyTo && !normaliseMessageId(body.inReplyTo)) issues.push({ path: 'inReplyTo', message: 'must be a Message-ID such as <id@domain>' });
  if (!from || !messageId || issues.length > 0) return { ok: false, issues };

  const headers = pickTrackedHeaders(
    Object.entries(body.headers ?? {}).map(([name, value]): [string, string] => [name, Array.isArray(value) ? (value[0] ?? '') : value]),
  );
  const html = body.html?.trim() ? body.html : null;
  const date = body.date ? Date.parse(body.date) : Number.NaN;
  return {
    ok: true,
    mail: {
      messageId,
      inReplyTo: normaliseMessageId(body.inReplyTo),
      references: parseMessageIdList(body.references),
      from,
      to,
      cc: readAddresses(body.cc),
      subject: body.subject.trim(),
      date: Number.isNaN(date) ? null : new Date(date),
      text: body.text.trim() ? body.text : html ? htmlToPlainText(html) : '',
      html,
      headers,
      // A JSON body has no MIME parts: a DSN relayed this way is only recognised heuristically.
      isDsn: isDeliveryReport(headers['content-type'] ?? ''),
      deliveryReport: null,
      rawSize,
      dedupeKey: messageId,
    },
  };
}
