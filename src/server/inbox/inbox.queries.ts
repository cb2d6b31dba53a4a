import { and, asc, desc, eq, isNull, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';
import { aiDecisions, campaigns, mailboxes, messages, prospects } from '../db/schema/index.js';
import { splitReplyText } from '../replies/reply-text.js';

/**
 * The inbox (the peers' "Unibox"): every reply that came in, across mailboxes and campaigns, newest
 * first, each with the agent's latest reading of it; and one prospect's whole conversation.
 * Delivery failures are not replies (the bounce handler has them); automatic replies are, flagged.
 */
export type InboxFilter = { intent?: string; campaignId?: string; mailboxId?: string; unread?: boolean; cursor?: string; limit: number };

// Milliseconds, as the cursor carries them (a JS date), so a page boundary never skips or repeats a row.
const receivedOf = sql<Date>`date_trunc('milliseconds', coalesce(${messages.receivedAt}, ${messages.createdAt}))`;

/** The latest decision on each inbound message (a reply decided twice shows the last word). */
const latestDecision = sql`(select d.id from ai_decisions d where d.message_id = ${messages.id} order by d.created_at desc limit 1)`;

type Cursor = { at: string; id: string };

/** What they wrote this time, on one line: quoted history and signature left out. */
function snippetOf(text: string): string {
  const latest = splitReplyText(text).body || text;
  return latest.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof parsed.at !== 'string' || typeof parsed.id !== 'string' || Number.isNaN(Date.parse(parsed.at)) || !/^[0-9a-f-]{36}$/i.test(parsed.id)) return null;
    return { at: parsed.at, id: parsed.id };
  } catch {
    return null;
  }
}

export async function listInbox(db: Db, filter: InboxFilter, cursor: Cursor | null) {
  const conditions: SQL[] = [eq(messages.direction, 'inbound'), eq(messages.isBounce, false)];
  if (filter.campaignId) conditions.push(eq(messages.campaignId, filter.campaignId));
  if (filter.mailboxId) conditions.push(eq(messages.mailboxId, filter.mailboxId));
  if (filter.unread === true) conditions.push(isNull(messages.readAt));
  if (filter.unread === false) conditions.push(isNotNull(messages.readAt));
  if (filter.intent) conditions.push(sql`${aiDecisions.intent}::text = ${filter.intent}`);
  if (cursor) {
    // As text with a cast: a bare Date parameter is not serialised the same by postgres.js and PGlite.
    const at = sql`${new Date(cursor.at).toISOString()}::timestamptz`;
    conditions.push(or(lt(receivedOf, at), and(eq(receivedOf, at), lt(messages.id, cursor.id)))!);
  }
  const rows = await db
    .select({
      id: messages.id,
      prospectId: messages.prospectId,
      prospectName: sql<string | null>`${prospectDisplayName}`,
      prospectEmail: prospects.email,
      company: prospects.company,
      stage: prospects.stage,
      fromEmail: messages.fromEmail,
      subject: messages.subject,
      head: sql<string>`left(${messages.bodyText}, 4000)`,
      receivedAt: receivedOf,
      read: sql<boolean>`${messages.readAt} is not null`,
      isAutoReply: messages.isAutoReply,
      campaignId: messages.campaignId,
      campaignName: campaigns.name,
      mailboxId: messages.mailboxId,
      mailboxEmail: mailboxes.fromEmail,
      intent: aiDecisions.intent,
      confidence: aiDecisions.confidence,
      action: aiDecisions.action,
      decisionStatus: aiDecisions.status,
    })
    .from(messages)
    .innerJoin(prospects, eq(prospects.id, messages.prospectId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .leftJoin(mailboxes, eq(mailboxes.id, messages.mailboxId))
    .leftJoin(aiDecisions, sql`${aiDecisions.id} = ${latestDecision}`)
    .where(and(...conditions))
    .orderBy(desc(receivedOf), desc(messages.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit).map(({ head, ...row }) => ({ ...row, snippet: snippetOf(head), receivedAt: new Date(row.receivedAt), read: Boolean(row.read), confidence: row.confidence === null ? null : Math.round(row.confidence * 1000) / 1000 }));
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last ? encodeCursor({ at: last.receivedAt.toISOString(), id: last.id }) : null;
  return { items: page, nextCursor };
}

export async function unreadCount(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.direction, 'inbound'), eq(messages.isBounce, false), isNull(messages.readAt)));
  return Number(row?.n ?? 0);
}

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

/** The newest reply of a prospect: what a hand-written answer answers. */
export async function latestInbound(db: Db, prospectId: string) {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.prospectId, prospectId), eq(messages.direction, 'inbound'), eq(messages.isBounce, false)))
    .orderBy(desc(receivedOf), desc(messages.id))
    .limit(1);
  return row ?? null;
}
