import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { PROSPECT_SOURCES, PROSPECT_STAGES } from '../../shared/enums.js';
import { IMPORT_ROW_CODES } from '../../shared/error-reasons.js';
import { refused } from '../../shared/issue-rules.js';
import { storableText } from '../../shared/text-rules.js';
import { prospectImports, prospects } from '../db/schema/index.js';
import { customFieldsSchema, NEEDS_CONTACT, PROSPECT_FIELDS, prospectFieldRules, tagSchema, tagsSchema } from './prospect-fields.js';

export const PROSPECT_SORTS = ['createdAt', 'name', 'company', 'stage', 'fitScore'] as const;
export type ProspectSort = (typeof PROSPECT_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** Mapping target of one CSV column: a prospect field, a custom field, or nothing. */
export const COLUMN_TARGETS = [...PROSPECT_FIELDS, 'custom', 'ignore'] as const;
export type ColumnTarget = (typeof COLUMN_TARGETS)[number];

export const MAX_PAGE_SIZE = 200;
/** Ids in one request: the bulk bar sends a page at most; "all matching" sends the filter instead. */
export const MAX_IDS = 1000;
/** Ids in the export's query string (URLs stay under Node's 16 KiB header limit). */
export const MAX_EXPORT_IDS = 200;

const id = z.uuid('Not a valid id');

/** Server-side list filters, shared by list, count, export and bulk. Query strings coerce. */
export const prospectFilter = z.object({
  campaignId: id.optional(),
  stage: z.enum(PROSPECT_STAGES).optional(),
  tag: storableText('Tag').trim().min(1).max(50).optional(),
  source: z.enum(PROSPECT_SOURCES).optional(),
  q: storableText('Search').trim().max(200, 'Search must be at most 200 characters').optional(),
  /** Enriched prospects whose ICP fit score is at least this. */
  minFitScore: z.coerce.number().int('The minimum score must be a whole number').min(0, 'The minimum score must be between 0 and 100').max(100, 'The minimum score must be between 0 and 100').optional(),
});
export type ProspectFilter = z.infer<typeof prospectFilter>;

export const listInput = prospectFilter.extend({
  sort: z.enum(PROSPECT_SORTS).default('createdAt'),
  order: z.enum(SORT_DIRECTIONS).default('desc'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type ListInput = z.infer<typeof listInput>;

export const prospectOutput = createSelectSchema(prospects)
  .pick({
    id: true,
    email: true,
    firstName: true,
    lastName: true,
    fullName: true,
    linkedinUrl: true,
    title: true,
    company: true,
    companyDomain: true,
    industry: true,
    location: true,
    timezone: true,
    source: true,
    stage: true,
    campaignId: true,
    stageChangedAt: true,
    lastContactedAt: true,
    lastRepliedAt: true,
    createdAt: true,
    updatedAt: true,
  })
  .extend({
    tags: z.array(z.string()),
    customFields: z.record(z.string(), z.string()),
    campaignName: z.string().nullable(),
  });
export type ProspectView = z.infer<typeof prospectOutput>;

/** A list row: the prospect and its enrichment's fit score (null until enriched). */
export const listItemOutput = prospectOutput.extend({ fitScore: z.number().int().nullable() });
export type ProspectListItem = z.infer<typeof listItemOutput>;
export const listOutput = z.object({ items: z.array(listItemOutput), nextCursor: z.string().nullable() });

/** The editable fields; `null` or '' clears a field on update. */
const editable = {
  email: prospectFieldRules.email.nullable().optional(),
  firstName: prospectFieldRules.firstName.nullable().optional(),
  lastName: prospectFieldRules.lastName.nullable().optional(),
  fullName: prospectFieldRules.fullName.nullable().optional(),
  linkedinUrl: prospectFieldRules.linkedinUrl.nullable().optional(),
  title: prospectFieldRules.title.nullable().optional(),
  company: prospectFieldRules.company.nullable().optional(),
  companyDomain: prospectFieldRules.companyDomain.nullable().optional(),
  industry: prospectFieldRules.industry.nullable().optional(),
  location: prospectFieldRules.location.nullable().optional(),
  timezone: prospectFieldRules.timezone.nullable().optional(),
  tags: tagsSchema.optional(),
  customFields: customFieldsSchema.optional(),
  campaignId: id.nullable().optional(),
};

export const createInput = z
  .object({ ...editable, stage: z.enum(PROSPECT_STAGES).optional() })
  .refine((value) => Boolean(value.email || value.linkedinUrl), { ...refused('prospect.needs_contact', NEEDS_CONTACT), path: ['email'] });
export type CreateInput = z.infer<typeof createInput>;

export const updateInput = z.object({ id, ...editable });
export type UpdateInput = z.infer<typeof updateInput>;

export const BULK_ACTIONS = ['tag', 'untag', 'delete', 'add_to_campaign', 'set_stage'] as const;
export const bulkInput = z
  .object({
    ids: z.array(id).min(1, 'Select at least one prospect').max(MAX_IDS, `At most ${MAX_IDS} ids: use a filter for more`).optional(),
    filter: prospectFilter.optional(),
    action: z.enum(BULK_ACTIONS),
    tag: tagSchema.optional(),
    expectedCount: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'For `delete`: the number of prospects the user confirmed; when the selection now matches another number, nothing is deleted (409).' }),
    campaignId: id.optional().describe('For add_to_campaign'),
    stage: z.enum(PROSPECT_STAGES).optional().describe('For set_stage'),
  })
  .refine((value) => (value.ids === undefined) !== (value.filter === undefined), { ...refused('bulk.ids_or_filter', 'Send either ids or a filter'), path: ['ids'] })
  .refine((value) => !(value.action === 'tag' || value.action === 'untag') || value.tag !== undefined, { ...refused('required', 'A tag is required for this action'), path: ['tag'] })
  .refine((value) => value.action !== 'add_to_campaign' || value.campaignId !== undefined, { ...refused('required', 'A campaign is required for this action'), path: ['campaignId'] })
  .refine((value) => value.action !== 'set_stage' || value.stage !== undefined, { ...refused('required', 'A stage is required for this action'), path: ['stage'] });
export type BulkInput = z.infer<typeof bulkInput>;

export const exportInput = prospectFilter.extend({
  ids: z.array(id).max(MAX_EXPORT_IDS, `At most ${MAX_EXPORT_IDS} ids: use a filter for more`).optional(),
});

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))]);
export const wireIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string(),
  params: z.record(z.string(), paramValue).optional(),
});
/** `code` and `params` say why in words the UI translates; rows stored before they existed have only `message`. */
export const importRowError = z.object({
  row: z.number().int(),
  message: z.string(),
  code: z.enum(IMPORT_ROW_CODES).optional(),
  params: z.record(z.string(), z.union([paramValue, z.array(wireIssueSchema)])).optional(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importInput = z.object({
  // The transport caps the size (MAX_UPLOAD_BYTES over REST, MAX_BODY_BYTES over tRPC); this is a backstop.
  body: z.string().max(512 * 1024 * 1024),
  campaignId: id.optional(),
  /** One target per header column, in order; omitted → the suggested mapping. */
  mapping: z.array(z.enum(COLUMN_TARGETS)).max(500).optional(),
  /** Chosen by the caller so it can poll `importStatus` while the upload runs; unique in the workspace. */
  importId: id.optional(),
  fileName: storableText('File name').trim().max(255).optional(),
});
export type ImportInput = z.infer<typeof importInput>;

const importCounts = {
  totalRows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  /** Rows left out on purpose: empty rows and ICP exclusions (listed in `errors` with their code). */
  skipped: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(importRowError),
};

/** The upload's answer: the counts when the file was small enough to finish at once, else the id to follow. */
export const importOutput = z.union([
  z.object({ importId: z.string(), status: z.enum(['completed', 'failed']), ...importCounts }),
  z.object({ importId: z.string(), status: z.literal('running') }),
]);
export type ImportResult = z.infer<typeof importOutput>;

export const importStatusOutput = createSelectSchema(prospectImports)
  .pick({ id: true, status: true, totalRows: true, processedRows: true, imported: true, duplicates: true, skipped: true, errorCount: true, fileName: true, campaignId: true, createdAt: true, finishedAt: true })
  .extend({ errors: z.array(importRowError) });

/** Which tool most likely produced a CSV file (see detectFormat). */
export const CSV_FORMATS = ['salesNavigator', 'phantombuster', 'apollo', 'plain', 'unknown'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];
export const previewInput = z.object({
  /** The first ~64 KB of the file. */
  text: z.string().max(256 * 1024, 'Send at most the first 256 KB for a preview'),
  /** True when `text` is cut from a longer file (its last line may be partial). */
  truncated: z.boolean().default(false),
});
export const previewOutput = z.object({
  delimiter: z.string(),
  format: z.enum(CSV_FORMATS),
  headers: z.array(z.string()),
  mapping: z.array(z.enum(COLUMN_TARGETS)),
  rows: z.array(z.array(z.string())),
});
export type ImportPreview = z.infer<typeof previewOutput>;
