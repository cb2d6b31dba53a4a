import { ENRICHMENT_PROVIDERS, ENROLLMENT_STATES, IMPORT_STATUSES, PROSPECT_SOURCES, PROSPECT_STAGES, SUPPRESSION_KINDS, SUPPRESSION_REASONS } from '../../../shared/enums.js';
import { sql } from 'drizzle-orm';
import { customType, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { users, workspaces } from './identity.js';
import { campaigns } from './campaigns.js';

export const prospectSourceEnum = pgEnum('prospect_source', PROSPECT_SOURCES);
export const prospectStageEnum = pgEnum('prospect_stage', PROSPECT_STAGES);

/**
 * A person to reach. Unique per workspace by normalised email (trimmed, lower-case), and by
 * normalised LinkedIn URL (src/shared/linkedin-url.ts), each on its own: a second row with the same
 * email or the same profile is a duplicate. `search_text` backs the free-text filter with a
 * trigram index so a search over 100k prospects stays fast.
 */
export const prospects = pgTable(
  'prospects',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    firstName: text('first_name'),
    lastName: text('last_name'),
    fullName: text('full_name'),
    email: text('email'),
    linkedinUrl: text('linkedin_url'),
    title: text('title'),
    company: text('company'),
    companyDomain: text('company_domain'),
    industry: text('industry'),
    location: text('location'),
    timezone: text('timezone'),
    source: prospectSourceEnum('source').notNull().default('manual'),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    stage: prospectStageEnum('stage').notNull().default('new'),
    /** The campaign the prospect currently belongs to; history lives in enrollments. */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    customFields: jsonb('custom_fields').$type<Record<string, string>>().notNull().default({}),
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(title, ''))`,
    ),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    stageChangedAt: tstz('stage_changed_at').notNull().defaultNow(),
    lastContactedAt: tstz('last_contacted_at'),
    lastRepliedAt: tstz('last_replied_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('prospects_email_idx').on(t.workspaceId, t.email).where(sql`email is not null`),
    uniqueIndex('prospects_linkedin_idx').on(t.workspaceId, t.linkedinUrl).where(sql`linkedin_url is not null`),
    index('prospects_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('prospects_stage_idx').on(t.workspaceId, t.stage, t.createdAt.desc(), t.id.desc()),
    // The Kanban shows each stage's most recently moved cards.
    index('prospects_stage_changed_idx').on(t.workspaceId, t.stageChangedAt.desc(), t.id.desc()),
    // Sorting the list by name or company (the expressions match prospects-query.ts exactly).
    index('prospects_name_sort_idx').on(
      t.workspaceId,
      sql`lower(coalesce(nullif(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), full_name, '')) desc nulls last`,
      t.id.desc(),
    ),
    index('prospects_company_sort_idx').on(t.workspaceId, sql`lower(coalesce(company, '')) desc nulls last`, t.id.desc()),
    index('prospects_campaign_idx').on(t.workspaceId, t.campaignId, t.createdAt.desc(), t.id.desc()),
    index('prospects_tags_idx').using('gin', t.tags),
    index('prospects_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    workspaceIsolation(),
  ],
);

export const enrichmentProviderEnum = pgEnum('enrichment_provider', ENRICHMENT_PROVIDERS);

/** What enrichment learned about a prospect; one row per prospect, replaced on re-enrichment. */
export const enrichments = pgTable(
  'enrichments',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    talkingPoints: jsonb('talking_points').$type<string[]>().notNull().default([]),
    openingLine: text('opening_line'),
    fitScore: integer('fit_score'),
    fitReasons: jsonb('fit_reasons').$type<string[]>().notNull().default([]),
    timezone: text('timezone'),
    language: text('language'),
    provider: enrichmentProviderEnum('provider').notNull(),
    model: text('model'),
    cacheKey: text('cache_key'),
    tokensIn: integer('tokens_in'),
    tokensOut: integer('tokens_out'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrichments_prospect_idx').on(t.prospectId),
    // The enrichment cache: a prospect whose cache key is already stored costs no call.
    index('enrichments_cache_idx').on(t.workspaceId, t.cacheKey),
    workspaceIsolation(),
  ],
);

export const enrollmentStateEnum = pgEnum('enrollment_state', ENROLLMENT_STATES);

/** Prospect × campaign: where the prospect is in the sequence. At most one active per prospect. */
export const enrollments = pgTable(
  'enrollments',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    state: enrollmentStateEnum('state').notNull().default('active'),
    currentStep: integer('current_step').notNull().default(0),
    nextRunAt: tstz('next_run_at'),
    stoppedReason: text('stopped_reason'),
    /** Why the engine holds this prospect instead of sending (unresolved variable, invalid address…); cleared by a fix. */
    hold: jsonb('hold').$type<{ code: string; [key: string]: unknown }>(),
    heldAt: tstz('held_at'),
    /** Verification of the address before the first message: valid | risky | invalid | unknown. */
    addressVerdict: text('address_verdict'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrollments_one_active_idx').on(t.prospectId).where(sql`state = 'active'`),
    index('enrollments_campaign_idx').on(t.workspaceId, t.campaignId),
    // The campaign counters' "is this person already a member" checks (see schema/counters.ts).
    index('enrollments_campaign_prospect_idx').on(t.campaignId, t.prospectId),
    index('enrollments_due_idx').on(t.nextRunAt).where(sql`state = 'active'`),
    workspaceIsolation(),
  ],
);

export const suppressionKindEnum = pgEnum('suppression_kind', SUPPRESSION_KINDS);
export const suppressionReasonEnum = pgEnum('suppression_reason', SUPPRESSION_REASONS);

/** Addresses or domains never to mail. An erasure keeps only a salted hash (`email_hash`). */
export const suppressions = pgTable(
  'suppressions',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: suppressionKindEnum('kind').notNull(),
    value: text('value').notNull(),
    reason: suppressionReasonEnum('reason').notNull(),
    source: text('source'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('suppressions_value_idx').on(t.workspaceId, t.kind, t.value), workspaceIsolation()],
);

export const importStatusEnum = pgEnum('import_status', IMPORT_STATUSES);

/**
 * A CSV import run: progress for the UI and the per-row error report. Unique per workspace (the
 * caller may choose the id), so another workspace's id is as unknown as any other.
 * `processed_rows` is the resume point: it moves in the same transaction as the batch it counts.
 */
export const prospectImports = pgTable(
  'prospect_imports',
  {
    id: uuid('id').notNull().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    fileName: text('file_name'),
    status: importStatusEnum('status').notNull().default('running'),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    /** Rows left out on purpose: empty rows, ICP exclusions (listed in `errors` with their code). */
    skipped: integer('skipped').notNull().default(0),
    /** Rows refused (all of them; `errors` keeps the first MAX_REPORTED_ERRORS of errors and skips). */
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors').$type<{ row: number; message: string }[]>().notNull().default([]),
    /** The column mapping chosen at upload (null: the suggested one). */
    mapping: jsonb('mapping').$type<string[] | null>(),
    /** The job that runs it; an import whose job is gone is failed by maintenance. */
    jobId: uuid('job_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    finishedAt: tstz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('prospect_imports_workspace_idx').on(t.workspaceId, t.createdAt),
    index('prospect_imports_running_idx').on(t.createdAt).where(sql`status = 'running'`),
    workspaceIsolation(),
  ],
);

/** Raw bytes: a CSV may hold NUL characters, which a text column refuses (the import reports them per row). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

/** The uploaded file (UTF-8), kept in the database (any instance can run the job, a restart loses nothing) until the import ends. */
export const prospectImportFiles = pgTable(
  'prospect_import_files',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.importId] }),
    foreignKey({ columns: [t.workspaceId, t.importId], foreignColumns: [prospectImports.workspaceId, prospectImports.id] }).onDelete('cascade'),
    workspaceIsolation(),
  ],
);

/** Tags in use per workspace with their prospect count, kept by triggers on `prospects` (the filter's option list). */
export const prospectTags = pgTable(
  'prospect_tags',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    prospects: integer('prospects').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.tag] }), workspaceIsolation()],
);
