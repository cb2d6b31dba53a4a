import { AI_PROVIDERS, DECISION_ACTIONS, type DecisionStatus, MEETING_PROVIDERS, MEETING_STATUSES, MESSAGE_DIRECTIONS, MESSAGE_STATES, type ReminderStatus, REPLY_INTENTS, REVIEW_STATUSES } from '../../../shared/enums.js';
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, customType, index, integer, jsonb, pgEnum, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { users, workspaces } from './identity.js';
import { campaigns } from './campaigns.js';
import { enrollments, prospects, prospectStageEnum } from './prospects.js';
import { agents, mailboxes } from './settings.js';

/** Raw bytes: mail may carry NUL bytes and any 8-bit charset, which a text column cannot hold as received. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

export const messageDirectionEnum = pgEnum('message_direction', MESSAGE_DIRECTIONS);
/**
 * Outbound: scheduled → sending → sent | failed | unknown. `unknown` = the process died between
 * claiming and recording the SMTP outcome; it is flagged for a human and never re-sent by itself.
 * Inbound messages are `received`.
 */
export const messageStateEnum = pgEnum('message_state', MESSAGE_STATES);
export const replyIntentEnum = pgEnum('reply_intent', REPLY_INTENTS);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    enrollmentId: uuid('enrollment_id').references(() => enrollments.id, { onDelete: 'set null' }),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    direction: messageDirectionEnum('direction').notNull(),
    state: messageStateEnum('state').notNull(),
    stepPosition: integer('step_position'),
    /** The A/B variant sent (0 = A), fixed when the message is scheduled. */
    variantIndex: integer('variant_index'),
    /** Opaque one-click unsubscribe token of this message (`/u/TOKEN`, RFC 8058). */
    unsubscribeToken: text('unsubscribe_token'),
    /** Opaque token of the open pixel (`/t/o/TOKEN.gif`), set when the campaign tracks opens or clicks. */
    trackingToken: text('tracking_token'),
    /** First open / click seen (tracking on): what the report rollups count once per message. */
    openedAt: tstz('opened_at'),
    clickedAt: tstz('clicked_at'),
    /** Transient (4xx) refusals so far; after the third the message fails. */
    softBounces: integer('soft_bounces').notNull().default(0),
    messageIdHeader: text('message_id_header'),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'`),
    fromEmail: text('from_email'),
    toEmail: text('to_email'),
    subject: text('subject').notNull().default(''),
    bodyText: text('body_text').notNull().default(''),
    bodyHtml: text('body_html'),
    /** Raw RFC 5322 source (inbound mail as received; the sandbox's outgoing MIME), byte for byte. */
    rawSource: bytea('raw_source'),
    /** An in-thread answer: the inbound message it answers, and the AI decision it carries out (at most one send per decision). */
    replyToMessageId: uuid('reply_to_message_id'),
    aiDecisionId: uuid('ai_decision_id'),
    /**
     * A thread Instantly carries (the campaign sends through Instantly, not our mailboxes): Instantly's
     * id of this email — inbound, the webhook's `email_id`, which its reply endpoint takes as
     * `reply_to_uuid`; outbound, the id Instantly gave our answer — and the Instantly sending account
     * (`eaccount`) of the thread. An outbound row with an account and no mailbox leaves through Instantly.
     */
    instantlyEmailId: text('instantly_email_id'),
    instantlyAccount: text('instantly_account'),
    /** Inbound: when someone opened it in the inbox (null = unread). */
    readAt: tstz('read_at'),
    isAutoReply: boolean('is_auto_reply').notNull().default(false),
    isBounce: boolean('is_bounce').notNull().default(false),
    /**
     * Inbound: the intent of the latest AI decision on it, kept by a trigger on ai_decisions
     * (migration `inbox_latest_intent`), so the inbox's intent filter reads an index instead of
     * every decision. Text, not the enum: under row-level security Postgres uses an index only for
     * leakproof operators, and text equality is one where enum equality is not.
     */
    latestIntent: text('latest_intent', { enum: REPLY_INTENTS }),
    /** Written by an AI decision rather than a sequence step or a human. */
    sentByAi: boolean('sent_by_ai').notNull().default(false),
    scheduledAt: tstz('scheduled_at'),
    leaseUntil: tstz('lease_until'),
    sentAt: tstz('sent_at'),
    receivedAt: tstz('received_at'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('messages_prospect_idx').on(t.workspaceId, t.prospectId, t.createdAt),
    index('messages_sent_idx').on(t.workspaceId, t.sentAt).where(sql`direction = 'outbound' and state = 'sent'`),
    index('messages_received_idx').on(t.workspaceId, t.receivedAt).where(sql`direction = 'inbound'`),
    index('messages_campaign_idx').on(t.workspaceId, t.campaignId),
    // The report rollups give a reply to the last message sent to that person before it (schema/reports.ts).
    index('messages_prospect_sent_idx').on(t.workspaceId, t.prospectId, t.sentAt).where(sql`direction = 'outbound' and state = 'sent'`),
    index('messages_mailbox_sent_idx').on(t.mailboxId, t.sentAt),
    index('messages_scheduled_idx').on(t.scheduledAt).where(sql`state = 'scheduled'`),
    uniqueIndex('messages_tracking_token_idx').on(t.trackingToken).where(sql`tracking_token is not null`),
    uniqueIndex('messages_unsubscribe_token_idx').on(t.unsubscribeToken).where(sql`unsubscribe_token is not null`),
    // At most one outbound message per enrolment and step: a second schedule of the same step is refused.
    uniqueIndex('messages_enrollment_step_idx').on(t.enrollmentId, t.stepPosition).where(sql`direction = 'outbound' and enrollment_id is not null`),
    uniqueIndex('messages_message_id_idx').on(t.workspaceId, t.messageIdHeader).where(sql`message_id_header is not null`),
    uniqueIndex('messages_ai_decision_idx').on(t.aiDecisionId).where(sql`ai_decision_id is not null`),
    index('messages_thread_reply_due_idx').on(t.scheduledAt).where(sql`state = 'scheduled' and reply_to_message_id is not null`),
    // The inbox lists conversations by their latest reply: it walks the replies newest first and
    // keeps each prospect's latest (found by the per-prospect index), so a page reads a page's worth
    // of rows rather than every reply. The queries repeat these predicates literally (not as bound
    // parameters) so the planner can prove the partial indexes apply (inbox/conversations.queries.ts).
    index('messages_inbox_latest_idx').on(t.workspaceId, sql`coalesce(${t.receivedAt}, ${t.createdAt})`, t.id).where(sql`direction = 'inbound' and is_bounce = false`),
    index('messages_inbox_prospect_idx').on(t.workspaceId, t.prospectId, sql`coalesce(${t.receivedAt}, ${t.createdAt})`, t.id).where(sql`direction = 'inbound' and is_bounce = false`),
    // The intent filter: a rare intent's conversations are found without walking the others.
    index('messages_inbox_intent_idx').on(t.workspaceId, t.latestIntent, sql`coalesce(${t.receivedAt}, ${t.createdAt})`, t.id).where(sql`direction = 'inbound' and is_bounce = false`),
    // Unread replies are few: the navigation badge and the unread filter read this small index.
    index('messages_inbox_unread_idx').on(t.workspaceId, t.prospectId).where(sql`direction = 'inbound' and is_bounce = false and read_at is null`),
    workspaceIsolation(),
  ],
);

