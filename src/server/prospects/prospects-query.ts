import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { PROSPECT_STAGES } from '../../shared/enums.js';
import type { Database, Db } from '../db/database.js';
import { containsPattern, cursorTimestamp, decodeCursor, encodeCursor, isCursorTimestamp } from '../db/list-query.js';
import { campaigns, enrichments, prospects } from '../db/schema/index.js';
import type { ListInput, ProspectFilter, ProspectListItem, ProspectSort } from './prospects.schemas.js';

/**
 * The prospect list: server-side filters and keyset pagination. The cursor carries the last row's
 * sort key and id, so page N costs the same as page 1 and rows sharing a sort key (a whole import
 * batch has one `created_at`) are neither repeated nor skipped.
 */

/** The columns a prospect is shown with, plus its campaign's name. */
export const prospectColumns = {
  id: prospects.id,
  email: prospects.email,
  firstName: prospects.firstName,
  lastName: prospects.lastName,
  fullName: prospects.fullName,
  linkedinUrl: prospects.linkedinUrl,
  title: prospects.title,
  company: prospects.company,
  companyDomain: prospects.companyDomain,
  industry: prospects.industry,
  location: prospects.location,
  timezone: prospects.timezone,
  source: prospects.source,
  tags: prospects.tags,
  stage: prospects.stage,
  campaignId: prospects.campaignId,
  campaignName: campaigns.name,
  customFields: prospects.customFields,
  stageChangedAt: prospects.stageChangedAt,
  lastContactedAt: prospects.lastContactedAt,
  lastRepliedAt: prospects.lastRepliedAt,
  createdAt: prospects.createdAt,
  updatedAt: prospects.updatedAt,
};

