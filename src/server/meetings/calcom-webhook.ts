import { z } from 'zod';
import { payloadIssues, payloadText } from '../integrations/payload-text.js';
import { normaliseAddress } from '../replies/mail-headers.js';
import { joinUrl, parseInstant, prospectIdHint, type MeetingEventKind, type MeetingWebhookResult } from './meeting-event.js';

/**
 * Cal.com webhook bodies: `{triggerEvent, createdAt, payload}`. Verify `X-Cal-Signature-256`
 * (integrations/webhook-signatures.ts) on the raw body first. The booking link carries the
 * prospect as `metadata[prospectId]=<uuid>`, which comes back as `payload.metadata.prospectId`.
 *
 * BOOKING_REQUESTED (awaiting the organiser's confirmation) and BOOKING_REJECTED are ignored: only
 * a confirmed booking becomes a meeting, and a rejected request never was one.
 */
export const CALCOM_PROSPECT_METADATA_KEY = 'prospectId';

// A Map, not an object literal: `triggerEvent: "constructor"` must not find Object.prototype's.
const KINDS = new Map<string, MeetingEventKind>([
  ['BOOKING_CREATED', 'created'],
  ['BOOKING_RESCHEDULED', 'rescheduled'],
  ['BOOKING_CANCELLED', 'cancelled'],
]);

const text = (max: number) => payloadText(max).nullish();
const nameValue = z.union([payloadText(200), z.object({ firstName: text(100), lastName: text(100) })]);

const envelopeSchema = z.object({ triggerEvent: payloadText(100), createdAt: text(100), payload: z.unknown().optional() });

const bookingSchema = z.object({
  uid: payloadText(200).min(1),
  title: text(500),
  startTime: payloadText(100),
  endTime: text(100),
  attendees: z
    .array(z.object({ email: text(320), name: text(200), timeZone: text(100) }))
    .max(100)
    .nullish(),
  responses: z
    .object({ name: z.object({ value: nameValue.nullish() }).nullish(), email: z.object({ value: text(320) }).nullish() })
    .nullish(),
  organizer: z.object({ email: text(320) }).nullish(),
  location: text(2_000),
  metadata: z.record(payloadText(100), z.unknown()).nullish(),
  rescheduleUid: text(200),
  cancellationReason: text(2_000),
});

function responseName(value: z.infer<typeof nameValue> | null | undefined): string | null {
  if (!value) return null;
  if (typeof value === 'string') return value.trim() || null;
  return [value.firstName, value.lastName].filter(Boolean).join(' ').trim() || null;
}

export function parseCalcomWebhook(json: unknown): MeetingWebhookResult {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'invalid', issues: payloadIssues(envelope.error) };
  const eventType = envelope.data.triggerEvent;
  if (eventType === 'PING') return { kind: 'ignored', eventType, reason: 'ping' };
  const kind = KINDS.get(eventType);
  if (!kind) return { kind: 'ignored', eventType, reason: 'unsupported_event' };

  const parsed = bookingSchema.safeParse(envelope.data.payload);
  if (!parsed.success) return { kind: 'invalid', issues: payloadIssues(parsed.error).map((issue) => ({ ...issue, path: `payload.${issue.path}` })) };
  const booking = parsed.data;
  const organizer = normaliseAddress(booking.organizer?.email);
  // The booker fills the booking form; attendees may also list guests, never the organiser.
  const attendee = (booking.attendees ?? []).find((entry) => {
    const address = normaliseAddress(entry.email);
    return address !== null && address !== organizer;
  });
  const attendeeEmail = normaliseAddress(booking.responses?.email?.value) ?? normaliseAddress(attendee?.email);
  const startsAt = parseInstant(booking.startTime);
  if (!attendeeEmail) return { kind: 'invalid', issues: [{ path: 'payload.attendees', message: 'no attendee email address' }] };
  if (!startsAt) return { kind: 'invalid', issues: [{ path: 'payload.startTime', message: 'must be a date-time' }] };
  const metadata = booking.metadata ?? {};
  const videoCallUrl = typeof metadata.videoCallUrl === 'string' ? metadata.videoCallUrl : null;
  return {
    kind: 'event',
    event: {
      provider: 'calcom',
      kind,
      externalId: booking.uid,
      previousExternalId: kind === 'rescheduled' ? (booking.rescheduleUid ?? null) : null,
      attendeeEmail,
      attendeeName: responseName(booking.responses?.name?.value) ?? (attendee?.name?.trim() || null),
      startsAt,
      endsAt: parseInstant(booking.endTime),
      joinUrl: joinUrl(videoCallUrl, booking.location),
      title: booking.title?.trim() ?? '',
      prospectIdHint: prospectIdHint(metadata[CALCOM_PROSPECT_METADATA_KEY]),
      cancellationReason: kind === 'cancelled' ? (booking.cancellationReason?.trim() || null) : null,
      occurredAt: parseInstant(envelope.data.createdAt),
    },
  };
}
