import { z } from 'zod';
import { eventFeedItemOutput } from '../events/event-feed.js';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { campaignEvents, campaignFormOptions, campaignJobs, campaignProspects, getCampaign, listCampaigns } from './campaigns.queries.js';
import {
  campaignJobOutput,
  campaignListOutput,
  campaignOutput,
  campaignProspectOutput,
  createCampaignInput,
  deleteCampaignOutput,
  formOptionsOutput,
  idSchema,
  listCampaignsInput,
  updateCampaignInput,
} from './campaigns.schemas.js';
import { updateCampaignLaunching } from '../launch/launch.service.js';
import { createCampaign, deleteCampaign, restoreCampaign } from './campaigns.service.js';

const tags = ['campaigns'];

/** A boolean as a query string carries it (`?pauseFirst=true`): the REST layer maps only plain strings to query parameters. */
const queryFlag = z.string().regex(/^(true|false)$/, 'Must be true or false');

export const campaignsRouter = router({
  create: authedProcedure
    .meta({
      openapi: { method: 'POST', path: '/admin/campaigns', tags, summary: 'Create a campaign (status draft)' },
      rest: { successStatus: 201 },
    })
    .input(createCampaignInput)
    .output(campaignOutput)
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace((db) => createCampaign(db, ctx.actor, input)),
    ),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/campaigns',
        tags,
        summary: 'List campaigns',
        description: 'Filter by status (comma-separated), agentId, creation date range and name (`q`); keyset pagination with `cursor` → `nextCursor`.',
      },
    })
    .input(listCampaignsInput)
    .output(campaignListOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => listCampaigns(db, ctx.actor.workspaceId, input))),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/campaigns/{id}', tags, summary: 'Get a campaign with its counters' } })
    .input(z.object({ id: idSchema }))
    .output(campaignOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getCampaign(db, ctx.actor.workspaceId, input.id))),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/admin/campaigns/{id}',
        tags,
        summary: 'Edit a campaign or change its status',
        description:
          'Status changes follow `draft → active ⇄ paused → completed → archived` (draft, paused and completed can be archived; ' +
          'an active campaign must be paused first; completed cannot be resumed; archived is final). An illegal move answers 409.',
      },
    })
    .input(updateCampaignInput)
    .output(campaignOutput)
    // Launching (status → active) also starts the campaign's LinkedIn scrape when it has one (scraping/launch-scrape.ts).
    .mutation(({ ctx, input }) => ctx.inWorkspace(async (db) => (await updateCampaignLaunching(db, ctx.actor, ctx.services, input)).campaign)),

  delete: adminProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/admin/campaigns/{id}',
        tags,
        summary: 'Delete a campaign (archives it if it has sent mail)',
        description:
          'Answers 200 with `{deleted, archived}`: `deleted: true` when the campaign was erased; `archived: true` when it had ' +
          'sent mail (or received replies) and was archived instead so its history survives. An active campaign answers 409 ' +
          'unless `pauseFirst=true`: then it is paused, then deleted (or archived). Admins only.',
      },
    })
    .input(z.object({ id: idSchema, pauseFirst: queryFlag.optional().describe('Pause an active campaign first instead of answering 409') }))
    .output(deleteCampaignOutput)
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace((db) => deleteCampaign(db, ctx.actor, input.id, { pauseFirst: input.pauseFirst === 'true' })),
    ),

  restore: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/campaigns/{id}/restore',
        tags,
        summary: 'Restore an archived campaign',
        description: 'Back to `completed` if it had finished, `paused` if it was ever launched, else `draft`. 409 when the campaign is not archived. Admins only.',
      },
    })
    .input(z.object({ id: idSchema }))
    .output(campaignOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => restoreCampaign(db, ctx.actor, input.id))),

  events: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/campaigns/{id}/events', tags, summary: 'The campaign’s activity, newest first' } })
    .input(z.object({ id: idSchema, before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }))
    .output(z.array(eventFeedItemOutput))
    .query(({ ctx, input }) => ctx.inWorkspace((db) => campaignEvents(db, ctx.actor.workspaceId, input))),

  jobs: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/campaigns/{id}/jobs', tags, summary: 'Running and recent background work for the campaign' } })
    .input(z.object({ id: idSchema }))
    .output(z.array(campaignJobOutput))
    .query(({ ctx, input }) => ctx.inWorkspace((db) => campaignJobs(db, ctx.actor.workspaceId, input.id))),

  prospects: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/campaigns/{id}/prospects', tags, summary: 'The newest prospects of the campaign' } })
    .input(z.object({ id: idSchema, limit: z.coerce.number().int().min(1).max(100).default(25) }))
    .output(z.object({ total: z.number().int(), items: z.array(campaignProspectOutput) }))
    .query(({ ctx, input }) => ctx.inWorkspace((db) => campaignProspects(db, ctx.actor.workspaceId, input))),

  /** Agents and mailboxes the campaign form offers. */
  formOptions: authedProcedure.output(formOptionsOutput).query(({ ctx }) => ctx.inWorkspace(campaignFormOptions)),
});