export const decisionActionEnum = pgEnum('decision_action', DECISION_ACTIONS);
export const aiProviderEnum = pgEnum('ai_provider', AI_PROVIDERS);

/** What the AI agent concluded about one inbound message, and what it did. */
export const aiDecisions = pgTable(
  'ai_decisions',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    intent: replyIntentEnum('intent').notNull(),
    confidence: real('confidence').notNull(),
    reason: text('reason').notNull().default(''),
    action: decisionActionEnum('action').notNull(),
    draftSubject: text('draft_subject'),
    draftBody: text('draft_body'),
    provider: aiProviderEnum('provider').notNull(),
    model: text('model'),
    status: text('status').$type<DecisionStatus>().notNull().default('applied'),
    /** The reasons as codes with their parameters (translated in the UI); `reason` is the English line. */
    reasons: jsonb('reasons').$type<{ code: string; params: Record<string, string>; text: string }[]>().notNull().default([]),
    /** A person must look even though the action ran alone (an opt-out threatening a complaint). */
    escalate: boolean('escalate').notNull().default(false),
    /** An automatic answer leaves at this instant unless cancelled (the agent's undo window). */
    sendAt: tstz('send_at'),
    /** `not_now`: when to get back to the prospect; out-of-office: when the sequence resumes. */
    remindAt: tstz('remind_at'),
    /**
     * A `not_now` reminder: `scheduled` until its day, then `due` (a follow-up draft waits in the
     * review queue) or `cancelled` (by a person, or because the prospect replied, booked, opted out).
     */
    reminderStatus: text('reminder_status').$type<ReminderStatus>(),
    /** Why a reminder was cancelled: `user`, `replied`, `meeting_booked`, `unsubscribed`, `suppressed`, `bounced`. */
    reminderCancelReason: text('reminder_cancel_reason'),
    /** On the follow-up a due reminder drafted: the `not_now` decision it comes from (one follow-up per reminder). */
    reminderOf: uuid('reminder_of').references((): AnyPgColumn => aiDecisions.id, { onDelete: 'cascade' }),
    /** Milliseconds from the reply's arrival to this decision. */
    latencyMs: integer('latency_ms'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('ai_decisions_workspace_idx').on(t.workspaceId, t.createdAt),
    index('ai_decisions_prospect_idx').on(t.prospectId),
    // Counters recount a campaign's positive decisions through its messages; cascades use it too.
    index('ai_decisions_message_idx').on(t.messageId),
    // The reminder tick reads scheduled reminders by day across workspaces.
    index('ai_decisions_reminder_due_idx').on(t.remindAt).where(sql`reminder_status = 'scheduled'`),
    uniqueIndex('ai_decisions_reminder_of_idx').on(t.reminderOf).where(sql`reminder_of is not null`),
    workspaceIsolation(),
  ],
);

