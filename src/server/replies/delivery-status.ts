import type { InboundMail } from './inbound-mail.js';
import { firstHeader, isNullReturnPath, normaliseAddress, normaliseMessageId, parseHeaderBlock } from './mail-headers.js';

/**
 * Delivery failures. RFC 3464 reports (`multipart/report; report-type=delivery-status`) are read
 * field by field; the non-standard bounces some servers still send (plain "Undeliverable:" text,
 * "Mail Delivery Subsystem" notes) are recognised from several agreeing signals and marked
 * `heuristic`, so the bounce handler can be stricter with them (e.g. not suppress on one alone).
 */
export const DSN_ACTIONS = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'] as const;
export type DsnAction = (typeof DSN_ACTIONS)[number];
/** hard = permanent (Action failed + 5.x.x); transient = 4.x.x or delayed; unknown = a failure without a usable code. */
export type BounceSeverity = 'hard' | 'transient' | 'unknown';
export type RecipientOutcome = BounceSeverity | 'delivered';

export type DsnRecipient = {
  recipient: string | null;
  originalRecipient: string | null;
  action: DsnAction | null;
  /** `X.Y.Z` (RFC 3463), from `Status:` or else from the diagnostic text. */
  status: string | null;
  diagnosticCode: string | null;
  remoteMta: string | null;
  outcome: RecipientOutcome;
};

export type DeliveryStatusFields = { reportingMta: string | null; recipients: DsnRecipient[] };

export type BounceVerdict =
  | { kind: 'not_bounce' }
  /** A DSN reporting success or relay only (NOTIFY=SUCCESS): neither a bounce nor a reply. */
  | { kind: 'delivery_report'; recipients: DsnRecipient[]; originalMessageId: string | null }
  | {
      kind: 'bounce';
      certainty: 'rfc3464' | 'heuristic';
      severity: BounceSeverity;
      recipients: DsnRecipient[];
      /** Our outbound message's Message-ID, when the report returned it: match the bounce with it. */
      originalMessageId: string | null;
      signals: string[];
    };

const ENHANCED_CODE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const BASIC_CODE = /(?:^|[\s;:(])([45][0-5]\d)(?=[\s-]|$)/m;

export function parseDeliveryStatusFields(text: string): DeliveryStatusFields {
  const groups = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).map(parseHeaderBlock).filter((group) => group.size > 0);
  const perMessage = groups.find((group) => group.has('reporting-mta'));
  const recipients = groups.filter((group) => group.has('final-recipient') || group.has('action')).map(readRecipient);
  return { reportingMta: perMessage ? stripType(firstHeader(perMessage, 'reporting-mta')) : null, recipients };
}

