import { ENRICHMENT_TASK_STATUSES } from '../../../shared/enums.js';
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { workspaces } from './identity.js';
import { campaigns } from './campaigns.js';
import { enrichmentProviderEnum, prospects } from './prospects.js';

export const enrichmentTaskStatusEnum = pgEnum('enrichment_task_status', ENRICHMENT_TASK_STATUSES);

/**
 * The enrichment queue, one row per prospect: `queued` when asked for, `running` while one worker
 * holds its lease (the claim is what keeps two workers from calling the LLM for the same prospect),
 * then `done` or `failed` with the error shown on the prospect. The jobs only carry batches of
 * prospect ids; this row is the truth about each prospect.
 */
export const enrichmentTasks = pgTable(
  'enrichment_tasks',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    /** The campaign the request came from (its progress bar counts these rows). */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    status: enrichmentTaskStatusEnum('status').notNull().default('queued'),
    leaseUntil: tstz('lease_until'),
    claimedBy: text('claimed_by'),
    /** LLM runs started for this request (a lease lost to a crash counts). */
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    requestedAt: tstz('requested_at').notNull().defaultNow(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrichment_tasks_prospect_idx').on(t.prospectId),
    index('enrichment_tasks_status_idx').on(t.workspaceId, t.status),
    index('enrichment_tasks_campaign_idx').on(t.workspaceId, t.campaignId, t.status),
    workspaceIsolation(),
  ],
);

/**
 * One row per LLM call group for a prospect (the answer plus its corrected retry): tokens in and
 * out for the usage page, and the per-minute budget's window. Cache hits and offline enrichment
 * make no call and leave no row.
 */
export const enrichmentCalls = pgTable(
  'enrichment_calls',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    prospectId: uuid('prospect_id').references(() => prospects.id, { onDelete: 'set null' }),
    provider: enrichmentProviderEnum('provider').notNull(),
    model: text('model').notNull(),
    /** HTTP requests made (1, or 2 with the corrected retry). */
    requests: integer('requests').notNull().default(1),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    /** False when the answer stayed invalid after the retry (tokens were still spent). */
    valid: boolean('valid').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index('enrichment_calls_workspace_idx').on(t.workspaceId, t.createdAt),
    index('enrichment_calls_campaign_idx').on(t.workspaceId, t.campaignId, t.createdAt),
    workspaceIsolation(),
  ],
);
