import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { users, workspaces } from './identity.js';
import { campaigns } from './campaigns.js';

export const SCRAPE_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ScrapeRunStatus = (typeof SCRAPE_RUN_STATUSES)[number];

/**
 * One LinkedIn scrape of a campaign through the user's PhantomBuster agent: what was searched,
 * the container being polled, what came back (found / new / duplicates / skipped by the ICP
 * exclusions / rejected as unreadable) and the ids of the prospects it created. At most one run
 * per campaign is queued or running (the partial unique index backs the 409).
 */
export const scrapeRuns = pgTable(
  'scrape_runs',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    agentId: text('agent_id').notNull(),
    searchUrl: text('search_url').notNull(),
    /** `campaign`: the campaign's own URL; `icp`: built from the workspace ICP at launch. */
    searchSource: text('search_source').$type<'campaign' | 'icp'>().notNull(),
    maxProfiles: integer('max_profiles').notNull(),
    status: text('status').$type<ScrapeRunStatus>().notNull().default('queued'),
    /** The PhantomBuster container of the current launch (cleared when a failed launch is retried). */
    containerId: text('container_id'),
    /** Agent launches so far (a failed or timed-out agent is launched again, up to the job's attempts). */
    launches: integer('launches').notNull().default(0),
    found: integer('found').notNull().default(0),
    newCount: integer('new_count').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    prospectIds: uuid('prospect_ids').array().notNull().default(sql`'{}'`),
    error: text('error'),
    jobId: uuid('job_id'),
    /** When the current container was launched (our clock: the time-out counts from here). */
    launchedAt: tstz('launched_at'),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('scrape_runs_campaign_idx').on(t.workspaceId, t.campaignId, t.createdAt),
    uniqueIndex('scrape_runs_one_active_idx').on(t.campaignId).where(sql`status in ('queued', 'running')`),
    workspaceIsolation(),
  ],
);
