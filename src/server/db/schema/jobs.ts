import { ALERT_SEVERITIES, JOB_FAMILIES, JOB_OUTCOMES, JOB_STATES } from '../../../shared/enums.js';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { users, workspaces } from './identity.js';
import { campaigns } from './campaigns.js';

export const jobStateEnum = pgEnum('job_state', JOB_STATES);
export const jobFamilyEnum = pgEnum('job_family', JOB_FAMILIES);
export const jobOutcomeEnum = pgEnum('job_outcome', JOB_OUTCOMES);

export type JobProgress = { done: number; total: number | null; label?: string };

/**
 * The work queue. Workers claim rows with FOR UPDATE SKIP LOCKED and hold a lease (`lease_until`);
 * a lease that expires (crashed worker) makes the job claimable again. System jobs (cron ticks that
 * fan out per workspace) have no workspace and are only visible to the system connection.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    family: jobFamilyEnum('family').notNull(),
    /** Set when the work belongs to a campaign, so its job list reads an index instead of payloads. */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    state: jobStateEnum('state').notNull().default('queued'),
    priority: integer('priority').notNull().default(0),
    runAt: tstz('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    leaseUntil: tstz('lease_until'),
    lockedBy: text('locked_by'),
    dedupeKey: text('dedupe_key'),
    progress: jsonb('progress').$type<JobProgress>(),
    result: jsonb('result').$type<unknown>(),
    lastError: text('last_error'),
    lastOutcome: jobOutcomeEnum('last_outcome'),
    /** Why the job waits (`retryAt`: cap reached, Retry-After…) or why it failed for good. */
    outcomeReason: text('outcome_reason'),
    /** Times the handler asked to run later (`retryAt`); these do not use attempts. */
    deferrals: integer('deferrals').notNull().default(0),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Each family is claimed on its own: (family, priority, run_at) keeps every claim an index walk.
    index('jobs_claim_idx').on(t.family, t.priority.desc(), t.runAt).where(sql`state = 'queued'`),
    index('jobs_lease_idx').on(t.leaseUntil).where(sql`state = 'running'`),
    index('jobs_workspace_idx').on(t.workspaceId, t.createdAt),
    index('jobs_campaign_idx').on(t.workspaceId, t.campaignId, t.createdAt).where(sql`campaign_id is not null`),
    // At most one pending job per dedupe key (per workspace); a finished job frees its key.
    uniqueIndex('jobs_dedupe_idx')
      .on(sql`coalesce(${t.workspaceId}::text, '')`, t.dedupeKey)
      .where(sql`dedupe_key is not null and state in ('queued', 'running')`),
    workspaceIsolation(),
  ],
);

/**
 * Append-only activity log: feeds the dashboard's AI activity stream, the live updates (NOTIFY on
 * insert, see events service) and the audit trail. `id` is a sequence so SSE clients can resume.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id'),
    prospectId: uuid('prospect_id'),
    jobId: uuid('job_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_workspace_idx').on(t.workspaceId, t.id),
    index('events_prospect_idx').on(t.prospectId, t.id),
    index('events_campaign_idx').on(t.campaignId, t.id),
    workspaceIsolation(),
  ],
);

export const alertSeverityEnum = pgEnum('alert_severity', ALERT_SEVERITIES);

/** Raised by rules (failed job, bounce rate, API errors); acknowledged by an admin. */
export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    severity: alertSeverityEnum('severity').notNull().default('warning'),
    title: text('title').notNull(),
    message: text('message').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    acknowledgedAt: tstz('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('alerts_workspace_idx').on(t.workspaceId, t.createdAt), workspaceIsolation()],
);