function readRecipient(group: Map<string, string[]>): DsnRecipient {
  const actionText = firstHeader(group, 'action')?.toLowerCase().split(/[\s(]/)[0] ?? '';
  const action = DSN_ACTIONS.find((known) => known === actionText) ?? null;
  const diagnosticCode = stripType(firstHeader(group, 'diagnostic-code'));
  const status = statusCode(firstHeader(group, 'status')) ?? statusCode(diagnosticCode);
  return {
    recipient: normaliseAddress(stripType(firstHeader(group, 'final-recipient'))),
    originalRecipient: normaliseAddress(stripType(firstHeader(group, 'original-recipient'))),
    action,
    status,
    diagnosticCode,
    remoteMta: stripType(firstHeader(group, 'remote-mta')),
    outcome: recipientOutcome(action, status, diagnosticCode),
  };
}

/** `rfc822; bob@x` → `bob@x`, `smtp; 550 …` → `550 …` (RFC 3464 typed fields). */
function stripType(value: string | null): string | null {
  if (value === null) return null;
  const text = value.replace(/^[a-z0-9-]+\s*;\s*/i, '').trim();
  return text === '' ? null : text;
}

function statusCode(value: string | null): string | null {
  const match = value ? ENHANCED_CODE.exec(value) : null;
  return match ? `${match[1]}.${match[2]}.${match[3]}` : null;
}

export function recipientOutcome(action: DsnAction | null, status: string | null, diagnosticCode: string | null): RecipientOutcome {
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return 'delivered';
  if (action === 'delayed') return 'transient';
  const codeClass = status?.[0] ?? (diagnosticCode ? BASIC_CODE.exec(diagnosticCode)?.[1]?.[0] : undefined);
  if (codeClass === '5') return 'hard';
  if (codeClass === '4') return 'transient';
  return 'unknown';
}

function overallSeverity(recipients: readonly DsnRecipient[]): BounceSeverity {
  if (recipients.some((entry) => entry.outcome === 'hard')) return 'hard';
  if (recipients.some((entry) => entry.outcome === 'transient')) return 'transient';
  return 'unknown';
}

// Localised subjects of the common MTAs (Postfix, Exim, sendmail, Gmail, Exchange/Outlook, Orange…).
const BOUNCE_SUBJECT =
  /^(undeliverable|undelivered mail|undeliverable mail|delivery status notification \((failure|delay)\)|delivery (status )?notification|mail delivery failed|returned mail|failure notice|delivery failure|message not delivered|delivery has failed|non remis|non distribuable|échec de (la )?(remise|distribution)|message non (remis|délivré|distribué)|rapport de non-remise|notification d'état de (la )?distribution)/i;
const BOUNCE_BODY =
  /could not be delivered|couldn't be delivered|wasn't delivered|was not delivered|delivery (has )?failed|address not found|recipient address rejected|user unknown|no such user|mailbox unavailable|does not exist|recipient not found|unrouteable address|permanent(ly)? (error|failure)|n'a pas pu être (remis|distribué)|adresse introuvable|destinataire introuvable|n'existe pas/i;
const DELAY_BODY = /\bdelay(ed)?\b|will (keep )?(retry|trying)|still trying|temporar(y|ily)|n'a pas encore été remis|nouvelles tentatives/i;
const DAEMON_LOCAL_PART = /^(mailer-daemon|mail-daemon|postmaster|mailer|maildelivery|microsoftexchange[0-9a-f]*|bounces?)$/i;
const DAEMON_NAME = /mail delivery (subsystem|system|service)|mailer[- ]daemon|postmaster|système de distribution/i;

export function detectBounce(mail: InboundMail): BounceVerdict {
  const originalMessageId = findOriginalMessageId(mail);
  if (mail.deliveryReport) {
    const fields = parseDeliveryStatusFields(mail.deliveryReport.deliveryStatus);
    if (fields.recipients.length > 0) {
      if (fields.recipients.every((entry) => entry.outcome === 'delivered')) return { kind: 'delivery_report', recipients: fields.recipients, originalMessageId };
      const failed = fields.recipients.filter((entry) => entry.outcome !== 'delivered');
      return { kind: 'bounce', certainty: 'rfc3464', severity: overallSeverity(failed), recipients: failed, originalMessageId, signals: ['rfc3464'] };
    }
  }
  return detectNonStandardBounce(mail, originalMessageId);
}

function detectNonStandardBounce(mail: InboundMail, originalMessageId: string | null): BounceVerdict {
  const signals: string[] = [];
  const fromLocal = mail.from ? mail.from.address.slice(0, mail.from.address.lastIndexOf('@')) : '';
  if (mail.isDsn) signals.push('content-type:report');
  if (DAEMON_LOCAL_PART.test(fromLocal) || DAEMON_NAME.test(mail.from?.name ?? '')) signals.push('from:mailer-daemon');
  if (isNullReturnPath(mail.headers)) signals.push('return-path:null');
  if (mail.headers['x-failed-recipients'] !== undefined) signals.push('header:x-failed-recipients');
  if (mail.headers['x-ms-exchange-message-is-ndr'] !== undefined) signals.push('header:x-ms-exchange-message-is-ndr');
  const sender = signals.length > 0;
  const subject = BOUNCE_SUBJECT.test(mail.subject);
  const body = BOUNCE_BODY.test(mail.text);
  if (subject) signals.push('subject');
  if (body) signals.push('body');
  // A prospect writing about a delivery ("our delivery failed to arrive") has none of the sender signals.
  const explicitHeader = mail.isDsn || signals.includes('header:x-failed-recipients') || signals.includes('header:x-ms-exchange-message-is-ndr');
  if (!sender || !(subject || body || explicitHeader)) return { kind: 'not_bounce' };
  const recipients = heuristicRecipients(mail);
  const severity = heuristicSeverity(mail);
  return {
    kind: 'bounce',
    certainty: 'heuristic',
    severity,
    recipients: recipients.map((recipient) => ({
      recipient,
      originalRecipient: null,
      action: null,
      status: statusCode(mail.text),
      diagnosticCode: null,
      remoteMta: null,
      outcome: severity,
    })),
    originalMessageId,
    signals,
  };
}

function heuristicSeverity(mail: InboundMail): BounceSeverity {
  const text = `${mail.subject}\n${mail.text}`;
  if (DELAY_BODY.test(text) && !/\(failure\)/i.test(mail.subject)) return 'transient';
  const enhanced = ENHANCED_CODE.exec(text)?.[1];
  const basic = BASIC_CODE.exec(mail.text)?.[1]?.[0];
  const codeClass = enhanced ?? basic;
  if (codeClass === '5') return 'hard';
  if (codeClass === '4') return 'transient';
  return 'unknown';
}

/** Failed addresses: `X-Failed-Recipients` (Exim), else addresses on the failure lines of the text. */
function heuristicRecipients(mail: InboundMail): string[] {
  const ours = new Set([...mail.to, ...mail.cc].map((entry) => entry.address));
  const listed = (mail.headers['x-failed-recipients'] ?? '').split(',').map(normaliseAddress).filter((address) => address !== null);
  if (listed.length > 0) return [...new Set(listed)];
  const found: string[] = [];
  for (const line of mail.text.split(/\r?\n/).slice(0, 200)) {
    if (!BOUNCE_BODY.test(line) && !/^\s*<[^>]+>\s*:/.test(line) && !/\b(to|à)\s*:?\s*<?[^\s<>@]+@/i.test(line)) continue;
    for (const candidate of line.match(/[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[a-z]{2,}/gi) ?? []) {
      const address = normaliseAddress(candidate.replace(/\.$/, ''));
      if (address && !ours.has(address) && address !== mail.from?.address && !found.includes(address)) found.push(address);
    }
  }
  return found.slice(0, 20);
}

function findOriginalMessageId(mail: InboundMail): string | null {
  const returned = mail.deliveryReport?.returnedHeaders;
  if (returned) {
    const id = normaliseMessageId(firstHeader(parseHeaderBlock(returned), 'message-id'));
    if (id) return id;
  }
  if (mail.inReplyTo) return mail.inReplyTo;
  const inline = /^[ \t>]*Message-ID:\s*(<[^<>\s]+>)/im.exec(mail.text);
  const fromText = normaliseMessageId(inline?.[1]);
  // The report's own id is never the original: a text quoting the report's headers would say so.
  return fromText && fromText !== mail.messageId ? fromText : (mail.references.at(-1) ?? null);
}

