import { z } from 'zod';
import { authedProcedure, router } from '../trpc/init.js';
import { campaignLaunchProgress, launchesInProgress, launchProgressOutput } from './progress.js';
import { listRuns, type ScrapeRun } from './scrape-runs.queries.js';
import { getScrapeRun, resolveCampaignSearch, triggerScrape } from './scrape.service.js';
import { SCRAPE_RUN_STATUSES } from '../db/schema/index.js';
import { hasPhantomBusterKey } from './phantombuster-client.js';

const tags = ['scraping'];
const id = z.uuid('Not a valid id');

const runOutput = z.object({
  id: z.string(),
  campaignId: z.string(),
  agentId: z.string(),
  searchUrl: z.string(),
  searchSource: z.enum(['campaign', 'icp']),
  maxProfiles: z.number().int(),
  status: z.enum(SCRAPE_RUN_STATUSES),
  containerId: z.string().nullable(),
  launches: z.number().int(),
  counts: z.object({ found: z.number().int(), new: z.number().int(), duplicates: z.number().int(), skipped: z.number().int(), rejected: z.number().int() }),
  error: z.string().nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  createdAt: z.date(),
});
const runWithProspects = runOutput.extend({ prospectIds: z.array(z.string()) });

function present(run: ScrapeRun): z.infer<typeof runOutput> {
  return {
    id: run.id,
    campaignId: run.campaignId,
    agentId: run.agentId,
    searchUrl: run.searchUrl,
    searchSource: run.searchSource,
    maxProfiles: run.maxProfiles,
    status: run.status,
    containerId: run.containerId,
    launches: run.launches,
    counts: { found: run.found, new: run.newCount, duplicates: run.duplicates, skipped: run.skipped, rejected: run.rejected },
    error: run.error,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    createdAt: run.createdAt,
  };
}

const previewOutput = z.object({
  agentId: z.string().nullable(),
  maxProfiles: z.number().int(),
  searchUrl: z.string().nullable(),
  source: z.enum(['campaign', 'icp']).nullable(),
  dropped: z.array(z.string()),
  problem: z.enum(['no_agent', 'no_search']).nullable(),
  hasApiKey: z.boolean(),
});

/**
 * LinkedIn scraping through PhantomBuster (the original plan's `/api/campaigns/:id/…` endpoints):
 * trigger a scrape, read a run with the prospects it created, preview the search a launch would
 * run, and the campaign's launch progress across its three stages.
 */
export const scrapingRouter = router({
  trigger: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/campaigns/{id}/trigger-scrape',
        tags,
        summary: 'Scrape LinkedIn for the campaign through its PhantomBuster agent',
        description:
          'Queues a scrape run of the campaign’s LinkedIn search (or the one built from the ICP) and answers 202 with the run. ' +
          '409 `scrape.already_running` while another run of the campaign is queued or running; 409 `scrape.no_agent`, `scrape.no_search` or `scrape.no_key` when something it needs is missing.',
      },
      rest: { successStatus: 202 },
    })
    .input(z.object({ id }))
    .output(runOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace(async (db) => present(await triggerScrape(db, ctx.actor, ctx.services, input.id)))),

  run: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/campaigns/{id}/scrape-runs/{runId}', tags, summary: 'A scrape run: status, counts, error, and the ids of the prospects it created' } })
    .input(z.object({ id, runId: id }))
    .output(runWithProspects)
    .query(({ ctx, input }) =>
      ctx.inWorkspace(async (db) => {
        const run = await getScrapeRun(db, input.id, input.runId);
        return { ...present(run), prospectIds: run.prospectIds };
      }),
    ),

  runs: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/campaigns/{id}/scrape-runs', tags, summary: 'The campaign’s scrape runs, newest first' } })
    .input(z.object({ id, limit: z.coerce.number().int().min(1).max(50).default(10) }))
    .output(z.array(runOutput))
    .query(({ ctx, input }) => ctx.inWorkspace(async (db) => (await listRuns(db, input.id, input.limit)).map(present))),

  searchPreview: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/campaigns/{id}/linkedin-search-preview',
        tags,
        summary: 'The LinkedIn search a scrape of the campaign would run (its own URL, or the one built from the ICP)',
      },
    })
    .input(z.object({ id }))
    .output(previewOutput)
    .query(({ ctx, input }) =>
      ctx.inWorkspace(async (db) => ({ ...(await resolveCampaignSearch(db, input.id)), hasApiKey: await hasPhantomBusterKey(db, ctx.services) })),
    ),

  progress: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/campaigns/{id}/progress',
        tags,
        summary: 'The campaign’s launch progress: scraping, enriching, sequencing',
        description: 'Top level: the stage that matters now with every count; `stages`: each stage with its own status, bar (`done`/`total`), errors and times.',
      },
    })
    .input(z.object({ id }))
    .output(launchProgressOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => campaignLaunchProgress(db, input.id))),

  /** The dashboard's compact list: campaigns launching now or within the last day. */
  launches: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(10).default(5) }).optional())
    .output(z.array(launchProgressOutput.extend({ campaignId: z.string(), campaignName: z.string() })))
    .query(({ ctx, input }) => ctx.inWorkspace((db) => launchesInProgress(db, input?.limit ?? 5))),
});
