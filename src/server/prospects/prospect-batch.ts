import { getTableColumns, sql } from 'drizzle-orm';
import type { ProspectSource } from '../../shared/enums.js';
import { queryRows, type Db } from '../db/database.js';
import { prospects } from '../db/schema/index.js';
import { exclusionReason, loadIcpExclusions, type ExclusionReason, type IcpExclusions } from '../icp/exclusions.js';

/**
 * The one way many prospects come in (CSV import today, PhantomBuster results next): ICP exclusions
 * applied, duplicates dropped (same email or same LinkedIn profile, in the batch or already in the
 * workspace), the rest inserted in one statement, and each row accounted for.
 */

type ProspectInsert = typeof prospects.$inferInsert;

/** The prospect columns a batch fills, by their Drizzle names; the SQL below is built from the table. */
export const BATCH_COLUMNS = [
  'email',
  'firstName',
  'lastName',
  'fullName',
  'linkedinUrl',
  'title',
  'company',
  'companyDomain',
  'industry',
  'location',
  'timezone',
  'tags',
  'customFields',
] as const satisfies readonly (keyof ProspectInsert)[];

type BatchColumn = (typeof BATCH_COLUMNS)[number];

/** One prospect of a batch, already validated and normalised (the field rules of prospect-fields.ts). */
export type ProspectBatchRow = { [K in BatchColumn]-?: Exclude<ProspectInsert[K], undefined> };

export type BatchTarget = { workspaceId: string; campaignId: string | null; userId: string | null; source: ProspectSource };

export type BatchOutcome = {
  inserted: number;
  /** The ids of the prospects inserted (the scraper hands them to enrichment and reports them per run). */
  ids: string[];
  /** Rows whose email or LinkedIn profile is already in the workspace, or earlier in the batch. */
  duplicates: number;
  /** Rows refused by the ICP exclusions, by their index in `rows`. */
  excluded: { index: number; reason: ExclusionReason }[];
};

const columns = getTableColumns(prospects);
// The JSON keys are the Drizzle names, so a renamed or retyped column changes this with the table.
const recordsetColumns = sql.join(
  BATCH_COLUMNS.map((key) => sql`${sql.identifier(key)} ${sql.raw(columns[key].getSQLType())}`),
  sql`, `,
);
const insertColumns = sql.join(BATCH_COLUMNS.map((key) => sql.identifier(columns[key].name)), sql`, `);
const selectColumns = sql.join(BATCH_COLUMNS.map((key) => sql`r.${sql.identifier(key)}`), sql`, `);

/** Keys of the person a row names: its email and its LinkedIn profile (both already normalised). */
export function contactKeys(row: Pick<ProspectBatchRow, 'email' | 'linkedinUrl'>): string[] {
  const keys: string[] = [];
  if (row.email) keys.push(`email:${row.email}`);
  if (row.linkedinUrl) keys.push(`linkedin:${row.linkedinUrl}`);
  return keys;
}

/**
 * Inserts `rows` into the workspace of the scoped `db`. `exclusions` may be passed by a caller that
 * inserts many batches (loaded once); otherwise they are read here.
 */
export async function insertProspectBatch(
  db: Db,
  target: BatchTarget,
  rows: readonly ProspectBatchRow[],
  options: { exclusions?: IcpExclusions } = {},
): Promise<BatchOutcome> {
  const exclusions = options.exclusions ?? (await loadIcpExclusions(db));
  const excluded: BatchOutcome['excluded'] = [];
  const kept: ProspectBatchRow[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  rows.forEach((row, index) => {
    const reason = exclusionReason(exclusions, row);
    if (reason) {
      excluded.push({ index, reason });
      return;
    }
    const keys = contactKeys(row);
    if (keys.some((key) => seen.has(key))) {
      duplicates++;
      return;
    }
    for (const key of keys) seen.add(key);
    kept.push(row);
  });
  if (kept.length === 0) return { inserted: 0, ids: [], duplicates, excluded };
  // One JSON parameter whatever the batch size (no parameter limit, one round trip); rows already in
  // the workspace are skipped by the unique indexes on email and on LinkedIn URL.
  const [result] = await queryRows<{ ids: string[] | null }>(
    db,
    sql`
      with inserted as (
        insert into ${prospects} (workspace_id, source, campaign_id, created_by, ${insertColumns})
        select ${target.workspaceId}::uuid, ${target.source}::prospect_source, ${target.campaignId}::uuid, ${target.userId}::uuid, ${selectColumns}
        from jsonb_to_recordset(${JSON.stringify(kept)}::jsonb) as r(${recordsetColumns})
        on conflict do nothing
        returning id
      )
      select array_agg(id)::text[] as ids from inserted`,
  );
  const ids = result?.ids ?? [];
  const inserted = ids.length;
  return { inserted, ids, duplicates: duplicates + kept.length - inserted, excluded };
}
