import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { campaigns, events, sequenceSteps, stepVariants } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import type { Actor } from '../actor.js';
import { lintStep } from './rules/lint.js';
import { campaignCustomFieldKeys, loadSequence, type StoredStep } from './sequences.queries.js';
import type { PutSequenceInput, SequenceView } from './sequences.schemas.js';

async function campaignFor(db: Db, campaignId: string, lock: boolean) {
  const query = db.select({ id: campaigns.id, status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Campaign');
  return row;
}

function lintSequence(steps: readonly StoredStep[], customFieldKeys: readonly string[]): SequenceView['lint'] {
  return steps.flatMap((step, stepIndex) =>
    [{ subject: step.subject, body: step.body }, ...step.variants].map((version, variantIndex) => ({
      stepIndex,
      variantIndex,
      warnings: lintStep({ stepIndex, subject: version.subject, body: version.body, bodyFormat: step.bodyFormat, customFieldKeys }),
    })),
  );
}

/** Autosave stores a sequence every few seconds: one activity line per person and burst of edits, not one per save. */
const SAVE_EVENT_BURST_MS = 10 * 60_000;

async function recordSave(db: Db, actor: Actor, campaignId: string, steps: number): Promise<void> {
  const since = new Date(Date.now() - SAVE_EVENT_BURST_MS);
  const [recent] = await db
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        eq(events.campaignId, campaignId),
        eq(events.type, 'campaign.sequence_saved'),
        actor.userId ? eq(events.actorUserId, actor.userId) : isNull(events.actorUserId),
        gt(events.createdAt, since),
      ),
    )
    .orderBy(desc(events.id))
    .limit(1);
  if (recent) {
    await db.update(events).set({ data: { steps } }).where(eq(events.id, recent.id));
    return;
  }
  await recordEvent(db, { workspaceId: actor.workspaceId, type: 'campaign.sequence_saved', actorUserId: actor.userId, campaignId, data: { steps } });
}

export async function getSequence(db: Db, campaignId: string): Promise<SequenceView> {
  await campaignFor(db, campaignId, false);
  const steps = await loadSequence(db, campaignId);
  const customFieldKeys = await campaignCustomFieldKeys(db, campaignId);
  return { campaignId, steps, customFieldKeys, lint: lintSequence(steps, customFieldKeys) };
}

/**
 * Replaces the whole sequence (the editor saves it as one document). Allowed while the campaign
 * runs: messages are rendered at send time, so the next one uses the new text. Refused once the
 * campaign is archived or completed (nothing will send again, and history must stay readable).
 */
export async function putSequence(db: Db, actor: Actor, input: PutSequenceInput): Promise<SequenceView> {
  const campaign = await campaignFor(db, input.id, true);
  if (campaign.status === 'archived') throw new AppError('CONFLICT', 'This campaign is archived: it can no longer be edited', { reason: 'campaign.archived_readonly' });
  if (campaign.status === 'completed') throw new AppError('CONFLICT', 'This campaign is completed: its sequence can no longer change', { reason: 'sequence.campaign_completed' });
  await db.delete(sequenceSteps).where(eq(sequenceSteps.campaignId, input.id));
  for (const [position, step] of input.steps.entries()) {
    const [row] = await db
      .insert(sequenceSteps)
      .values({
        workspaceId: actor.workspaceId,
        campaignId: input.id,
        position,
        delayDays: step.delayDays,
        businessDays: step.businessDays,
        subjectTemplate: step.subject,
        bodyTemplate: step.body,
        bodyFormat: step.bodyFormat,
      })
      .returning({ id: sequenceSteps.id });
    if (!row) throw new Error('sequence step insert returned no row');
    if (step.variants.length) {
      await db.insert(stepVariants).values(
        step.variants.map((variant, index) => ({ workspaceId: actor.workspaceId, stepId: row.id, variantIndex: index + 1, subjectTemplate: variant.subject, bodyTemplate: variant.body })),
      );
    }
  }
  await recordSave(db, actor, input.id, input.steps.length);
  return getSequence(db, input.id);
}
