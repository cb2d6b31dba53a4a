import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { hasPhantomBusterKey, type ScrapeServices } from './phantombuster-client.js';
import { activeRun, latestRun, type ScrapeRun } from './scrape-runs.queries.js';
import { resolveCampaignSearch, triggerScrape } from './scrape.service.js';

/**
 * "Launch campaign" and LinkedIn: a launch starts a scrape when the campaign has a PhantomBuster
 * agent, a search (its own or built from the ICP) and the workspace a PhantomBuster key — unless
 * the campaign was scraped already (a resume after a pause does not scrape again; "Scrape again"
 * does, on demand). Its prospects are enriched, then enter the sequence as they arrive.
 */

export type LaunchScrape = {
  /** The launch will start a scrape. */
  willScrape: boolean;
  /** A scrape of the campaign is queued or running now. */
  running: boolean;
  searchUrl: string | null;
};

export async function launchScrapePlan(db: Db, services: ScrapeServices, campaignId: string): Promise<LaunchScrape> {
  const running = (await activeRun(db, campaignId)) !== null;
  const search = await resolveCampaignSearch(db, campaignId);
  if (running) return { willScrape: false, running, searchUrl: search.searchUrl };
  const scrapedBefore = (await latestRun(db, campaignId)) !== null;
  const ready = !scrapedBefore && search.problem === null && search.searchUrl !== null && (await hasPhantomBusterKey(db, services));
  return { willScrape: ready, running, searchUrl: search.searchUrl };
}

/** After the campaign went active: the scrape the plan said the launch starts. */
export async function startLaunchScrape(db: Db, actor: Pick<Actor, 'workspaceId' | 'userId'>, services: ScrapeServices, campaignId: string, plan: LaunchScrape): Promise<ScrapeRun | null> {
  if (!plan.willScrape) return null;
  return triggerScrape(db, actor, services, campaignId);
}