export const reviewStatusEnum = pgEnum('review_status', REVIEW_STATUSES);

/** A decision waiting for a human: approve the draft, edit it, or reject it. */
export const reviewItems = pgTable(
  'review_items',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => aiDecisions.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    status: reviewStatusEnum('status').notNull().default('pending'),
    finalSubject: text('final_subject'),
    finalBody: text('final_body'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: tstz('resolved_at'),
    rejectReason: text('reject_reason'),
    /** The outbound message an approval queued (one at most). */
    sentMessageId: uuid('sent_message_id'),
    createdAt: createdAt(),
  },
  (t) => [index('review_items_pending_idx').on(t.workspaceId, t.createdAt).where(sql`status = 'pending'`), workspaceIsolation()],
);

export const meetingProviderEnum = pgEnum('meeting_provider', MEETING_PROVIDERS);
export const meetingStatusEnum = pgEnum('meeting_status', MEETING_STATUSES);

export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id').references(() => prospects.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    provider: meetingProviderEnum('provider').notNull(),
    externalId: text('external_id'),
    title: text('title').notNull().default(''),
    attendeeEmail: text('attendee_email'),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at'),
    joinUrl: text('join_url'),
    status: meetingStatusEnum('status').notNull().default('scheduled'),
    attendeeName: text('attendee_name'),
    /** The prospect's stage before this booking moved it to meeting_booked: a cancellation puts it back. */
    previousStage: prospectStageEnum('previous_stage'),
    cancellationReason: text('cancellation_reason'),
    cancelledAt: tstz('cancelled_at'),
    raw: jsonb('raw').$type<unknown>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('meetings_external_idx').on(t.workspaceId, t.provider, t.externalId).where(sql`external_id is not null`),
    index('meetings_workspace_idx').on(t.workspaceId, t.createdAt),
    workspaceIsolation(),
  ],
);

/**
 * A prospect pushed to an Instantly campaign as a lead (API v2 `POST /leads`). The unique index
 * makes the push idempotent: a retried batch skips the prospects already recorded.
 */
export const instantlyLeads = pgTable(
  'instantly_leads',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    instantlyCampaignId: text('instantly_campaign_id').notNull(),
    leadId: text('lead_id'),
    pushedAt: tstz('pushed_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('instantly_leads_prospect_idx').on(t.workspaceId, t.instantlyCampaignId, t.prospectId),
    index('instantly_leads_campaign_idx').on(t.workspaceId, t.campaignId),
    workspaceIsolation(),
  ],
);
