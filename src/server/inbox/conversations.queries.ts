import { and, desc, eq, exists, notExists, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.js';
import { cursorTimestamp, decodeCursor, encodeCursor, isCursorTimestamp } from '../db/list-query.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';
import { aiDecisions, campaigns, mailboxes, messages, prospects } from '../db/schema/index.js';
import { REPLY_INTENTS } from '../../shared/enums.js';
import { splitReplyText } from '../replies/reply-text.js';

/**
 * The inbox (the peers' "Unibox") as conversations: one row per prospect who replied, ordered by
 * their latest reply, showing that reply with the agent's reading of it, how many replies the
 * conversation holds, how many nobody opened, and the mailbox we last wrote from.
 *
 * A conversation is the prospect's, across campaigns: the thread view, the hand-written answer and
 * "opened = read" are per prospect too. The campaign and mailbox filters narrow the replies looked
 * at (the conversation's replies in that campaign, or to that mailbox); the intent filter is the
 * latest of those replies' intent; "unread" means at least one of them is unread.
 *
 * Delivery failures are not replies (the bounce handler has them); automatic replies are, flagged.
 */
type ReplyIntent = (typeof REPLY_INTENTS)[number];
export type ConversationFilter = { intent?: ReplyIntent; campaignId?: string; mailboxId?: string; unread?: boolean; cursor?: string; limit: number };
type Scope = { workspaceId: string; campaignId?: string; mailboxId?: string };
type ReplyColumns = { workspaceId: AnyPgColumn; direction: AnyPgColumn; isBounce: AnyPgColumn; campaignId: AnyPgColumn; mailboxId: AnyPgColumn; receivedAt: AnyPgColumn; createdAt: AnyPgColumn };

const CURSOR_SORT = { sort: 'latestReply', order: 'desc', isValidValue: isCursorTimestamp } as const;

/** When a reply arrived: the order of a conversation's replies and of the conversations (indexed as written). */
export function replyAt(table: Pick<ReplyColumns, 'receivedAt' | 'createdAt'>): SQL {
  return sql`coalesce(${table.receivedAt}, ${table.createdAt})`;
}

/**
 * The replies a conversation is made of. The direction and bounce tests are literals, as in the
 * partial indexes' predicates: a bound parameter there would keep a generic plan off those indexes.
 */
function repliesIn(table: ReplyColumns, scope: Scope): SQL[] {
  const conditions = [eq(table.workspaceId, scope.workspaceId), sql`${table.direction} = 'inbound'`, sql`${table.isBounce} = false`];
  if (scope.campaignId) conditions.push(eq(table.campaignId, scope.campaignId));
  if (scope.mailboxId) conditions.push(eq(table.mailboxId, scope.mailboxId));
  return conditions;
}

/** What they wrote this time, on one line: quoted history and signature left out. */
function snippetOf(text: string): string {
  const latest = splitReplyText(text).body || text;
  return latest.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The intent as SQL text: only a known intent (a closed list, so no quoting is needed). */
function intentLiteral(intent: ReplyIntent): ReplyIntent {
  if (!(REPLY_INTENTS as readonly string[]).includes(intent)) throw new Error(`Unknown intent ${intent}`);
  return intent;
}

export async function listConversations(db: Db, workspaceId: string, filter: ConversationFilter) {
  const scope: Scope = { workspaceId, campaignId: filter.campaignId, mailboxId: filter.mailboxId };
  const later = alias(messages, 'later_reply');
  const counted = alias(messages, 'counted_reply');
  const unread = alias(messages, 'unread_reply');
  const ours = alias(messages, 'our_message');
  const sentFrom = alias(mailboxes, 'sent_from');

  // The agent's latest reading of the reply (a reply decided twice shows the last word).
  const decision = db
    .select({ intent: aiDecisions.intent, confidence: aiDecisions.confidence, action: aiDecisions.action, status: aiDecisions.status })
    .from(aiDecisions)
    .where(eq(aiDecisions.messageId, messages.id))
    .orderBy(desc(aiDecisions.createdAt), desc(aiDecisions.id))
    .limit(1)
    .as('decision');
  const counts = db
    .select({
      replyCount: sql<number>`count(*)::int`.as('reply_count'),
      unreadCount: sql<number>`(count(*) filter (where ${counted.readAt} is null))::int`.as('unread_count'),
    })
    .from(counted)
    .where(and(...repliesIn(counted, scope), eq(counted.prospectId, messages.prospectId)))
    .as('counts');
  // Who we last wrote from: the latest message that left for this prospect (sequence step or answer).
  const lastSent = db
    .select({ mailboxId: ours.mailboxId, sentAt: ours.sentAt })
    .from(ours)
    .where(and(eq(ours.workspaceId, workspaceId), eq(ours.prospectId, messages.prospectId), sql`${ours.direction} = 'outbound' and ${ours.state} = 'sent'`))
    .orderBy(desc(ours.sentAt))
    .limit(1)
    .as('last_sent');

  // First the page of conversations (their latest replies, filtered), then what each row shows: the
  // joins below run for the page's rows only, never for the replies walked past to fill it.
  const conditions = [
    ...repliesIn(messages, scope),
    // Only the conversation's latest reply stands for it; ties on the instant are broken by id.
    notExists(
      db
        .select({ one: sql`1` })
        .from(later)
        .where(and(...repliesIn(later, scope), eq(later.prospectId, messages.prospectId), sql`(${replyAt(later)}, ${later.id}) > (${replyAt(messages)}, ${messages.id})`)),
    ),
  ];
  if (filter.cursor) {
    const cursor = decodeCursor(filter.cursor, CURSOR_SORT);
    conditions.push(sql`(${replyAt(messages)}, ${messages.id}) < (${cursor.value}::timestamptz, ${cursor.id}::uuid)`);
  }
  // The latest reply's latest reading (kept on the row by a trigger; messages_inbox_intent_idx).
  // A literal, not a parameter: a generic plan for "some intent" walks the replies by date hoping
  // to meet one soon, which for an intent few or no replies have means walking all of them.
  if (filter.intent) conditions.push(sql`${messages.latestIntent} = ${sql.raw(`'${intentLiteral(filter.intent)}'`)}`);
  const anyUnread = db
    .select({ one: sql`1` })
    .from(unread)
    .where(and(...repliesIn(unread, scope), eq(unread.prospectId, messages.prospectId), sql`${unread.readAt} is null`));
  if (filter.unread === true) conditions.push(exists(anyUnread));
  if (filter.unread === false) conditions.push(notExists(anyUnread));
  const pageOf = db.$with('conversation_page').as(
    db
      .select({ id: sql<string>`${messages.id}`.as('latest_id'), sortValue: cursorTimestamp(replyAt(messages)).as('sort_value') })
      .from(messages)
      .where(and(...conditions))
      .orderBy(desc(replyAt(messages)), desc(messages.id))
      .limit(filter.limit + 1),
  );

  const rows = await db
    .with(pageOf)
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
      receivedAt: sql<string>`${replyAt(messages)}`,
      sortValue: pageOf.sortValue,
      isAutoReply: messages.isAutoReply,
      campaignId: messages.campaignId,
      campaignName: campaigns.name,
      mailboxId: messages.mailboxId,
      mailboxEmail: mailboxes.fromEmail,
      intent: decision.intent,
      confidence: decision.confidence,
      action: decision.action,
      decisionStatus: decision.status,
      replyCount: counts.replyCount,
      unreadCount: counts.unreadCount,
      lastSentMailboxId: lastSent.mailboxId,
      lastSentMailboxEmail: sentFrom.fromEmail,
      lastSentAt: lastSent.sentAt,
    })
    .from(pageOf)
    .innerJoin(messages, eq(messages.id, pageOf.id))
    .innerJoin(prospects, eq(prospects.id, messages.prospectId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .leftJoin(mailboxes, eq(mailboxes.id, messages.mailboxId))
    .leftJoinLateral(decision, sql`true`)
    .innerJoinLateral(counts, sql`true`)
    .leftJoinLateral(lastSent, sql`true`)
    .leftJoin(sentFrom, eq(sentFrom.id, lastSent.mailboxId))
    .orderBy(desc(replyAt(messages)), desc(messages.id));

  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last ? encodeCursor({ sort: CURSOR_SORT.sort, order: CURSOR_SORT.order, value: last.sortValue, id: last.id }) : null;
  const items = page.map(({ head, sortValue: _sortValue, ...row }) => ({
    ...row,
    latestMessageId: row.id,
    snippet: snippetOf(head),
    receivedAt: new Date(row.receivedAt),
    read: Number(row.unreadCount) === 0,
    replyCount: Number(row.replyCount),
    unreadCount: Number(row.unreadCount),
    confidence: row.confidence === null ? null : Math.round(row.confidence * 1000) / 1000,
    lastSentAt: row.lastSentAt === null ? null : new Date(row.lastSentAt),
  }));
  return { items, nextCursor };
}

/** The navigation badge: unread replies, and the conversations they are in (what the list shows in bold). */
export async function unreadCounts(db: Db, workspaceId: string): Promise<{ unread: number; conversations: number }> {
  const [row] = await db
    .select({ unread: sql<number>`count(*)::int`, conversations: sql<number>`count(distinct ${messages.prospectId})::int` })
    .from(messages)
    .where(and(...repliesIn(messages, { workspaceId }), sql`${messages.readAt} is null`));
  return { unread: Number(row?.unread ?? 0), conversations: Number(row?.conversations ?? 0) };
}

/** The conversation's latest reply, as the list orders them: what "mark unread" marks. */
export async function latestReplyOf(db: Db, workspaceId: string, prospectId: string): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(...repliesIn(messages, { workspaceId }), eq(messages.prospectId, prospectId)))
    .orderBy(desc(replyAt(messages)), desc(messages.id))
    .limit(1);
  return row ?? null;
}
