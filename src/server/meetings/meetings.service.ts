import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { ProspectStage } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { enrollments, meetings, messages, prospects } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { setProspectStage } from '../prospects/stage.service.js';
import { markFailed } from '../sending/message-states.js';
import type { MeetingEvent } from './meeting-event.js';

/**
 * What a booking change from Cal.com or Calendly does to the workspace (the webhook has been
 * verified and parsed before): the attendee is matched to a prospect (the id our booking link
 * carried, else the email; unknown → a new prospect with source `api`), the meeting is recorded
 * once per provider id, the prospect moves to `meeting_booked`, their sequence stops, and the
 * dashboard hears of it. A cancellation puts the stage back to what it was before the booking
 * (kept on the meeting row); the stopped sequence stays stopped — restarting outreach to someone
 * who just cancelled is a human's decision.
 */
export type MeetingOutcome =
  | { kind: 'created' | 'rescheduled' | 'cancelled'; meetingId: string; prospectId: string | null; prospectCreated: boolean }
  /** Redelivery of something already recorded: nothing changed. */
  | { kind: 'duplicate'; meetingId: string }
  /** A cancellation of a booking we never recorded. */
  | { kind: 'unknown_meeting' };

type MeetingRow = typeof meetings.$inferSelect;
type ProspectRow = { id: string; stage: ProspectStage; campaignId: string | null };

/** Stages a booking never moves a prospect out of: a won deal stays won. */
const KEEP_STAGES: ReadonlySet<ProspectStage> = new Set(['won']);

async function findMeeting(db: Db, provider: MeetingEvent['provider'], externalId: string): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(and(eq(meetings.provider, provider), eq(meetings.externalId, externalId))).limit(1);
  return row;
}

function splitName(name: string | null): { firstName: string | null; lastName: string | null; fullName: string | null } {
  if (!name) return { firstName: null, lastName: null, fullName: null };
  const [first, ...rest] = name.trim().split(/\s+/);
  return { firstName: first ?? null, lastName: rest.length ? rest.join(' ') : null, fullName: name.trim() };
}

/** The booking link's prospect id when it is one of ours, else the attendee's email; otherwise a new prospect. */
async function matchProspect(db: Db, workspaceId: string, event: MeetingEvent): Promise<{ prospect: ProspectRow; created: boolean }> {
  const columns = { id: prospects.id, stage: prospects.stage, campaignId: prospects.campaignId };
  if (event.prospectIdHint) {
    const [byId] = await db.select(columns).from(prospects).where(eq(prospects.id, event.prospectIdHint));
    if (byId) return { prospect: byId, created: false };
  }
  const [byEmail] = await db.select(columns).from(prospects).where(sql`lower(${prospects.email}) = ${event.attendeeEmail}`).limit(1);
  if (byEmail) return { prospect: byEmail, created: false };
  const [inserted] = await db
    .insert(prospects)
    .values({ workspaceId, email: event.attendeeEmail, source: 'api', ...splitName(event.attendeeName) })
    .onConflictDoNothing()
    .returning(columns);
  if (inserted) {
    await recordEvent(db, { workspaceId, type: 'prospect.created', prospectId: inserted.id, data: { source: 'api', via: event.provider } });
    return { prospect: inserted, created: true };
  }
  // Inserted by a concurrent delivery between our read and our write.
  const [raced] = await db.select(columns).from(prospects).where(sql`lower(${prospects.email}) = ${event.attendeeEmail}`).limit(1);
  if (!raced) throw new Error('prospect vanished while matching a meeting attendee');
  return { prospect: raced, created: false };
}

/** The campaign the meeting is credited to: the prospect's current one, else their latest enrolment's. */
async function campaignOf(db: Db, prospect: ProspectRow): Promise<string | null> {
  if (prospect.campaignId) return prospect.campaignId;
  const [latest] = await db.select({ campaignId: enrollments.campaignId }).from(enrollments).where(eq(enrollments.prospectId, prospect.id)).orderBy(desc(enrollments.createdAt)).limit(1);
  return latest?.campaignId ?? null;
}

/** Stops every running sequence of the prospect and fails what was still scheduled for them. */
async function stopSequences(db: Db, prospectId: string): Promise<number> {
  const stopped = await db
    .update(enrollments)
    .set({ state: 'stopped', stoppedReason: 'meeting_booked', nextRunAt: null })
    .where(and(eq(enrollments.prospectId, prospectId), inArray(enrollments.state, ['active', 'paused'])))
    .returning({ id: enrollments.id });
  const pending = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.prospectId, prospectId), eq(messages.direction, 'outbound'), eq(messages.state, 'scheduled')));
  for (const message of pending) await markFailed(db, message.id, 'Not sent: a meeting was booked', { from: ['scheduled'] });
  return stopped.length;
}

function eventData(meeting: Pick<MeetingRow, 'id' | 'provider' | 'startsAt' | 'title' | 'joinUrl'>, extra: Record<string, unknown> = {}) {
  return { meetingId: meeting.id, provider: meeting.provider, startsAt: meeting.startsAt.toISOString(), title: meeting.title, joinUrl: meeting.joinUrl, ...extra };
}

