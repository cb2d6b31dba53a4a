import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import type { Actor } from '../actor.js';
import { resolveUnknown } from './message-states.js';
import type { ListMessagesInput, OutboundMessageView } from './messages.schemas.js';

const columns = {
  id: messages.id,
  campaignId: messages.campaignId,
  prospectId: messages.prospectId,
  mailboxId: messages.mailboxId,
  state: messages.state,
  stepPosition: messages.stepPosition,
  variantIndex: messages.variantIndex,
  toEmail: messages.toEmail,
  fromEmail: messages.fromEmail,
  subject: messages.subject,
  bodyText: messages.bodyText,
  messageIdHeader: messages.messageIdHeader,
  inReplyTo: messages.inReplyTo,
  scheduledAt: messages.scheduledAt,
  sentAt: messages.sentAt,
  error: messages.error,
  isBounce: messages.isBounce,
};

export async function listOutboundMessages(db: Db, input: ListMessagesInput): Promise<{ items: OutboundMessageView[] }> {
  const where: SQL[] = [eq(messages.direction, 'outbound')];
  if (input.campaignId) where.push(eq(messages.campaignId, input.campaignId));
  if (input.state) where.push(eq(messages.state, input.state));
  const items = await db.select(columns).from(messages).where(and(...where)).orderBy(desc(messages.createdAt), desc(messages.id)).limit(input.limit);
  return { items };
}

/**
 * A human settles a message whose outcome is unknown: "it did leave" (sent, the sequence goes on
 * from the next tick) or "send it again" (scheduled now). Only `unknown` messages qualify.
 */
export async function resolveMessage(db: Db, actor: Actor, input: { id: string; decision: 'sent' | 'requeue' }, now = new Date()): Promise<OutboundMessageView> {
  const [current] = await db.select({ state: messages.state }).from(messages).where(and(eq(messages.id, input.id), eq(messages.direction, 'outbound'))).for('update');
  if (!current) throw new AppError('NOT_FOUND', 'Message not found', { reason: 'message.not_found' });
  if (current.state !== 'unknown') {
    throw new AppError('CONFLICT', `Only a message in the unknown state can be resolved (this one is ${current.state})`, { reason: 'message.not_resolvable', params: { state: current.state } });
  }
  await resolveUnknown(db, input.id, input.decision, now);
  const [row] = await db.select(columns).from(messages).where(eq(messages.id, input.id));
  if (!row) throw new Error('resolved message vanished');
  await recordEvent(db, { workspaceId: actor.workspaceId, type: 'message.resolved', actorUserId: actor.userId, campaignId: row.campaignId, prospectId: row.prospectId, data: { messageId: input.id, decision: input.decision } });
  return row;
}
