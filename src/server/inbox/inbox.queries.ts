import { and, asc, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';
import { aiDecisions, campaigns, mailboxes, messages, prospects } from '../db/schema/index.js';

/** One prospect's conversation: the list of conversations is in conversations.queries.ts. */
export async function threadProspect(db: Db, prospectId: string) {
  const [row] = await db
    .select({ id: prospects.id, name: sql<string | null>`${prospectDisplayName}`, email: prospects.email, company: prospects.company, stage: prospects.stage })
    .from(prospects)
    .where(eq(prospects.id, prospectId));
  return row ?? null;
}

/** The conversation in order: what we sent (or will send) and what they wrote, with the agent's decisions. */
export async function threadMessages(db: Db, prospectId: string) {
  const at = sql<Date>`coalesce(${messages.sentAt}, ${messages.receivedAt}, ${messages.scheduledAt}, ${messages.createdAt})`;
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      state: messages.state,
      fromEmail: messages.fromEmail,
      toEmail: messages.toEmail,
      subject: messages.subject,
      body: messages.bodyText,
      at,
      read: sql<boolean>`${messages.readAt} is not null`,
      isAutoReply: messages.isAutoReply,
      isBounce: messages.isBounce,
      sentByAi: messages.sentByAi,
      campaignId: messages.campaignId,
      campaignName: campaigns.name,
      mailboxId: messages.mailboxId,
      mailboxEmail: mailboxes.fromEmail,
      sandbox: sql<boolean>`coalesce(${mailboxes.kind} = 'sandbox', false)`,
    })
    .from(messages)
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .leftJoin(mailboxes, eq(mailboxes.id, messages.mailboxId))
    // A sequence step not sent yet is not part of the conversation; a queued answer is (it is about to leave).
    .where(and(eq(messages.prospectId, prospectId), or(eq(messages.direction, 'inbound'), sql`${messages.state} <> 'scheduled'`, isNotNull(messages.replyToMessageId))))
    .orderBy(asc(at), asc(messages.createdAt));
  const decisions = await db
    .select({ id: aiDecisions.id, messageId: aiDecisions.messageId, intent: aiDecisions.intent, confidence: aiDecisions.confidence, reason: aiDecisions.reason, reasons: aiDecisions.reasons, action: aiDecisions.action, status: aiDecisions.status, createdAt: aiDecisions.createdAt })
    .from(aiDecisions)
    .where(eq(aiDecisions.prospectId, prospectId))
    .orderBy(desc(aiDecisions.createdAt));
  return rows.map((row) => {
    const decision = decisions.find((entry) => entry.messageId === row.id) ?? null;
    return { ...row, at: new Date(row.at), read: Boolean(row.read), sandbox: Boolean(row.sandbox), decision: decision ? { ...decision, reasons: decision.reasons.map(({ code, params }) => ({ code, params })), confidence: Math.round(decision.confidence * 1000) / 1000 } : null };
  });
}
