import { eq, sql } from 'drizzle-orm';
import type { ProspectStage } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { prospects } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/events.service.js';

/**
 * Moves a prospect to another pipeline stage and records a `prospect.stage_changed` event (which
 * the dashboard stream and the live Kanban pick up). Unchanged stage: no write, no event.
 */
export async function setProspectStage(
  db: Db,
  input: { workspaceId: string; prospectId: string; stage: ProspectStage; actorUserId: string | null; reason?: string },
): Promise<{ id: string; stage: ProspectStage; previousStage: ProspectStage }> {
  const [current] = await db
    .select({ stage: prospects.stage, campaignId: prospects.campaignId })
    .from(prospects)
    .where(eq(prospects.id, input.prospectId))
    .for('update');
  if (!current) throw new AppError('NOT_FOUND', 'Prospect not found', { reason: 'prospect.not_found' });
  if (current.stage === input.stage) return { id: input.prospectId, stage: input.stage, previousStage: current.stage };
  await db
    .update(prospects)
    .set({ stage: input.stage, stageChangedAt: sql`now()` })
    .where(eq(prospects.id, input.prospectId));
  await recordEvent(db, {
    workspaceId: input.workspaceId,
    type: 'prospect.stage_changed',
    actorUserId: input.actorUserId,
    prospectId: input.prospectId,
    campaignId: current.campaignId,
    data: { from: current.stage, to: input.stage, ...(input.reason ? { reason: input.reason } : {}) },
  });
  return { id: input.prospectId, stage: input.stage, previousStage: current.stage };
}
