import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DECISION_ACTIONS, MESSAGE_DIRECTIONS, MESSAGE_STATES, REPLY_INTENTS } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { aiDecisions, enrichments, events, mailboxes, messages, users } from '../db/schema/index.js';
import { getProspect } from './prospects.service.js';
import { prospectOutput } from './prospects.schemas.js';

/**
 * Everything about one prospect for the detail drawer: fields, enrichment, and one timeline of the
 * whole conversation — outbound and inbound messages, the AI's decisions, stage changes and other
 * events — in the order they happened.
 */

/** The latest this many messages, decisions and events each: the drawer shows a conversation, not an archive. */
const MAX_ITEMS = 500;
/** Characters of a message body sent to the drawer. */
const MAX_BODY = 20_000;

const messageItem = z.object({
  kind: z.literal('message'),
  id: z.string(),
  at: z.date(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  state: z.enum(MESSAGE_STATES),
  subject: z.string(),
  bodyText: z.string(),
  fromEmail: z.string().nullable(),
  toEmail: z.string().nullable(),
  stepPosition: z.number().nullable(),
  sentByAi: z.boolean(),
  isAutoReply: z.boolean(),
  isBounce: z.boolean(),
  error: z.string().nullable(),
  /** Sent by the sandbox mailbox: a reply can be simulated to it. */
  sandbox: z.boolean(),
});
const decisionItem = z.object({
  kind: z.literal('decision'),
  id: z.string(),
  at: z.date(),
  messageId: z.string(),
  intent: z.enum(REPLY_INTENTS),
  confidence: z.number(),
  reason: z.string(),
  reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.string()) })),
  action: z.enum(DECISION_ACTIONS),
  draftSubject: z.string().nullable(),
  draftBody: z.string().nullable(),
});
const eventItem = z.object({
  kind: z.literal('event'),
  id: z.string(),
  at: z.date(),
  type: z.string(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const timelineItem = z.discriminatedUnion('kind', [messageItem, decisionItem, eventItem]);
export type TimelineItem = z.infer<typeof timelineItem>;

export const detailOutput = z.object({
  prospect: prospectOutput,
  enrichment: z
    .object({
      talkingPoints: z.array(z.string()),
      openingLine: z.string().nullable(),
      fitScore: z.number().nullable(),
      fitReasons: z.array(z.string()),
      timezone: z.string().nullable(),
      language: z.string().nullable(),
      provider: z.string(),
      model: z.string().nullable(),
      updatedAt: z.date(),
    })
    .nullable(),
  timeline: z.array(timelineItem),
});

export async function prospectDetail(db: Db, id: string): Promise<z.infer<typeof detailOutput>> {
  const prospect = await getProspect(db, id);
  const [enrichment] = await db
    .select({
      talkingPoints: enrichments.talkingPoints,
      openingLine: enrichments.openingLine,
      fitScore: enrichments.fitScore,
      fitReasons: enrichments.fitReasons,
      timezone: enrichments.timezone,
      language: enrichments.language,
      provider: enrichments.provider,
      model: enrichments.model,
      updatedAt: enrichments.updatedAt,
    })
    .from(enrichments)
    .where(eq(enrichments.prospectId, id));
  const messageAt = sql<Date>`coalesce(${messages.sentAt}, ${messages.receivedAt}, ${messages.scheduledAt}, ${messages.createdAt})`.mapWith(messages.createdAt);
  const messageRows = await db
    .select({
      id: messages.id,
      at: messageAt,
      direction: messages.direction,
      state: messages.state,
      subject: messages.subject,
      bodyText: sql<string>`left(${messages.bodyText}, ${MAX_BODY})`,
      fromEmail: messages.fromEmail,
      toEmail: messages.toEmail,
      stepPosition: messages.stepPosition,
      sentByAi: messages.sentByAi,
      isAutoReply: messages.isAutoReply,
      isBounce: messages.isBounce,
      error: messages.error,
      sandbox: sql<boolean>`coalesce(${mailboxes.kind} = 'sandbox', false)`,
    })
    .from(messages)
    .leftJoin(mailboxes, eq(mailboxes.id, messages.mailboxId))
    .where(eq(messages.prospectId, id))
    .orderBy(desc(messageAt), desc(messages.id))
    .limit(MAX_ITEMS);
  const decisionRows = await db
    .select({
      id: aiDecisions.id,
      at: aiDecisions.createdAt,
      messageId: aiDecisions.messageId,
      intent: aiDecisions.intent,
      confidence: aiDecisions.confidence,
      reason: aiDecisions.reason,
      reasons: aiDecisions.reasons,
      action: aiDecisions.action,
      draftSubject: aiDecisions.draftSubject,
      draftBody: aiDecisions.draftBody,
    })
    .from(aiDecisions)
    .where(eq(aiDecisions.prospectId, id))
    .orderBy(desc(aiDecisions.createdAt), desc(aiDecisions.id))
    .limit(MAX_ITEMS);
  const eventRows = await db
    .select({ id: events.id, at: events.createdAt, type: events.type, actorName: users.name, data: events.data })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorUserId))
    .where(eq(events.prospectId, id))
    .orderBy(desc(events.id))
    .limit(MAX_ITEMS);

  // Each list was read newest first (a long conversation keeps its latest MAX_ITEMS), and is put
  // back in chronological order so items with the same timestamp keep the order they were written.
  messageRows.reverse();
  decisionRows.reverse();
  eventRows.reverse();
  const timeline: TimelineItem[] = [
    ...messageRows.map((row) => ({ kind: 'message' as const, ...row })),
    ...decisionRows.map((row) => ({ kind: 'decision' as const, ...row, reasons: row.reasons.map(({ code, params }) => ({ code, params })) })),
    // Message events duplicate the messages themselves; keep the ones that say something new.
    ...eventRows
      .filter((row) => row.type !== 'message.sent' && row.type !== 'message.received' && row.type !== 'ai.decision')
      .map((row) => ({ kind: 'event' as const, ...row, id: String(row.id) })),
  ];
  // Imported prospects have no event of their own (one `prospects.imported` per file): their history still starts with their arrival.
  if (!eventRows.some((row) => row.type === 'prospect.created')) {
    timeline.push({ kind: 'event', id: `created-${id}`, at: prospect.createdAt, type: 'prospect.created', actorName: null, data: { source: prospect.source } });
  }
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { prospect, enrichment: enrichment ?? null, timeline };
}
