import { z } from 'zod';
import { DECISION_ACTIONS, DECISION_STATUSES, MESSAGE_DIRECTIONS, MESSAGE_STATES, PROSPECT_STAGES, REPLY_INTENTS } from '../../shared/enums.js';
import { authedProcedure, router } from '../trpc/init.js';
import { listConversations, unreadCounts } from './conversations.queries.js';
import { getThread, markConversationRead, markRead, replyByHand } from './inbox.service.js';

const tags = ['inbox'];
const id = z.uuid('Not a valid id');
/** `unread=true|false`: a query string holds text, so tRPC sends the same words. */
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** One conversation (a prospect who replied), shown by its latest reply. */
const inboxItem = z.object({
  /** The latest reply's id (the same as `latestMessageId`). */
  id: z.uuid(),
  latestMessageId: z.uuid(),
  prospectId: z.uuid(),
  prospectName: z.string().nullable(),
  prospectEmail: z.string().nullable(),
  company: z.string().nullable(),
  stage: z.enum(PROSPECT_STAGES),
  fromEmail: z.string().nullable(),
  subject: z.string(),
  snippet: z.string(),
  receivedAt: z.date(),
  /** No reply of the conversation is unread. */
  read: z.boolean(),
  replyCount: z.number().int(),
  unreadCount: z.number().int(),
  isAutoReply: z.boolean(),
  campaignId: z.uuid().nullable(),
  campaignName: z.string().nullable(),
  /** The mailbox the latest reply came to. */
  mailboxId: z.uuid().nullable(),
  mailboxEmail: z.string().nullable(),
  /** The mailbox of the last message we sent this prospect (null when none left from here, e.g. sent by Instantly). */
  lastSentMailboxId: z.uuid().nullable(),
  lastSentMailboxEmail: z.string().nullable(),
  lastSentAt: z.date().nullable(),
  intent: z.enum(REPLY_INTENTS).nullable(),
  confidence: z.number().nullable(),
  action: z.enum(DECISION_ACTIONS).nullable(),
  decisionStatus: z.enum(DECISION_STATUSES).nullable(),
});

const threadMessage = z.object({
  id: z.uuid(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  state: z.enum(MESSAGE_STATES),
  fromEmail: z.string().nullable(),
  toEmail: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  at: z.date(),
  read: z.boolean(),
  isAutoReply: z.boolean(),
  isBounce: z.boolean(),
  sentByAi: z.boolean(),
  campaignId: z.uuid().nullable(),
  campaignName: z.string().nullable(),
  mailboxId: z.uuid().nullable(),
  mailboxEmail: z.string().nullable(),
  /** Sent by the sandbox mailbox: the UI offers to simulate the prospect's reply. */
  sandbox: z.boolean(),
  decision: z
    .object({ id: z.uuid(), intent: z.enum(REPLY_INTENTS), confidence: z.number(), reason: z.string(), reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.string()) })), action: z.enum(DECISION_ACTIONS), status: z.enum(DECISION_STATUSES), createdAt: z.date() })
    .nullable(),
});

export const inboxRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/inbox',
        tags,
        summary: 'One row per conversation (a prospect who replied), across mailboxes and campaigns, by latest reply first (cursor pagination), with the agent’s reading of that reply',
      },
    })
    .input(
      z.object({
        intent: z.enum(REPLY_INTENTS).optional(),
        campaignId: id.optional(),
        mailboxId: id.optional(),
        unread: flag.optional(),
        cursor: z.string().max(500).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(30),
      }),
    )
    .output(z.object({ items: z.array(inboxItem), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => ctx.inWorkspace((db) => listConversations(db, ctx.actor.workspaceId, input))),

  unreadCount: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/inbox/unread-count', tags, summary: 'How many replies nobody has opened yet, and in how many conversations (the navigation badge)' } })
    .input(z.object({}).optional())
    .output(z.object({ unread: z.number().int(), conversations: z.number().int() }))
    .query(({ ctx }) => ctx.inWorkspace((db) => unreadCounts(db, ctx.actor.workspaceId))),

  thread: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/inbox/threads/{prospectId}', tags, summary: 'One prospect’s conversation in order: our messages and theirs, with the agent’s decisions' } })
    .input(z.object({ prospectId: id }))
    .output(
      z.object({
        prospect: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable(), company: z.string().nullable(), stage: z.enum(PROSPECT_STAGES) }),
        messages: z.array(threadMessage),
      }),
    )
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getThread(db, input.prospectId))),

  reply: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/inbox/threads/{prospectId}/reply',
        tags,
        summary: 'Answer by hand in the thread, from the mailbox the reply came to (sent at most once; a suppressed address is refused with 409)',
      },
    })
    .input(z.object({ prospectId: id, subject: z.string().trim().max(200).optional(), body: z.string().trim().min(1, 'Write the answer').max(10_000) }))
    .output(z.object({ messageId: z.uuid(), duplicate: z.boolean(), send: z.enum(['sent', 'not_due', 'taken', 'refused', 'failed', 'retry', 'unknown']).nullable() }))
    .mutation(async ({ ctx, input }) => {
      const { config, secretBox } = ctx.services;
      const outcome = await replyByHand({ inWorkspace: ctx.inWorkspace, config, secretBox, logger: ctx.log }, ctx.actor, input.prospectId, { subject: input.subject || undefined, body: input.body });
      ctx.log.info({ prospectId: input.prospectId, messageId: outcome.messageId, send: outcome.send, duplicate: outcome.duplicate }, 'inbox answer');
      return outcome;
    }),

  markRead: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/inbox/messages/{id}/read', tags, summary: 'Mark a reply read (`{read: true}`) or unread (`{read: false}`)' } })
    .input(z.object({ id, read: z.boolean() }))
    .output(z.object({ id: z.uuid(), read: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => markRead(db, input.id, input.read))),

  markThreadRead: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/inbox/threads/{prospectId}/read',
        tags,
        summary: 'Mark a conversation read (every reply; opening it does this) or, with `{read: false}`, unread (its latest reply)',
      },
    })
    .input(z.object({ prospectId: id, read: z.boolean().default(true) }))
    .output(z.object({ marked: z.number().int(), read: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => markConversationRead(db, ctx.actor.workspaceId, input.prospectId, input.read))),
});
