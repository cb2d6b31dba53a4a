import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { campaigns, icpProfiles } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { enqueue } from '../jobs/queue.js';
import { scrapeRunJob } from './jobs.js';
import { hasPhantomBusterKey, type ScrapeServices } from './phantombuster-client.js';
import { activeRun, findRun, insertRunUnlessActive, updateRun, type ScrapeRun } from './scrape-runs.queries.js';
import { buildPeopleSearchUrl } from './search-url.js';

/**
 * Starting a scrape: the campaign's LinkedIn search (its own URL, or one built from the ICP and
 * shown to the user first), one run at a time per campaign (409 otherwise), the work in a job.
 */

export type ResolvedSearch = {
  agentId: string | null;
  maxProfiles: number;
  /** The search the next run would launch, or null when there is none to launch. */
  searchUrl: string | null;
  source: 'campaign' | 'icp' | null;
  /** ICP terms left out to keep the built search within LinkedIn's limits. */
  dropped: string[];
  /** Why the campaign cannot be scraped now, in English (null when it can). */
  problem: 'no_agent' | 'no_search' | null;
};

export async function resolveCampaignSearch(db: Db, campaignId: string): Promise<ResolvedSearch> {
  const [campaign] = await db
    .select({ agentId: campaigns.phantombusterAgentId, searchUrl: campaigns.linkedinSearchUrl, maxProfiles: campaigns.linkedinMaxProfiles })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign');
  const base = { agentId: campaign.agentId, maxProfiles: campaign.maxProfiles };
  if (campaign.searchUrl) return { ...base, searchUrl: campaign.searchUrl, source: 'campaign', dropped: [], problem: campaign.agentId ? null : 'no_agent' };
  const [icp] = await db.select({ jobTitles: icpProfiles.jobTitles, keywords: icpProfiles.keywords, locations: icpProfiles.locations }).from(icpProfiles);
  const built = icp ? buildPeopleSearchUrl(icp) : null;
  if (!built) return { ...base, searchUrl: null, source: null, dropped: [], problem: campaign.agentId ? 'no_search' : 'no_agent' };
  return { ...base, searchUrl: built.url, source: 'icp', dropped: built.dropped, problem: campaign.agentId ? null : 'no_agent' };
}


const PROBLEMS = {
  no_agent: { reason: 'scrape.no_agent', message: 'Set the campaign’s PhantomBuster agent (LinkedIn search) first' },
  no_search: { reason: 'scrape.no_search', message: 'Give the campaign a LinkedIn search URL, or job titles or keywords in the ICP to build one from' },
} as const;

/** Queues a scrape of the campaign: 409 when one is already queued or running, or when something it needs is missing. */
export async function triggerScrape(db: Db, actor: Pick<Actor, 'workspaceId' | 'userId'>, services: ScrapeServices, campaignId: string): Promise<ScrapeRun> {
  const search = await resolveCampaignSearch(db, campaignId);
  const [campaign] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (campaign?.status === 'archived') throw new AppError('CONFLICT', 'This campaign is archived: it can no longer be edited', { reason: 'campaign.archived_readonly' });
  if (search.problem || !search.agentId || !search.searchUrl || !search.source) {
    const problem = PROBLEMS[search.problem ?? 'no_search'];
    throw new AppError('CONFLICT', problem.message, { reason: problem.reason });
  }
  if (!(await hasPhantomBusterKey(db, services))) {
    throw new AppError('CONFLICT', 'Save a PhantomBuster API key in Settings → API keys first', { reason: 'scrape.no_key' });
  }
  const running = await activeRun(db, campaignId);
  const run = running
    ? null
    : await insertRunUnlessActive(db, {
        workspaceId: actor.workspaceId,
        campaignId,
        requestedBy: actor.userId,
        agentId: search.agentId,
        searchUrl: search.searchUrl,
        searchSource: search.source,
        maxProfiles: search.maxProfiles,
      });
  if (!run) {
    throw new AppError('CONFLICT', 'A LinkedIn scrape of this campaign is already running: wait for it to finish', { reason: 'scrape.already_running' });
  }
  const job = await enqueue(db, scrapeRunJob, { runId: run.id }, { workspaceId: actor.workspaceId, campaignId, dedupeKey: `scrape:${run.id}` });
  await updateRun(db, run.id, { jobId: job.id });
  await recordEvent(db, { workspaceId: actor.workspaceId, type: 'scrape.started', actorUserId: actor.userId, campaignId, data: { runId: run.id, searchSource: run.searchSource } });
  return { ...run, jobId: job.id };
}

export async function getScrapeRun(db: Db, campaignId: string, runId: string): Promise<ScrapeRun> {
  const run = await findRun(db, runId);
  if (!run || run.campaignId !== campaignId) throw new AppError('NOT_FOUND', 'No such scrape run for this campaign', { reason: 'scrape.run_not_found' });
  return run;
}
