import type { Actor } from '../actor.js';
import { eq } from 'drizzle-orm';
import type { CampaignView, UpdateCampaignInput } from '../campaigns/campaigns.schemas.js';
import { updateCampaign } from '../campaigns/campaigns.service.js';
import type { Db } from '../db/database.js';
import { campaigns } from '../db/schema/index.js';
import { AppError, fieldIssue } from '../errors.js';
import { launchScrapePlan, startLaunchScrape } from '../scraping/launch-scrape.js';
import type { ScrapeServices } from '../scraping/phantombuster-client.js';
import type { ScrapeRun } from '../scraping/scrape-runs.queries.js';
import { checkSearchUrl } from '../scraping/search-url.js';

/**
 * "Launch campaign" across domains (above campaigns and scraping, used only by the transport): a
 * campaign edit that may set its LinkedIn search and may launch it. Launching (status → active,
 * from the campaign page or `POST …/launch`) asks the scrape plan first — a scrape that will bring
 * the prospects lets the preflight through without any yet — then starts the scrape.
 */
export async function updateCampaignLaunching(db: Db, actor: Actor, services: ScrapeServices, input: UpdateCampaignInput): Promise<{ campaign: CampaignView; scrapeRun: ScrapeRun | null }> {
  const checked = withCheckedSearch(input);
  const [current] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, input.id));
  if (checked.status !== 'active' || !current || current.status === 'active') return { campaign: await updateCampaign(db, actor, checked), scrapeRun: null };
  // The search saved in the same edit counts: update it first, then plan with it.
  if (checked.linkedinSearch !== undefined) await updateCampaign(db, actor, { id: checked.id, linkedinSearch: checked.linkedinSearch });
  const plan = await launchScrapePlan(db, services, input.id);
  const campaign = await updateCampaign(db, actor, checked, { prospectsIncoming: plan.willScrape || plan.running });
  return { campaign, scrapeRun: await startLaunchScrape(db, actor, services, input.id, plan) };
}

/** A pasted search URL must be a LinkedIn or Sales Navigator people search; it is stored canonical. */
function withCheckedSearch(input: UpdateCampaignInput): UpdateCampaignInput {
  const url = input.linkedinSearch?.searchUrl;
  if (!input.linkedinSearch || !url) return input;
  const checked = checkSearchUrl(url);
  if (!checked.ok) {
    throw new AppError('BAD_REQUEST', `linkedinSearch.searchUrl: ${checked.reason}`, { reason: 'input.invalid', issues: [fieldIssue(['linkedinSearch', 'searchUrl'], 'linkedin.search_url', checked.reason)] });
  }
  return { ...input, linkedinSearch: { ...input.linkedinSearch, searchUrl: checked.url } };
}
