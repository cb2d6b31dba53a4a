import { and } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { prospects } from '../db/schema/index.js';
import { requestEnrichment, type EnrichmentRequest } from '../enrichment/enrichment-requests.js';
import { filterConditions } from './prospects-query.js';
import type { ProspectFilter } from './prospects.schemas.js';

/** One "Enrich all N matching" covers at most this many prospects (1,000 batch jobs). */
export const MAX_ENRICH_MATCHING = 100_000;

/**
 * The bulk "Enrich" with "all matching" selected: the prospects the list's filter matches, queued
 * in batches (never one job per prospect); cached results cost no call.
 */
export async function enrichMatching(db: Db, workspaceId: string, filter: ProspectFilter): Promise<EnrichmentRequest & { matched: number }> {
  const rows = await db
    .select({ id: prospects.id })
    .from(prospects)
    .where(and(...filterConditions(workspaceId, filter)))
    .orderBy(prospects.createdAt, prospects.id)
    .limit(MAX_ENRICH_MATCHING);
  const request = await requestEnrichment(db, { workspaceId, prospectIds: rows.map((row) => row.id) });
  return { ...request, matched: rows.length };
}
