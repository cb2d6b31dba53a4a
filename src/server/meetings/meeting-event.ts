import type { PayloadIssue } from '../integrations/payload-text.js';

/**
 * A booking change from Cal.com or Calendly, in one shape for the meetings service. A reschedule
 * carries the booking it replaces (`previousExternalId`): update that meeting when it exists,
 * create this one otherwise.
 */
export type MeetingEventKind = 'created' | 'rescheduled' | 'cancelled';

export type MeetingEvent = {
  provider: 'calcom' | 'calendly';
  kind: MeetingEventKind;
  /** Cal.com booking `uid`; Calendly invitee `uri`. */
  externalId: string;
  previousExternalId: string | null;
  attendeeEmail: string;
  attendeeName: string | null;
  startsAt: Date;
  endsAt: Date | null;
  joinUrl: string | null;
  title: string;
  /** The prospect id our booking link carried (Cal.com metadata, Calendly utm_content); a UUID or null. */
  prospectIdHint: string | null;
  cancellationReason: string | null;
  occurredAt: Date | null;
};

export type MeetingWebhookResult =
  | { kind: 'event'; event: MeetingEvent }
  /** Answer 200 and store nothing: a test delivery, an event we do not use, or the cancel half of a Calendly reschedule. */
  | { kind: 'ignored'; eventType: string; reason: 'ping' | 'unsupported_event' | 'rescheduled' }
  | { kind: 'invalid'; issues: PayloadIssue[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function prospectIdHint(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value.trim()) ? value.trim().toLowerCase() : null;
}

/** Only http(s) links become a "join" button; anything else (a phone number, "integrations:daily") is not a URL to open. */
export function joinUrl(...candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate.trim());
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
    } catch {
      // not a URL: try the next candidate
    }
  }
  return null;
}

export function parseInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}
