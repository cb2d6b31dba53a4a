import { CAMPAIGN_STATUSES } from '../../../shared/enums.js';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { users, workspaces } from './identity.js';
import { agents, mailboxes } from './settings.js';

export const campaignStatusEnum = pgEnum('campaign_status', CAMPAIGN_STATUSES);

/**
 * A campaign: who to reach (LinkedIn search / imported prospects), from which mailboxes, with which
 * sequence, and which AI agent answers the replies. Counters (prospects, sent, replies, meetings) are
 * derived from enrollments/messages/meetings, never stored.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: campaignStatusEnum('status').notNull().default('draft'),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    // Sending schedule, read by the email engine (mailbox windows still apply on top).
    timezone: text('timezone').notNull().default('UTC'),
    sendWindowStart: text('send_window_start').notNull().default('09:00'),
    sendWindowEnd: text('send_window_end').notNull().default('17:00'),
    sendDays: integer('send_days').array().notNull().default(sql`'{1,2,3,4,5}'`),
    dailyLimit: integer('daily_limit'),
    stopOnReply: boolean('stop_on_reply').notNull().default(true),
    // Prospecting inputs (PhantomBuster).
    linkedinSearchUrl: text('linkedin_search_url'),
    phantombusterAgentId: text('phantombuster_agent_id'),
    /** Profiles one scrape asks the agent for (PhantomBuster stops at 2,500 per search). */
    linkedinMaxProfiles: integer('linkedin_max_profiles').notNull().default(100),
    /** Skip addresses that fail verification before the first send. */
    verifyEmails: boolean('verify_emails').notNull().default(true),
    /** New prospects of this campaign (import, scrape, API) are queued for enrichment as they arrive. */
    enrichOnArrival: boolean('enrich_on_arrival').notNull().default(true),
    /** What verification's `risky` verdict (role address, disposable domain, no MX) means: send anyway or skip. */
    riskyAddressPolicy: text('risky_address_policy').$type<'send' | 'skip'>().notNull().default('skip'),
    /** Send through this Instantly campaign (API v2 leads) instead of our own mailboxes; null: our mailboxes. */
    instantlyCampaignId: text('instantly_campaign_id'),
    /** Set when the engine paused the campaign by itself (bounce rate), with the figures. */
    autoPausedReason: text('auto_paused_reason'),
    /** Open tracking (1×1 pixel on APP_URL): off by default, it hurts deliverability. */
    trackOpens: boolean('track_opens').notNull().default(false),
    /** Click tracking (links rewritten to APP_URL redirects): off by default, it hurts deliverability. */
    trackClicks: boolean('track_clicks').notNull().default(false),
    startedAt: tstz('started_at'),
    pausedAt: tstz('paused_at'),
    completedAt: tstz('completed_at'),
    archivedAt: tstz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('campaigns_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('campaigns_workspace_status_idx').on(t.workspaceId, t.status),
    workspaceIsolation(),
  ],
);

export const campaignMailboxes = pgTable(
  'campaign_mailboxes',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.mailboxId] }), workspaceIsolation()],
);

/**
 * Ordered steps of a campaign's email sequence. `delay_days` counts from the previous step (or the
 * enrolment), in business days when `business_days`. A blank `subject_template` on a follow-up
 * continues the thread (`Re:`); the step's own subject/body is variant A (index 0).
 */
export const sequenceSteps = pgTable(
  'sequence_steps',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    delayDays: integer('delay_days').notNull().default(0),
    subjectTemplate: text('subject_template').notNull(),
    bodyTemplate: text('body_template').notNull(),
    businessDays: boolean('business_days').notNull().default(false),
    bodyFormat: text('body_format').$type<'text' | 'html'>().notNull().default('text'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sequence_steps_position_idx').on(t.campaignId, t.position), workspaceIsolation()],
);

/** A/B versions B, C, D of a step (index 1–3); A is the step itself. */
export const stepVariants = pgTable(
  'step_variants',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => sequenceSteps.id, { onDelete: 'cascade' }),
    variantIndex: integer('variant_index').notNull(),
    subjectTemplate: text('subject_template').notNull(),
    bodyTemplate: text('body_template').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('step_variants_index_idx').on(t.stepId, t.variantIndex), workspaceIsolation()],
);
