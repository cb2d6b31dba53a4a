import { describe, expect, it } from 'vitest';
import { parseCalendlyWebhook } from './calendly-webhook.js';

const PROSPECT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const INVITEE = 'https://api.calendly.com/scheduled_events/EV123/invitees/INV456';

/** An invitee.created delivery, in the shape of developer.calendly.com's webhook payload. */
function delivery(event: string, payload: Record<string, unknown> = {}) {
  return {
    event,
    created_at: '2025-01-14T10:00:00.000000Z',
    created_by: 'https://api.calendly.com/users/USR1',
    payload: {
      uri: INVITEE,
      email: 'Bob@Prospect.example',
      name: 'Bob Martin',
      first_name: null,
      last_name: null,
      status: 'active',
      timezone: 'Europe/Paris',
      event: 'https://api.calendly.com/scheduled_events/EV123',
      scheduled_event: {
        uri: 'https://api.calendly.com/scheduled_events/EV123',
        name: 'Discovery call',
        start_time: '2025-01-21T14:00:00.000000Z',
        end_time: '2025-01-21T14:30:00.000000Z',
        event_type: 'https://api.calendly.com/event_types/ET1',
        location: { type: 'google_conference', status: 'pushed', join_url: 'https://meet.google.com/abc-defg-hij' },
      },
      questions_and_answers: [{ question: 'Anything to share?', answer: 'Pricing' }],
      tracking: { utm_campaign: null, utm_source: 'sales-machine', utm_medium: null, utm_content: PROSPECT_ID, utm_term: null, salesforce_uuid: null },
      cancel_url: 'https://calendly.com/cancellations/INV456',
      reschedule_url: 'https://calendly.com/reschedulings/INV456',
      rescheduled: false,
      old_invitee: null,
      new_invitee: null,
      cancellation: null,
      ...payload,
    },
  };
}

describe('parseCalendlyWebhook', () => {
  it('normalises invitee.created, the prospect hint from utm_content', () => {
    expect(parseCalendlyWebhook(delivery('invitee.created'))).toEqual({
      kind: 'event',
      event: {
        provider: 'calendly',
        kind: 'created',
        externalId: INVITEE,
        previousExternalId: null,
        attendeeEmail: 'bob@prospect.example',
        attendeeName: 'Bob Martin',
        startsAt: new Date('2025-01-21T14:00:00Z'),
        endsAt: new Date('2025-01-21T14:30:00Z'),
        joinUrl: 'https://meet.google.com/abc-defg-hij',
        title: 'Discovery call',
        prospectIdHint: PROSPECT_ID,
        cancellationReason: null,
        occurredAt: new Date('2025-01-14T10:00:00Z'),
      },
    });
  });

  it('treats a reschedule as one move: the cancel half is ignored, the new invitee names the old one', () => {
    const cancelHalf = parseCalendlyWebhook(delivery('invitee.canceled', { rescheduled: true, new_invitee: `${INVITEE}-2`, cancellation: { canceled_by: 'Bob', reason: null } }));
    expect(cancelHalf).toEqual({ kind: 'ignored', eventType: 'invitee.canceled', reason: 'rescheduled' });
    const createdHalf = parseCalendlyWebhook(delivery('invitee.created', { uri: `${INVITEE}-2`, old_invitee: INVITEE }));
    expect(createdHalf).toMatchObject({ kind: 'event', event: { kind: 'rescheduled', externalId: `${INVITEE}-2`, previousExternalId: INVITEE } });
  });

  it('reports a real cancellation with its reason; builds the name from first and last', () => {
    const cancelled = parseCalendlyWebhook(
      delivery('invitee.canceled', { name: null, first_name: 'Bob', last_name: 'Martin', status: 'canceled', cancellation: { canceled_by: 'Bob Martin', reason: 'No longer needed' } }),
    );
    expect(cancelled).toMatchObject({ kind: 'event', event: { kind: 'cancelled', attendeeName: 'Bob Martin', cancellationReason: 'No longer needed' } });
  });

  it('ignores other events (no-shows, routing forms) as typed results', () => {
    for (const event of ['invitee_no_show.created', 'invitee_no_show.deleted', 'routing_form_submission.created']) {
      expect(parseCalendlyWebhook(delivery(event))).toEqual({ kind: 'ignored', eventType: event, reason: 'unsupported_event' });
    }
  });

  it('refuses a payload without a usable email or start time, and oversized fields', () => {
    expect(parseCalendlyWebhook(delivery('invitee.created', { email: 'not-an-email' }))).toEqual({ kind: 'invalid', issues: [{ path: 'payload.email', message: 'must be an email address' }] });
    const noStart = delivery('invitee.created');
    expect(parseCalendlyWebhook({ ...noStart, payload: { ...noStart.payload, scheduled_event: { name: 'x' } } })).toMatchObject({ kind: 'invalid', issues: [{ path: 'payload.scheduled_event.start_time' }] });
    expect(parseCalendlyWebhook(delivery('invitee.created', { name: 'x'.repeat(201) }))).toMatchObject({ kind: 'invalid', issues: [{ path: 'payload.name' }] });
    expect(parseCalendlyWebhook({ event: 'invitee.created' })).toMatchObject({ kind: 'invalid' });
    expect(parseCalendlyWebhook([])).toMatchObject({ kind: 'invalid', issues: [{ path: '' }] });
  });
});
