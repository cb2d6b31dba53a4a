import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { aiDecisions, messages } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { cancelThreadReply } from '../sending/thread-reply.service.js';

/**
 * Undo: an automatic answer still inside the agent's undo window is cancelled and never leaves.
 * Once claimed for sending (or sent) it is too late: 409 with where it stands.
 */
export async function cancelDecision(db: Db, actor: Actor, id: string): Promise<{ id: string; status: 'cancelled' }> {
  const [decision] = await db.select().from(aiDecisions).where(eq(aiDecisions.id, id)).for('update');
  if (!decision) throw new AppError('NOT_FOUND', 'Decision not found', { reason: 'decision.not_found' });
  const [queued] = await db.select({ id: messages.id, state: messages.state }).from(messages).where(eq(messages.aiDecisionId, id));
  if (decision.status !== 'awaiting_send' || !queued || !(await cancelThreadReply(db, queued.id))) {
    const status = queued?.state === 'sent' || decision.status === 'sent' ? 'sent' : queued?.state === 'sending' ? 'sending' : decision.status;
    throw new AppError('CONFLICT', `Too late to cancel: the answer is ${status}`, { reason: 'decision.not_cancellable', params: { status } });
  }
  await db.update(aiDecisions).set({ status: 'cancelled' }).where(eq(aiDecisions.id, id));
  await recordEvent(db, { workspaceId: actor.workspaceId, type: 'ai.decision_cancelled', actorUserId: actor.userId, prospectId: decision.prospectId, data: { decisionId: id, messageId: queued.id } });
  return { id, status: 'cancelled' };
}
