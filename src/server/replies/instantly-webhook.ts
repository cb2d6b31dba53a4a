import { createHash } from 'node:crypto';
import { z } from 'zod';
import { payloadIssues, payloadText, type PayloadIssue } from '../integrations/payload-text.js';
import { htmlToPlainText } from './html-text.js';
import type { InboundMail } from './inbound-mail.js';
import { normaliseAddress } from './mail-headers.js';

/**
 * Instantly webhook bodies (`POST /api/webhooks/instantly`), authenticated first by
 * `verifyInstantlySecret`. A reply becomes an `InboundMail` for the same pipeline as IMAP; bounces
 * and unsubscribes go to the email engine; Instantly's own lead labels are passed on as hints.
 * Instantly sends no Message-ID: one is derived from its `email_id` (or the event's content), so a
 * redelivered event dedupes like a re-read IMAP message. Its threads are matched by campaign and
 * lead, not by headers (the sending account is Instantly's, not one of our mailboxes).
 */
export const INSTANTLY_LEAD_STATUSES = {
  lead_interested: 'interested',
  lead_not_interested: 'not_interested',
  lead_meeting_booked: 'meeting_booked',
  lead_meeting_completed: 'meeting_completed',
  lead_out_of_office: 'out_of_office',
  lead_wrong_person: 'wrong_person',
  lead_closed: 'closed',
} as const;
type LeadStatusEvent = keyof typeof INSTANTLY_LEAD_STATUSES;
export type InstantlyLeadStatus = (typeof INSTANTLY_LEAD_STATUSES)[LeadStatusEvent];

export type InstantlyContext = {
  eventType: string;
  workspace: string | null;
  /** Instantly's campaign id: map it to ours through the campaign's Instantly settings. */
  campaignId: string | null;
  campaignName: string | null;
  emailAccount: string | null;
  step: number | null;
  variant: string | null;
  emailId: string | null;
  occurredAt: Date | null;
};

export type InstantlyWebhookResult =
  | { kind: 'reply'; leadEmail: string; mail: InboundMail; context: InstantlyContext }
  | { kind: 'bounce'; leadEmail: string; context: InstantlyContext }
  | { kind: 'unsubscribe'; leadEmail: string; context: InstantlyContext }
  | { kind: 'lead_status'; status: InstantlyLeadStatus; leadEmail: string; context: InstantlyContext }
  | { kind: 'ignored'; eventType: string; reason: 'unsupported_event' }
  | { kind: 'invalid'; issues: PayloadIssue[] };

const text = (max: number) => payloadText(max).nullish();
const instantlyBodySchema = z.object({
  event_type: payloadText(100),
  timestamp: text(100),
  workspace: text(200),
  campaign_id: text(200),
  campaign_name: text(500),
  lead_email: text(320),
  email_account: text(320),
  step: z.union([z.number().int().min(0).max(10_000), payloadText(20)]).nullish(),
  variant: z.union([z.number().int(), payloadText(20)]).nullish(),
  email_id: text(200),
  reply_subject: text(998),
  reply_text: text(1_000_000),
  reply_text_snippet: text(10_000),
  reply_html: text(3_000_000),
});
type InstantlyBody = z.infer<typeof instantlyBodySchema>;

function isLeadStatusEvent(eventType: string): eventType is LeadStatusEvent {
  return Object.hasOwn(INSTANTLY_LEAD_STATUSES, eventType);
}

function contextOf(body: InstantlyBody): InstantlyContext {
  const step = typeof body.step === 'string' ? Number.parseInt(body.step, 10) : body.step;
  const time = body.timestamp ? Date.parse(body.timestamp) : Number.NaN;
  return {
    eventType: body.event_type,
    workspace: body.workspace ?? null,
    campaignId: body.campaign_id ?? null,
    campaignName: body.campaign_name ?? null,
    emailAccount: normaliseAddress(body.email_account),
    step: step != null && Number.isSafeInteger(step) ? step : null,
    variant: body.variant == null ? null : String(body.variant),
    emailId: body.email_id ?? null,
    occurredAt: Number.isNaN(time) ? null : new Date(time),
  };
}

function replyMail(body: InstantlyBody, leadEmail: string, context: InstantlyContext, rawSize: number): InboundMail {
  const html = body.reply_html?.trim() ? body.reply_html : null;
  const text = body.reply_text?.trim() ? body.reply_text : html ? htmlToPlainText(html) : (body.reply_text_snippet ?? '');
  const identity = context.emailId
    ? `id.${context.emailId.replace(/[^A-Za-z0-9._-]/g, '_')}`
    : `h.${createHash('sha256').update(JSON.stringify([context.workspace, context.campaignId, leadEmail, body.timestamp, text])).digest('hex').slice(0, 40)}`;
  const messageId = `<instantly.${identity}@instantly.invalid>`;
  return {
    messageId,
    inReplyTo: null,
    references: [],
    from: { address: leadEmail, name: '' },
    to: context.emailAccount ? [{ address: context.emailAccount, name: '' }] : [],
    cc: [],
    subject: body.reply_subject?.trim() ?? '',
    date: context.occurredAt,
    text,
    html,
    headers: {},
    isDsn: false,
    deliveryReport: null,
    rawSize,
    dedupeKey: messageId,
  };
}

export function parseInstantlyWebhook(json: unknown, rawSize: number): InstantlyWebhookResult {
  const parsed = instantlyBodySchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', issues: payloadIssues(parsed.error) };
  const body = parsed.data;
  const eventType = body.event_type;
  const known = eventType === 'reply_received' || eventType === 'email_bounced' || eventType === 'lead_unsubscribed' || isLeadStatusEvent(eventType);
  if (!known) return { kind: 'ignored', eventType, reason: 'unsupported_event' };
  const leadEmail = normaliseAddress(body.lead_email);
  if (!leadEmail) return { kind: 'invalid', issues: [{ path: 'lead_email', message: 'must be an email address' }] };
  const context = contextOf(body);
  if (eventType === 'reply_received') return { kind: 'reply', leadEmail, mail: replyMail(body, leadEmail, context, rawSize), context };
  if (eventType === 'email_bounced') return { kind: 'bounce', leadEmail, context };
  if (eventType === 'lead_unsubscribed') return { kind: 'unsubscribe', leadEmail, context };
  if (isLeadStatusEvent(eventType)) return { kind: 'lead_status', status: INSTANTLY_LEAD_STATUSES[eventType], leadEmail, context };
  return { kind: 'ignored', eventType, reason: 'unsupported_event' };
}
