import { and, asc, eq, sql } from 'drizzle-orm';
import type { ReminderStatus } from '../../shared/enums.js';
import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';
import { aiDecisions, prospects } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { prospectReminders, reminderColumns } from './reminders.queries.js';

/**
 * What a person does with a reminder before its day: see it, move it, cancel it. Workspace-scoped
 * by the caller's `db` (RLS) and by the row itself: another tenant's id is "not found".
 */
const DAY_MS = 86_400_000;

const toView = (row: { id: string; prospectId: string; remindAt: Date | null; status: ReminderStatus | null; cancelReason: string | null; reasons: { code: string; params: Record<string, string> }[]; createdAt: Date; followUpDecisionId?: string | null }) => ({
  id: row.id,
  prospectId: row.prospectId,
  remindAt: row.remindAt,
  date: row.remindAt ? row.remindAt.toISOString().slice(0, 10) : null,
  status: row.status ?? 'scheduled',
  cancelReason: row.cancelReason,
  reasons: row.reasons.map((reason) => ({ code: reason.code, params: reason.params })),
  createdAt: row.createdAt,
  followUpDecisionId: row.followUpDecisionId ?? null,
});
export type ReminderView = ReturnType<typeof toView>;

export async function listProspectReminders(db: Db, prospectId: string): Promise<ReminderView[]> {
  const [prospect] = await db.select({ id: prospects.id }).from(prospects).where(eq(prospects.id, prospectId));
  if (!prospect) throw notFound('Prospect');
  return (await prospectReminders(db, prospectId)).map(toView);
}

/** Reminders still waiting, soonest first, with who they are for. */
export async function listUpcomingReminders(db: Db, limit: number) {
  const rows = await db
    .select({ ...reminderColumns, prospectName: sql<string | null>`${prospectDisplayName}`, prospectEmail: prospects.email })
    .from(aiDecisions)
    .innerJoin(prospects, eq(prospects.id, aiDecisions.prospectId))
    .where(eq(aiDecisions.reminderStatus, 'scheduled'))
    .orderBy(asc(aiDecisions.remindAt), asc(aiDecisions.id))
    .limit(limit);
  return rows.map((row) => ({ ...toView(row), prospectName: row.prospectName, prospectEmail: row.prospectEmail }));
}

async function lockReminder(db: Db, id: string) {
  const [row] = await db.select().from(aiDecisions).where(and(eq(aiDecisions.id, id), sql`${aiDecisions.reminderStatus} is not null`)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 'Reminder not found', { reason: 'reminder.not_found' });
  return row;
}

/**
 * A new day (`YYYY-MM-DD`, today or later). A reminder a person cancelled can be set again; one
 * already acted on, or cancelled because the prospect replied or opted out, cannot.
 */
export async function rescheduleReminder(db: Db, actor: Actor, id: string, date: string, now = new Date()): Promise<ReminderView> {
  const row = await lockReminder(db, id);
  const reopenable = row.reminderStatus === 'cancelled' && row.reminderCancelReason === 'user';
  if (row.reminderStatus !== 'scheduled' && !reopenable) {
    throw new AppError('CONFLICT', `This reminder is ${row.reminderStatus}: it can no longer be changed`, { reason: 'reminder.not_changeable', params: { status: row.reminderStatus ?? 'cancelled' } });
  }
  const at = new Date(`${date}T00:00:00.000Z`);
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  if (Number.isNaN(at.getTime()) || at.getTime() < today) throw new AppError('BAD_REQUEST', 'The reminder day must be today or later', { reason: 'reminder.date_past' });
  const [updated] = await db
    .update(aiDecisions)
    .set({ remindAt: at, reminderStatus: 'scheduled', reminderCancelReason: null, updatedAt: now })
    .where(eq(aiDecisions.id, id))
    .returning(reminderColumns);
  if (!updated) throw new AppError('NOT_FOUND', 'Reminder not found', { reason: 'reminder.not_found' });
  await recordEvent(db, { workspaceId: actor.workspaceId, type: 'ai.reminder_rescheduled', actorUserId: actor.userId, prospectId: row.prospectId, data: { decisionId: id, date, previous: row.remindAt?.toISOString().slice(0, 10) ?? null } });
  return toView(updated);
}

export async function cancelReminder(db: Db, actor: Actor, id: string): Promise<ReminderView> {
  const row = await lockReminder(db, id);
  if (row.reminderStatus !== 'scheduled') {
    throw new AppError('CONFLICT', `This reminder is ${row.reminderStatus}: it can no longer be changed`, { reason: 'reminder.not_changeable', params: { status: row.reminderStatus ?? 'cancelled' } });
  }
  const [updated] = await db.update(aiDecisions).set({ reminderStatus: 'cancelled', reminderCancelReason: 'user', updatedAt: new Date() }).where(eq(aiDecisions.id, id)).returning(reminderColumns);
  if (!updated) throw new AppError('NOT_FOUND', 'Reminder not found', { reason: 'reminder.not_found' });
  await recordEvent(db, { workspaceId: actor.workspaceId, type: 'ai.reminder_cancelled', actorUserId: actor.userId, prospectId: row.prospectId, data: { decisionId: id, reason: 'user' } });
  return toView(updated);
}
