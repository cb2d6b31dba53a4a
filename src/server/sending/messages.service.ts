import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import type { Actor } from '../actor.js';
import { resolveUnknown } from './message-states.js';
import type { ListMessagesInput, MessageDetailView, OutboundMessageView } from './messages.schemas.js';

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
  if (input.mailboxId) where.push(eq(messages.mailboxId, input.mailboxId));
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

/** Header lines of a MIME source: the block before the first blank line, folded lines joined. */
export function parseHeaderBlock(raw: string): { name: string; value: string }[] {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? [{ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }] : [];
  });
}

/** One outbound message with what left: its headers and MIME source (kept by the sandbox). */
export async function getOutboundMessage(db: Db, id: string): Promise<MessageDetailView> {
  const [row] = await db
    .select({ ...columns, bodyHtml: messages.bodyHtml, raw: messages.rawSource })
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.direction, 'outbound')));
  if (!row) throw new AppError('NOT_FOUND', 'Message not found', { reason: 'message.not_found' });
  // The source is kept as bytes (mail may hold any octet); what we sent ourselves is UTF-8 text.
  const raw = row.raw ? Buffer.from(row.raw).toString('utf8') : null;
  return { ...row, raw, headers: raw ? parseHeaderBlock(raw) : [] };
}
