import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { aiDecisions, mailboxes, messages, prospects, reviewItems, workspaces } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { isSuppressed } from '../sending/send-context.queries.js';
import { agentForCampaign, profileOrDefault, type DecideDeps } from './decision.service.js';
import { decisionReason } from './reasons.js';
import { draftReminder, type ReminderDraft } from './reminder-draft.js';
import { dueReminders, reminderObstacle, type ReminderCancelReason } from './reminders.queries.js';
import { loadReplyModel } from './reply-model.js';

/**
 * Due `not_now` reminders, for one workspace: each becomes one review item carrying a drafted
 * follow-up (never sent without a person), or is cancelled when the prospect has since replied,
 * booked, opted out, bounced, been suppressed or erased. Read → draft (no transaction: the model
 * may take seconds) → record under the reminder's row lock, re-checked, so two ticks or two
 * instances make one follow-up (and the unique `reminder_of` index would refuse a second).
 */
export type DueRemindersResult = { drafted: number; cancelled: number; skipped: number };

const BATCH = 50;

type Reminder = Awaited<ReturnType<typeof dueReminders>>[number];

async function cancelDue(db: Db, reminder: Reminder, why: ReminderCancelReason): Promise<boolean> {
  const [row] = await db
    .update(aiDecisions)
    .set({ reminderStatus: 'cancelled', reminderCancelReason: why, updatedAt: new Date() })
    .where(and(eq(aiDecisions.id, reminder.id), eq(aiDecisions.reminderStatus, 'scheduled')))
    .returning({ workspaceId: aiDecisions.workspaceId });
  if (!row) return false;
  await recordEvent(db, { workspaceId: row.workspaceId, type: 'ai.reminder_cancelled', prospectId: reminder.prospectId, data: { decisionId: reminder.id, reason: why } });
  return true;
}

async function obstacleOf(db: Db, reminder: Reminder): Promise<ReminderCancelReason | null> {
  const obstacle = await reminderObstacle(db, reminder);
  if (obstacle) return obstacle;
  const [prospect] = await db.select({ email: prospects.email }).from(prospects).where(eq(prospects.id, reminder.prospectId));
  return prospect?.email && (await isSuppressed(db, prospect.email)) ? 'suppressed' : null;
}

async function loadDraftContext(db: Db, reminder: Reminder) {
  const [message] = await db.select().from(messages).where(eq(messages.id, reminder.messageId));
  const [prospect] = await db.select().from(prospects).where(eq(prospects.id, reminder.prospectId));
  if (!message || !prospect) return null;
  const agent = await agentForCampaign(db, message.campaignId);
  const [mailbox] = message.mailboxId ? await db.select().from(mailboxes).where(eq(mailboxes.id, message.mailboxId)) : [];
  const [workspace] = await db.select({ name: workspaces.name, companyName: workspaces.companyName }).from(workspaces).where(eq(workspaces.id, message.workspaceId));
  return { message, prospect, agent, sender: { name: mailbox?.fromName ?? '', company: workspace?.companyName || workspace?.name || '', email: mailbox?.fromEmail } };
}

/** Records the follow-up for review; false when another run got there first or the reminder moved. */
async function recordFollowUp(db: Db, reminder: Reminder, draft: ReminderDraft, agentId: string | null, now: Date): Promise<'drafted' | 'cancelled' | 'skipped'> {
  const [source] = await db.select().from(aiDecisions).where(eq(aiDecisions.id, reminder.id)).for('update');
  if (!source || source.reminderStatus !== 'scheduled' || !source.remindAt || source.remindAt > now) return 'skipped';
  const obstacle = await obstacleOf(db, reminder);
  if (obstacle) return (await cancelDue(db, reminder, obstacle)) ? 'cancelled' : 'skipped';
  const date = source.remindAt.toISOString().slice(0, 10);
  const why = decisionReason('reminder_due', { date });
  const [followUp] = await db
    .insert(aiDecisions)
    .values({
      workspaceId: source.workspaceId,
      messageId: source.messageId,
      prospectId: source.prospectId,
      agentId,
      intent: 'not_now',
      confidence: source.confidence,
      reason: why.text,
      reasons: [{ code: why.code, params: { ...why.params }, text: why.text }],
      action: 'review',
      draftSubject: draft.subject,
      draftBody: draft.body,
      provider: draft.provider,
      model: draft.model,
      status: 'in_review',
      reminderOf: source.id,
    })
    .onConflictDoNothing()
    .returning({ id: aiDecisions.id });
  if (!followUp) return 'skipped';
  const [item] = await db.insert(reviewItems).values({ workspaceId: source.workspaceId, decisionId: followUp.id, prospectId: source.prospectId }).returning({ id: reviewItems.id });
  await db.update(aiDecisions).set({ reminderStatus: 'due', updatedAt: now }).where(eq(aiDecisions.id, source.id));
  const [message] = await db.select({ campaignId: messages.campaignId }).from(messages).where(eq(messages.id, source.messageId));
  await recordEvent(db, {
    workspaceId: source.workspaceId,
    type: 'ai.reminder_due',
    prospectId: source.prospectId,
    campaignId: message?.campaignId ?? null,
    data: { decisionId: followUp.id, reminderOf: source.id, date, reviewItemId: item?.id ?? null, provider: draft.provider, modelError: draft.modelError },
  });
  return 'drafted';
}

export async function processDueReminders(deps: DecideDeps): Promise<DueRemindersResult> {
  const now = deps.now?.() ?? new Date();
  const result: DueRemindersResult = { drafted: 0, cancelled: 0, skipped: 0 };
  const { due, model } = await deps.inWorkspace(async (db) => ({ due: await dueReminders(db, now, BATCH), model: deps.model !== undefined ? deps.model : await loadReplyModel(db, deps) }));
  for (const reminder of due) {
    const prepared = await deps.inWorkspace(async (db) => {
      const obstacle = await obstacleOf(db, reminder);
      if (obstacle) return { cancelled: await cancelDue(db, reminder, obstacle) };
      return { context: await loadDraftContext(db, reminder) };
    });
    if ('cancelled' in prepared) {
      result[prepared.cancelled ? 'cancelled' : 'skipped'] += 1;
      continue;
    }
    const context = prepared.context;
    if (!context) {
      result.skipped += 1;
      continue;
    }
    const draft = await draftReminder({
      agent: profileOrDefault(context.agent),
      prospect: context.prospect,
      sender: context.sender,
      originalText: context.message.bodyText,
      originalSubject: context.message.subject,
      remindAt: reminder.remindAt ?? now,
      model,
    });
    if (draft.modelError) deps.logger.warn({ decisionId: reminder.id, error: draft.modelError }, 'reminder follow-up drafted offline');
    const outcome = await deps.inWorkspace((db) => recordFollowUp(db, reminder, draft, context.agent?.id ?? null, now));
    result[outcome] += 1;
  }
  return result;
}
