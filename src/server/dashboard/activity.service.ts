import type { Db } from '../db/database.js';
import { eventFeed, type EventFeedItem } from '../events/event-feed.js';

/** What the activity stream shows: what the AI and the mail flow did, and pipeline moves. */
export const ACTIVITY_EVENT_TYPES = [
  'ai.decision',
  'ai.decision_cancelled',
  'ai.reminder_due',
  'ai.reminder_cancelled',
  'message.sent',
  'message.received',
  'meeting.booked',
  'meeting.rescheduled',
  'meeting.cancelled',
  'prospect.stage_changed',
  'prospects.imported',
  'campaign.created',
  'campaign.status_changed',
  'job.failed',
] as const;

export function getActivity(db: Db, workspaceId: string, input: { before?: number; limit: number }): Promise<EventFeedItem[]> {
  return eventFeed(db, workspaceId, { types: ACTIVITY_EVENT_TYPES, before: input.before, limit: input.limit });
}
