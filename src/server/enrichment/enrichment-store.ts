import { and, desc, eq, sql } from 'drizzle-orm';
import type { EnrichmentAnswer } from './enrichment-schema.js';
import type { Db } from '../db/database.js';
import { agents, campaigns, enrichmentCalls, enrichments, prospects, workspaces } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { getIcp } from '../icp/icp.service.js';
import type { EnrichmentStyle, IcpCriteria, ProspectFacts } from './prompt.js';

/** What one enrichment run reads and writes in the database: facts in, result and usage out. */

export type ProspectInput = { facts: ProspectFacts; campaignId: string | null; stage: string };

/** The prospect's facts as the prompt sends them; null when the prospect was deleted meanwhile. */
export async function loadProspectInput(db: Db, prospectId: string): Promise<ProspectInput | null> {
  const [row] = await db.select().from(prospects).where(eq(prospects.id, prospectId));
  if (!row) return null;
  const custom = row.customFields;
  return {
    facts: {
      firstName: row.firstName,
      lastName: row.lastName,
      fullName: row.fullName,
      title: row.title,
      company: row.company,
      companyDomain: row.companyDomain,
      industry: row.industry,
      location: row.location,
      // Scraped profiles keep their LinkedIn "About" as custom field `summary` (see scraping/profiles.ts).
      summary: custom.summary ?? custom.about ?? null,
    },
    campaignId: row.campaignId,
    stage: row.stage,
  };
}

/** The ICP and the writing style the prompt states: the workspace's ICP, its company, the campaign agent's tone and language. */
export async function loadPromptContext(db: Db, campaignId: string | null): Promise<{ icp: IcpCriteria; style: EnrichmentStyle }> {
  const { updatedAt: _updatedAt, ...icp } = await getIcp(db);
  const [workspace] = await db.select({ companyName: workspaces.companyName }).from(workspaces).limit(1);
  const [agent] = campaignId
    ? await db.select({ tone: agents.tone, language: agents.language }).from(campaigns).innerJoin(agents, eq(agents.id, campaigns.agentId)).where(eq(campaigns.id, campaignId))
    : [];
  return { icp, style: { senderCompany: workspace?.companyName ?? null, tone: agent?.tone ?? null, language: agent?.language ?? 'auto' } };
}

export type StoredEnrichment = typeof enrichments.$inferSelect;

/** A stored enrichment with this cache key: the prospect's own first, else an identical profile's. */
export async function findCached(db: Db, prospectId: string, cacheKey: string): Promise<StoredEnrichment | null> {
  const [row] = await db
    .select()
    .from(enrichments)
    .where(eq(enrichments.cacheKey, cacheKey))
    .orderBy(desc(sql`${enrichments.prospectId} = ${prospectId}`))
    .limit(1);
  return row ?? null;
}

export type EnrichmentResult = {
  answer: EnrichmentAnswer;
  fitReasons: string[];
  provider: 'llm' | 'offline';
  model: string;
  cacheKey: string;
  tokensIn: number | null;
  tokensOut: number | null;
};

/** Stores (replaces) the prospect's enrichment, moves a `new` prospect to `enriched`, and says so in the activity stream. */
export async function saveEnrichment(db: Db, input: { workspaceId: string; prospectId: string; campaignId: string | null; stage: string; result: EnrichmentResult; cached: boolean }): Promise<void> {
  const { result } = input;
  const values = {
    talkingPoints: result.answer.talkingPoints,
    openingLine: result.answer.openingLine,
    fitScore: result.answer.fitScore,
    fitReasons: result.fitReasons,
    timezone: result.answer.timezone,
    language: result.answer.language,
    provider: result.provider,
    model: result.model,
    cacheKey: result.cacheKey,
    tokensIn: result.tokensIn,
    tokensOut: result.tokensOut,
    updatedAt: new Date(),
  };
  await db
    .insert(enrichments)
    .values({ workspaceId: input.workspaceId, prospectId: input.prospectId, ...values })
    .onConflictDoUpdate({ target: enrichments.prospectId, set: values });
  if (input.stage === 'new') await markEnriched(db, input.workspaceId, input.prospectId);
  await recordEvent(db, {
    workspaceId: input.workspaceId,
    type: 'prospect.enriched',
    prospectId: input.prospectId,
    campaignId: input.campaignId,
    data: { provider: result.provider, model: result.model, fitScore: result.answer.fitScore, cached: input.cached },
  });
}

/**
 * `new` → `enriched`, with the same `prospect.stage_changed` event a manual move records (the
 * Kanban listens to it). A prospect already further along (contacted, replied…) keeps its stage.
 * Written here rather than through the prospects domain so that domain can call enrichment.
 */
async function markEnriched(db: Db, workspaceId: string, prospectId: string): Promise<void> {
  const moved = await db
    .update(prospects)
    .set({ stage: 'enriched', stageChangedAt: sql`now()` })
    .where(and(eq(prospects.id, prospectId), eq(prospects.stage, 'new')))
    .returning({ campaignId: prospects.campaignId });
  if (moved.length === 0) return;
  await recordEvent(db, { workspaceId, type: 'prospect.stage_changed', actorUserId: null, prospectId, campaignId: moved[0]!.campaignId, data: { from: 'new', to: 'enriched', reason: 'enrichment' } });
}

/** Tokens spent on one prospect's call(s), valid answer or not. */
export async function recordCall(db: Db, input: { workspaceId: string; campaignId: string | null; prospectId: string; model: string; requests: number; tokensIn: number; tokensOut: number; valid: boolean }): Promise<void> {
  await db.insert(enrichmentCalls).values({ ...input, provider: 'llm' });
}

export async function recordFailure(db: Db, input: { workspaceId: string; prospectId: string; campaignId: string | null; error: string }): Promise<void> {
  await recordEvent(db, { workspaceId: input.workspaceId, type: 'prospect.enrichment_failed', prospectId: input.prospectId, campaignId: input.campaignId, data: { error: input.error.slice(0, 300) } });
}
