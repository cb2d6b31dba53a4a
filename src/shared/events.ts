/**
 * Event types written to `events` (and pushed live over SSE). The dashboard's activity stream and
 * live updates switch on these names; add new ones here.
 */
export const EVENT_TYPES = [
  'prospect.created',
  'prospect.updated',
  'prospect.deleted',
  'prospect.stage_changed',
  'prospects.imported',
  'prospects.bulk_updated',
  'campaign.created',
  'campaign.updated',
  'campaign.status_changed',
  'campaign.deleted',
  'campaign.sequence_saved',
  'campaign.launched',
  'campaign.auto_paused',
  'enrollment.created',
  'prospect.held',
  'prospect.unsubscribed',
  'message.sent',
  'message.failed',
  'message.unknown',
  'message.resolved',
  'message.bounced',
  'message.received',
  'ai.decision',
  'ai.reminder_due',
  'ai.reminder_cancelled',
  'ai.reminder_rescheduled',
  'meeting.booked',
  'job.progress',
  'job.failed',
  'import.progress',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
