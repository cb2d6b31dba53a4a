import { z } from 'zod';
import { payloadIssues, payloadText } from '../integrations/payload-text.js';
import { normaliseAddress } from '../replies/mail-headers.js';
import { joinUrl, parseInstant, prospectIdHint, type MeetingWebhookResult } from './meeting-event.js';

/**
 * Calendly webhook bodies: `{event, created_at, created_by, payload: invitee}`. Verify
 * `Calendly-Webhook-Signature` (integrations/webhook-signatures.ts) on the raw body first.
 *
 * A reschedule arrives as two deliveries: `invitee.canceled` with `rescheduled: true` (ignored
 * here: the meeting is moving, not cancelled, so the stage must not revert), then
 * `invitee.created` for a new invitee whose `old_invitee` names the previous one (→ `rescheduled`).
 * Our booking links carry the prospect id as `utm_content`, returned in `payload.tracking`.
 */
export const CALENDLY_PROSPECT_TRACKING_KEY = 'utm_content';

const text = (max: number) => payloadText(max).nullish();
const envelopeSchema = z.object({ event: payloadText(100), created_at: text(100), payload: z.unknown().optional() });

const inviteeSchema = z.object({
  uri: payloadText(500).min(1),
  email: payloadText(320),
  name: text(200),
  first_name: text(100),
  last_name: text(100),
  rescheduled: z.boolean().nullish(),
  old_invitee: text(500),
  scheduled_event: z.object({
    uri: text(500),
    name: text(500),
    start_time: payloadText(100),
    end_time: text(100),
    location: z.object({ type: text(100), location: text(2_000), join_url: text(2_000) }).nullish(),
  }),
  tracking: z
    .object({ utm_campaign: text(500), utm_source: text(500), utm_medium: text(500), utm_content: text(500), utm_term: text(500) })
    .nullish(),
  cancellation: z.object({ canceled_by: text(200), reason: text(2_000) }).nullish(),
});

export function parseCalendlyWebhook(json: unknown): MeetingWebhookResult {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'invalid', issues: payloadIssues(envelope.error) };
  const eventType = envelope.data.event;
  if (eventType !== 'invitee.created' && eventType !== 'invitee.canceled') return { kind: 'ignored', eventType, reason: 'unsupported_event' };

  const parsed = inviteeSchema.safeParse(envelope.data.payload);
  if (!parsed.success) return { kind: 'invalid', issues: payloadIssues(parsed.error).map((issue) => ({ ...issue, path: `payload.${issue.path}` })) };
  const invitee = parsed.data;
  if (eventType === 'invitee.canceled' && invitee.rescheduled === true) return { kind: 'ignored', eventType, reason: 'rescheduled' };
  const attendeeEmail = normaliseAddress(invitee.email);
  if (!attendeeEmail) return { kind: 'invalid', issues: [{ path: 'payload.email', message: 'must be an email address' }] };
  const startsAt = parseInstant(invitee.scheduled_event.start_time);
  if (!startsAt) return { kind: 'invalid', issues: [{ path: 'payload.scheduled_event.start_time', message: 'must be a date-time' }] };
  const previous = eventType === 'invitee.created' ? (invitee.old_invitee?.trim() || null) : null;
  const location = invitee.scheduled_event.location;
  const name = invitee.name?.trim() || [invitee.first_name, invitee.last_name].filter(Boolean).join(' ').trim() || null;
  return {
    kind: 'event',
    event: {
      provider: 'calendly',
      kind: eventType === 'invitee.canceled' ? 'cancelled' : previous ? 'rescheduled' : 'created',
      externalId: invitee.uri,
      previousExternalId: previous,
      attendeeEmail,
      attendeeName: name,
      startsAt,
      endsAt: parseInstant(invitee.scheduled_event.end_time),
      joinUrl: joinUrl(location?.join_url, location?.location),
      title: invitee.scheduled_event.name?.trim() ?? '',
      prospectIdHint: prospectIdHint(invitee.tracking?.[CALENDLY_PROSPECT_TRACKING_KEY]),
      cancellationReason: eventType === 'invitee.canceled' ? (invitee.cancellation?.reason?.trim() || null) : null,
      occurredAt: parseInstant(envelope.data.created_at),
    },
  };
}
