import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { campaigns } from '../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { enrichBatchJob, ENRICH_BATCH_SIZE } from './jobs.js';
import { uuidArray } from './enrichment-tasks.js';

/**
 * Asking for enrichment: the prospects' tasks become `queued` (a task already running stays as it
 * is: its worker is on it) and one job per ENRICH_BATCH_SIZE of them is enqueued, in the caller's
 * transaction — the jobs exist exactly when the request commits.
 */

export type EnrichmentRequest = { queued: number; jobs: number };

async function enqueueBatches(db: Db, workspaceId: string, campaignId: string | null, prospectIds: string[]): Promise<number> {
  let jobs = 0;
  for (let start = 0; start < prospectIds.length; start += ENRICH_BATCH_SIZE) {
    await enqueue(db, enrichBatchJob, { prospectIds: prospectIds.slice(start, start + ENRICH_BATCH_SIZE) }, { workspaceId, campaignId });
    jobs++;
  }
  return jobs;
}

/**
 * Queues `prospectIds` (those that exist in the workspace). Done and failed tasks are queued again
 * (a re-run whose facts, model and prompt are unchanged is a cache hit and costs no call).
 */
export async function requestEnrichment(db: Db, input: { workspaceId: string; prospectIds: string[]; campaignId?: string | null }): Promise<EnrichmentRequest> {
  const ids = [...new Set(input.prospectIds)];
  if (ids.length === 0) return { queued: 0, jobs: 0 };
  const campaignId = input.campaignId ?? null;
  const queued: string[] = [];
  // Chunks keep one statement's id list bounded whatever the caller sends.
  for (let start = 0; start < ids.length; start += 5000) {
    const chunk = ids.slice(start, start + 5000);
    const rows = await queryRows<{ prospect_id: string }>(
      db,
      sql`with upserted as (
            insert into enrichment_tasks (workspace_id, prospect_id, campaign_id, status, requested_at)
            select p.workspace_id, p.id, coalesce(${campaignId}::uuid, p.campaign_id), 'queued', now()
            from prospects p where p.id = any(${sql.raw(uuidArray(chunk))})
            on conflict (prospect_id) do update
              set status = 'queued', error = null, attempts = 0, requested_at = now(), finished_at = null, updated_at = now(),
                  campaign_id = coalesce(excluded.campaign_id, enrichment_tasks.campaign_id)
              where enrichment_tasks.status in ('done', 'failed')
            returning prospect_id)
          select prospect_id from upserted
          union
          select prospect_id from enrichment_tasks where prospect_id = any(${sql.raw(uuidArray(chunk))}) and status = 'queued'`,
    );
    queued.push(...rows.map((row) => row.prospect_id));
  }
  const jobs = await enqueueBatches(db, input.workspaceId, campaignId, queued);
  return { queued: queued.length, jobs };
}

/**
 * The hook for every path that adds prospects (CSV import, scraping, the API): queues them when
 * their campaign has "enrich on arrival" on (the default). Prospects without a campaign are left
 * for the "Enrich" bulk action.
 */
export async function enqueueEnrichmentForNewProspects(db: Db, input: { workspaceId: string; campaignId: string | null; prospectIds: string[] }): Promise<EnrichmentRequest> {
  if (!input.campaignId || input.prospectIds.length === 0) return { queued: 0, jobs: 0 };
  const [campaign] = await db.select({ enrichOnArrival: campaigns.enrichOnArrival }).from(campaigns).where(eq(campaigns.id, input.campaignId));
  if (!campaign?.enrichOnArrival) return { queued: 0, jobs: 0 };
  return requestEnrichment(db, input);
}

/**
 * A campaign's prospects that have never been queued (`pending`: no task yet, or failed), or all
 * of them (`all`: cached ones cost nothing). Backs "trigger enrichment" and the end of a CSV import.
 */
export async function requestCampaignEnrichment(db: Db, input: { workspaceId: string; campaignId: string; scope: 'pending' | 'failed' | 'all' }): Promise<EnrichmentRequest> {
  const condition =
    input.scope === 'all'
      ? sql`true`
      : input.scope === 'failed'
        ? sql`t.status = 'failed'`
        : sql`(t.id is null or t.status = 'failed')`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select p.id from prospects p left join enrichment_tasks t on t.prospect_id = p.id
        where p.campaign_id = ${input.campaignId} and ${condition} order by p.created_at, p.id`,
  );
  return requestEnrichment(db, { workspaceId: input.workspaceId, campaignId: input.campaignId, prospectIds: rows.map((row) => row.id) });
}

/** After an import into a campaign: its prospects with no task yet, when the campaign enriches on arrival. */
export async function enqueueEnrichmentForCampaignArrivals(db: Db, input: { workspaceId: string; campaignId: string | null }): Promise<EnrichmentRequest> {
  if (!input.campaignId) return { queued: 0, jobs: 0 };
  const [campaign] = await db.select({ enrichOnArrival: campaigns.enrichOnArrival }).from(campaigns).where(eq(campaigns.id, input.campaignId));
  if (!campaign?.enrichOnArrival) return { queued: 0, jobs: 0 };
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select p.id from prospects p where p.campaign_id = ${input.campaignId}
        and not exists (select 1 from enrichment_tasks t where t.prospect_id = p.id) order by p.created_at, p.id`,
  );
  return requestEnrichment(db, { workspaceId: input.workspaceId, campaignId: input.campaignId, prospectIds: rows.map((row) => row.id) });
}