/** WHERE conditions for a filter; the explicit workspace_id lets the planner use the composite indexes (RLS applies anyway). */
export function filterConditions(workspaceId: string, filter: ProspectFilter & { ids?: string[] }): SQL[] {
  const conditions: SQL[] = [eq(prospects.workspaceId, workspaceId)];
  if (filter.ids) conditions.push(inArray(prospects.id, filter.ids));
  if (filter.campaignId) conditions.push(eq(prospects.campaignId, filter.campaignId));
  if (filter.stage) conditions.push(eq(prospects.stage, filter.stage));
  if (filter.source) conditions.push(eq(prospects.source, filter.source));
  if (filter.minFitScore !== undefined) {
    conditions.push(sql`exists (select 1 from ${enrichments} e where e.prospect_id = ${prospects.id} and e.fit_score >= ${filter.minFitScore})`);
  }
  if (filter.tag) conditions.push(sql`${prospects.tags} @> array[${filter.tag}]::text[]`);
  // Each word must appear somewhere in name, email, company or title (trigram index on search_text).
  // search_text is already lower-cased, so LIKE on lower(pattern) is ILIKE without case-folding every
  // row: the same result, and 2-3x faster when a 1-2 letter term leaves the index unusable.
  for (const term of (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    conditions.push(sql`${prospects.searchText} like lower(${containsPattern(term)})`);
  }
  return conditions;
}

type SortSpec = {
  key: SQL;
  cursorValue: SQL;
  cast: (value: string) => SQL;
  /** Checked before a cursor's value reaches `cast`, so a forged cursor is a 400, not a SQL error. */
  isValidValue: (value: string) => boolean;
};

const anyText = () => true;

function sortSpec(sort: ProspectSort): SortSpec {
  switch (sort) {
    case 'createdAt':
      return {
        key: sql`${prospects.createdAt}`,
        cursorValue: cursorTimestamp(prospects.createdAt),
        cast: (value) => sql`${value}::timestamptz`,
        isValidValue: isCursorTimestamp,
      };
    case 'name': {
      // Immutable functions only (concat_ws is not): prospects_name_sort_idx is built on this exact expression.
      const key = sql`lower(coalesce(nullif(btrim(coalesce(${prospects.firstName}, '') || ' ' || coalesce(${prospects.lastName}, '')), ''), ${prospects.fullName}, ''))`;
      return { key, cursorValue: key, cast: (value) => sql`${value}::text`, isValidValue: anyText };
    }
    case 'company': {
      // The exact expression of prospects_company_sort_idx.
      const key = sql`lower(coalesce(${prospects.company}, ''))`;
      return { key, cursorValue: key, cast: (value) => sql`${value}::text`, isValidValue: anyText };
    }
    case 'stage':
      // Enum order is pipeline order (new → won/lost).
      return {
        key: sql`${prospects.stage}`,
        cursorValue: sql`${prospects.stage}::text`,
        cast: (value) => sql`${value}::prospect_stage`,
        isValidValue: (value) => (PROSPECT_STAGES as readonly string[]).includes(value),
      };
    case 'fitScore': {
      // Not enriched sorts below a score of 0 (a key of -1, never null: keyset comparison needs a value).
      const key = sql`coalesce((select e.fit_score from ${enrichments} e where e.prospect_id = ${prospects.id}), -1)`;
      return { key, cursorValue: sql`${key}::text`, cast: (value) => sql`${value}::int`, isValidValue: (value) => /^-?\d{1,3}$/.test(value) };
    }
  }
}

/**
 * Why two steps. Row-level security forbids Postgres to use an index for a condition whose
 * operator is not "leakproof" — ILIKE (the trigram index), enum equality (the stage index), array
 * containment (the tags index) — so under RLS every filtered page is a scan of all the workspace's
 * rows (100-150 ms at 100k prospects). Step 1 finds the page's ids outside RLS, with the workspace
 * condition written explicitly (`filterConditions` always starts with it); step 2 reads the rows
 * themselves under RLS, so even a mistake in step 1 could never show another workspace's data.
 */
async function findPageIds(db: Db, workspaceId: string, input: ListInput & { ids?: string[] }) {
  const spec = sortSpec(input.sort);
  const conditions = filterConditions(workspaceId, input);
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor, { sort: input.sort, order: input.order, isValidValue: spec.isValidValue });
    const after = sql`(${spec.key}, ${prospects.id}) ${sql.raw(input.order === 'desc' ? '<' : '>')} (${spec.cast(cursor.value)}, ${cursor.id}::uuid)`;
    conditions.push(after);
  }
  // NULLS LAST/FIRST spelled out to match the indexes (created_at DESC NULLS LAST, id DESC NULLS LAST):
  // Postgres's default for DESC is NULLS FIRST, and a mismatch means a sort of every row.
  const direction = (key: SQL | typeof prospects.id) => (input.order === 'desc' ? sql`${key} desc nulls last` : sql`${key} asc nulls first`);
  return db
    .select({ id: prospects.id, sortValue: sql<string>`${spec.cursorValue}` })
    .from(prospects)
    .where(and(...conditions))
    .orderBy(direction(spec.key), direction(prospects.id))
    .limit(input.limit + 1);
}

export async function listProspects(
  database: Database,
  workspaceId: string,
  input: ListInput & { ids?: string[] },
): Promise<{ items: ProspectListItem[]; nextCursor: string | null }> {
  const found = await database.asSystem((db) => findPageIds(db, workspaceId, input));
  const pageIds = found.slice(0, input.limit);
  const last = pageIds[pageIds.length - 1];
  const nextCursor = found.length > input.limit && last ? encodeCursor({ sort: input.sort, order: input.order, value: last.sortValue, id: last.id }) : null;
  if (pageIds.length === 0) return { items: [], nextCursor };
  const rows = await database.withWorkspace(workspaceId, (db) =>
    db
      .select({ ...prospectColumns, fitScore: enrichments.fitScore })
      .from(prospects)
      .leftJoin(campaigns, eq(campaigns.id, prospects.campaignId))
      .leftJoin(enrichments, eq(enrichments.prospectId, prospects.id))
      .where(inArray(prospects.id, pageIds.map((row) => row.id))),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = pageIds.flatMap((row) => byId.get(row.id) ?? []);
  return { items, nextCursor };
}

/** Counted outside RLS for the same reason as the list (see findPageIds): only a number leaves. */
export async function countProspects(database: Database, workspaceId: string, filter: ProspectFilter): Promise<number> {
  const [row] = await database.asSystem((db) =>
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(prospects)
      .where(and(...filterConditions(workspaceId, filter))),
  );
  return Number(row?.total ?? 0);
}