async function book(db: Db, workspaceId: string, event: MeetingEvent): Promise<MeetingOutcome> {
  const { prospect, created } = await matchProspect(db, workspaceId, event);
  // Already at meeting_booked through another live meeting: inherit that meeting's "before".
  let previousStage: ProspectStage = prospect.stage;
  if (prospect.stage === 'meeting_booked') {
    const [other] = await db
      .select({ previousStage: meetings.previousStage })
      .from(meetings)
      .where(and(eq(meetings.prospectId, prospect.id), ne(meetings.status, 'cancelled')))
      .orderBy(desc(meetings.createdAt))
      .limit(1);
    previousStage = other?.previousStage ?? 'replied';
  }
  const [row] = await db
    .insert(meetings)
    .values({
      workspaceId,
      prospectId: prospect.id,
      campaignId: await campaignOf(db, prospect),
      provider: event.provider,
      externalId: event.externalId,
      title: event.title,
      attendeeEmail: event.attendeeEmail,
      attendeeName: event.attendeeName,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      joinUrl: event.joinUrl,
      status: 'scheduled',
      previousStage,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const existing = await findMeeting(db, event.provider, event.externalId);
    return { kind: 'duplicate', meetingId: existing!.id };
  }
  if (!KEEP_STAGES.has(prospect.stage)) await setProspectStage(db, { workspaceId, prospectId: prospect.id, stage: 'meeting_booked', actorUserId: null, reason: 'meeting_booked' });
  const stopped = await stopSequences(db, prospect.id);
  await recordEvent(db, { workspaceId, type: 'meeting.booked', prospectId: prospect.id, campaignId: row.campaignId, data: eventData(row, { sequencesStopped: stopped }) });
  return { kind: 'created', meetingId: row.id, prospectId: prospect.id, prospectCreated: created };
}

async function reschedule(db: Db, workspaceId: string, event: MeetingEvent): Promise<MeetingOutcome> {
  const current = await findMeeting(db, event.provider, event.externalId);
  if (current) {
    const same = current.startsAt.getTime() === event.startsAt.getTime() && (current.endsAt?.getTime() ?? null) === (event.endsAt?.getTime() ?? null);
    if (same) return { kind: 'duplicate', meetingId: current.id };
  }
  const previous = current ?? (event.previousExternalId ? await findMeeting(db, event.provider, event.previousExternalId) : undefined);
  // A reschedule of a booking we never saw is a booking.
  if (!previous) return book(db, workspaceId, event);
  const [row] = await db
    .update(meetings)
    .set({ externalId: event.externalId, startsAt: event.startsAt, endsAt: event.endsAt, joinUrl: event.joinUrl ?? previous.joinUrl, title: event.title || previous.title, status: 'rescheduled', cancelledAt: null, cancellationReason: null })
    .where(eq(meetings.id, previous.id))
    .returning();
  if (previous.status === 'cancelled' && previous.prospectId) {
    await setProspectStage(db, { workspaceId, prospectId: previous.prospectId, stage: 'meeting_booked', actorUserId: null, reason: 'meeting_booked' });
  }
  await recordEvent(db, { workspaceId, type: 'meeting.rescheduled', prospectId: row!.prospectId, campaignId: row!.campaignId, data: eventData(row!, { previousStartsAt: previous.startsAt.toISOString() }) });
  return { kind: 'rescheduled', meetingId: row!.id, prospectId: row!.prospectId, prospectCreated: false };
}

async function cancel(db: Db, workspaceId: string, event: MeetingEvent, now: Date): Promise<MeetingOutcome> {
  const meeting = await findMeeting(db, event.provider, event.externalId);
  if (!meeting) return { kind: 'unknown_meeting' };
  if (meeting.status === 'cancelled') return { kind: 'duplicate', meetingId: meeting.id };
  const [row] = await db.update(meetings).set({ status: 'cancelled', cancelledAt: now, cancellationReason: event.cancellationReason }).where(eq(meetings.id, meeting.id)).returning();
  if (meeting.prospectId) {
    const [stillBooked] = await db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.prospectId, meeting.prospectId), ne(meetings.status, 'cancelled')))
      .limit(1);
    const [prospect] = await db.select({ stage: prospects.stage }).from(prospects).where(eq(prospects.id, meeting.prospectId));
    if (!stillBooked && prospect?.stage === 'meeting_booked') {
      await setProspectStage(db, { workspaceId, prospectId: meeting.prospectId, stage: meeting.previousStage ?? 'replied', actorUserId: null, reason: 'meeting_cancelled' });
    }
  }
  await recordEvent(db, { workspaceId, type: 'meeting.cancelled', prospectId: row!.prospectId, campaignId: row!.campaignId, data: eventData(row!, { reason: event.cancellationReason }) });
  return { kind: 'cancelled', meetingId: row!.id, prospectId: row!.prospectId, prospectCreated: false };
}

/** Applies one verified, parsed booking change inside the workspace's scope. */
export async function applyMeetingEvent(db: Db, workspaceId: string, event: MeetingEvent, now: Date = new Date()): Promise<MeetingOutcome> {
  if (event.kind === 'created') {
    const existing = await findMeeting(db, event.provider, event.externalId);
    return existing ? { kind: 'duplicate', meetingId: existing.id } : book(db, workspaceId, event);
  }
  if (event.kind === 'rescheduled') return reschedule(db, workspaceId, event);
  return cancel(db, workspaceId, event, now);
}
