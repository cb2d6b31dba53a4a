import { describe, expect, it } from 'vitest';
import { signCalcom, verifyCalcomSignature } from '../integrations/webhook-signatures.js';
import { parseCalcomWebhook } from './calcom-webhook.js';

const PROSPECT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

/** A BOOKING_CREATED delivery as Cal.com sends it (docs/developing/guides/automation/webhooks.mdx). */
function booking(triggerEvent: string, overrides: Record<string, unknown> = {}) {
  return {
    triggerEvent,
    createdAt: '2025-01-14T10:00:00.000Z',
    payload: {
      type: '30min',
      title: '30 Min Meeting between Alice and Bob Martin',
      startTime: '2025-01-21T14:00:00Z',
      endTime: '2025-01-21T14:30:00Z',
      organizer: { id: 5, name: 'Alice', email: 'alice@ourco.example', username: 'alice', timeZone: 'Europe/Paris' },
      attendees: [
        { email: 'alice@ourco.example', name: 'Alice', timeZone: 'Europe/Paris', language: { locale: 'fr' } },
        { email: 'Bob@Prospect.example', name: 'Bob Martin', timeZone: 'Europe/Paris', language: { locale: 'en' } },
      ],
      responses: { name: { value: 'Bob Martin' }, email: { value: 'bob@prospect.example' } },
      uid: 'bk_8FqQ2pYt',
      bookingId: 1234,
      eventTypeId: 42,
      status: 'ACCEPTED',
      location: 'integrations:daily',
      metadata: { videoCallUrl: 'https://app.cal.com/video/bk_8FqQ2pYt', prospectId: PROSPECT_ID },
      ...overrides,
    },
  };
}

describe('parseCalcomWebhook', () => {
  it('normalises BOOKING_CREATED, with the prospect hint from metadata and the video link', () => {
    expect(parseCalcomWebhook(booking('BOOKING_CREATED'))).toEqual({
      kind: 'event',
      event: {
        provider: 'calcom',
        kind: 'created',
        externalId: 'bk_8FqQ2pYt',
        previousExternalId: null,
        attendeeEmail: 'bob@prospect.example',
        attendeeName: 'Bob Martin',
        startsAt: new Date('2025-01-21T14:00:00Z'),
        endsAt: new Date('2025-01-21T14:30:00Z'),
        joinUrl: 'https://app.cal.com/video/bk_8FqQ2pYt',
        title: '30 Min Meeting between Alice and Bob Martin',
        prospectIdHint: PROSPECT_ID,
        cancellationReason: null,
        occurredAt: new Date('2025-01-14T10:00:00.000Z'),
      },
    });
  });

  it('carries the replaced booking of a reschedule and the reason of a cancellation', () => {
    const rescheduled = parseCalcomWebhook(booking('BOOKING_RESCHEDULED', { uid: 'bk_new', rescheduleUid: 'bk_8FqQ2pYt', startTime: '2025-01-22T09:00:00Z' }));
    expect(rescheduled).toMatchObject({ kind: 'event', event: { kind: 'rescheduled', externalId: 'bk_new', previousExternalId: 'bk_8FqQ2pYt', startsAt: new Date('2025-01-22T09:00:00Z') } });
    const cancelled = parseCalcomWebhook(booking('BOOKING_CANCELLED', { cancellationReason: 'Conflict, sorry' }));
    expect(cancelled).toMatchObject({ kind: 'event', event: { kind: 'cancelled', cancellationReason: 'Conflict, sorry', previousExternalId: null } });
  });

  it('finds the attendee without booking responses, never picking the organiser; reads a split name', () => {
    const noResponses = parseCalcomWebhook(booking('BOOKING_CREATED', { responses: undefined }));
    expect(noResponses).toMatchObject({ event: { attendeeEmail: 'bob@prospect.example', attendeeName: 'Bob Martin' } });
    const splitName = parseCalcomWebhook(booking('BOOKING_CREATED', { responses: { name: { value: { firstName: 'Bob', lastName: 'Martin' } }, email: { value: 'bob@prospect.example' } } }));
    expect(splitName).toMatchObject({ event: { attendeeName: 'Bob Martin' } });
  });

  it('keeps only http(s) join links and UUID prospect hints', () => {
    const event = parseCalcomWebhook(booking('BOOKING_CREATED', { location: 'https://meet.example/abc', metadata: { prospectId: "1' or '1'='1" } }));
    expect(event).toMatchObject({ event: { joinUrl: 'https://meet.example/abc', prospectIdHint: null } });
    const phone = parseCalcomWebhook(booking('BOOKING_CREATED', { location: '+33 1 23 45 67 89', metadata: { videoCallUrl: 'javascript:alert(1)' } }));
    expect(phone).toMatchObject({ event: { joinUrl: null, prospectIdHint: null } });
  });

  it('ignores PING and the events it does not use, as typed results rather than errors', () => {
    expect(parseCalcomWebhook({ triggerEvent: 'PING', createdAt: '2025-01-14T10:00:00Z', payload: { type: 'Test' } })).toEqual({ kind: 'ignored', eventType: 'PING', reason: 'ping' });
    for (const eventType of ['BOOKING_REQUESTED', 'BOOKING_REJECTED', 'MEETING_ENDED', 'constructor', '__proto__']) {
      expect(parseCalcomWebhook(booking(eventType))).toEqual({ kind: 'ignored', eventType, reason: 'unsupported_event' });
    }
  });

  it('refuses a booking without attendee, uid or start time, and oversized or NUL-bearing fields', () => {
    expect(parseCalcomWebhook({ payload: {} })).toMatchObject({ kind: 'invalid', issues: [{ path: 'triggerEvent' }] });
    expect(parseCalcomWebhook(booking('BOOKING_CREATED', { uid: undefined }))).toMatchObject({ kind: 'invalid', issues: [{ path: 'payload.uid' }] });
    expect(parseCalcomWebhook(booking('BOOKING_CREATED', { attendees: [{ email: 'alice@ourco.example' }], responses: null }))).toEqual({
      kind: 'invalid',
      issues: [{ path: 'payload.attendees', message: 'no attendee email address' }],
    });
    expect(parseCalcomWebhook(booking('BOOKING_CREATED', { startTime: 'next tuesday' }))).toMatchObject({ kind: 'invalid', issues: [{ path: 'payload.startTime' }] });
    expect(parseCalcomWebhook(booking('BOOKING_CREATED', { title: 'x'.repeat(501) }))).toMatchObject({ kind: 'invalid', issues: [{ path: 'payload.title' }] });
    expect(parseCalcomWebhook(booking('BOOKING_CREATED', { cancellationReason: 'a\u0000b' }))).toMatchObject({ kind: 'invalid', issues: [{ path: 'payload.cancellationReason' }] });
    expect(parseCalcomWebhook(null)).toMatchObject({ kind: 'invalid' });
  });

  it('goes with the signature check: a body signed with the secret verifies, then parses', () => {
    const rawBody = JSON.stringify(booking('BOOKING_CREATED'));
    const header = signCalcom('cal-secret', rawBody);
    expect(verifyCalcomSignature({ rawBody, header, secret: 'cal-secret' })).toEqual({ ok: true });
    expect(parseCalcomWebhook(JSON.parse(rawBody))).toMatchObject({ kind: 'event' });
  });
});
