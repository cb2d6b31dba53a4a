import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { scrapeRuns, type ScrapeRunStatus } from '../db/schema/index.js';

/** The SQL of `scrape_runs`, on the workspace-scoped `db`. */

export type ScrapeRun = typeof scrapeRuns.$inferSelect;
type NewRun = Pick<typeof scrapeRuns.$inferInsert, 'workspaceId' | 'campaignId' | 'requestedBy' | 'agentId' | 'searchUrl' | 'searchSource' | 'maxProfiles'>;

/** Inserts a queued run, or returns null when the campaign already has one queued or running. */
export async function insertRunUnlessActive(db: Db, run: NewRun): Promise<ScrapeRun | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into scrape_runs (workspace_id, campaign_id, requested_by, agent_id, search_url, search_source, max_profiles)
        values (${run.workspaceId}, ${run.campaignId}, ${run.requestedBy ?? null}, ${run.agentId}, ${run.searchUrl}, ${run.searchSource}, ${run.maxProfiles})
        on conflict (campaign_id) where status in ('queued', 'running') do nothing
        returning id`,
  );
  const id = rows[0]?.id;
  return id ? findRun(db, id) : null;
}

export async function findRun(db: Db, runId: string): Promise<ScrapeRun | null> {
  const [row] = await db.select().from(scrapeRuns).where(eq(scrapeRuns.id, runId));
  return row ?? null;
}

export async function activeRun(db: Db, campaignId: string): Promise<ScrapeRun | null> {
  const [row] = await db
    .select()
    .from(scrapeRuns)
    .where(and(eq(scrapeRuns.campaignId, campaignId), inArray(scrapeRuns.status, ['queued', 'running'])));
  return row ?? null;
}

export async function latestRun(db: Db, campaignId: string): Promise<ScrapeRun | null> {
  const [row] = await db.select().from(scrapeRuns).where(eq(scrapeRuns.campaignId, campaignId)).orderBy(desc(scrapeRuns.createdAt)).limit(1);
  return row ?? null;
}

export async function listRuns(db: Db, campaignId: string, limit: number): Promise<ScrapeRun[]> {
  return db.select().from(scrapeRuns).where(eq(scrapeRuns.campaignId, campaignId)).orderBy(desc(scrapeRuns.createdAt)).limit(limit);
}

export type RunChanges = Partial<Pick<ScrapeRun, 'status' | 'containerId' | 'error' | 'jobId' | 'startedAt' | 'finishedAt' | 'launchedAt'>>;

export async function updateRun(db: Db, runId: string, changes: RunChanges & { launched?: boolean }): Promise<void> {
  const { launched, ...rest } = changes;
  await db
    .update(scrapeRuns)
    .set({ ...rest, ...(launched ? { launches: sql`${scrapeRuns.launches} + 1` } : {}) })
    .where(eq(scrapeRuns.id, runId));
}

/** Adds one committed batch's figures and created prospects to the run. */
export async function addBatchCounts(
  db: Db,
  runId: string,
  batch: { found: number; created: string[]; duplicates: number; skipped: number; rejected: number },
): Promise<void> {
  await db
    .update(scrapeRuns)
    .set({
      found: sql`${scrapeRuns.found} + ${batch.found}`,
      newCount: sql`${scrapeRuns.newCount} + ${batch.created.length}`,
      duplicates: sql`${scrapeRuns.duplicates} + ${batch.duplicates}`,
      skipped: sql`${scrapeRuns.skipped} + ${batch.skipped}`,
      rejected: sql`${scrapeRuns.rejected} + ${batch.rejected}`,
      prospectIds: sql`${scrapeRuns.prospectIds} || ${sql.raw(`'{${batch.created.join(',')}}'::uuid[]`)}`,
    })
    .where(eq(scrapeRuns.id, runId));
}

export function isActive(status: ScrapeRunStatus): boolean {
  return status === 'queued' || status === 'running';
}
