import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { enrichmentSettingsInput } from './enrichment-settings.js';
import {
  campaignEnrichOnArrival,
  enrichmentSettings,
  enrichProspects,
  prospectEnrichmentTask,
  setEnrichOnArrival,
  settingsOutput,
  taskOutput,
  triggerCampaignEnrichment,
} from './enrichment.service.js';
import { campaignEnrichmentProgress, enrichmentUsage, progressOutput, usageOutput } from './usage.js';

const tags = ['enrichment'];
const id = z.uuid('Not a valid id');
/** Like the other bulk actions: a page of ids at most per request. */
const MAX_ENRICH_IDS = 1000;
const requestOutput = z.object({ queued: z.number().int(), jobs: z.number().int() });

/**
 * AI enrichment: the "Enrich" bulk action and the drawer's "Retry", a campaign's trigger and
 * progress (the original plan's `/api/campaigns/:id/…` endpoints), usage and limits.
 */
export const enrichmentRouter = router({
  enrich: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/prospects/enrich', tags, summary: 'Queue prospects for AI enrichment (cached results cost no call)' } })
    .input(z.object({ prospectIds: z.array(id).min(1, 'Select at least one prospect').max(MAX_ENRICH_IDS, `At most ${MAX_ENRICH_IDS} prospects at once`) }))
    .output(requestOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => enrichProspects(db, ctx.actor.workspaceId, input.prospectIds))),

  forProspect: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/prospects/{id}/enrichment-status', tags, summary: "A prospect's place in the enrichment queue, with its last error" } })
    .input(z.object({ id }))
    .output(taskOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => prospectEnrichmentTask(db, input.id))),

  triggerCampaign: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/campaigns/{id}/trigger-enrichment', tags, summary: "Enrich the campaign's prospects not enriched yet (or failed, or all)" } })
    .input(z.object({ id, scope: z.enum(['pending', 'failed', 'all']).default('pending') }))
    .output(requestOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => triggerCampaignEnrichment(db, ctx.actor.workspaceId, { campaignId: input.id, scope: input.scope }))),

  /** The enriching stage alone (REST `GET /campaigns/{id}/progress` has all three stages: scraping/scraping.router.ts). */
  campaignProgress: authedProcedure
    .input(z.object({ id }))
    .output(progressOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => campaignEnrichmentProgress(db, input.id))),

  campaignSettings: authedProcedure
    .input(z.object({ id }))
    .output(z.object({ enrichOnArrival: z.boolean() }))
    .query(({ ctx, input }) => ctx.inWorkspace(async (db) => ({ enrichOnArrival: await campaignEnrichOnArrival(db, input.id) }))),

  setCampaignSettings: authedProcedure
    .meta({ openapi: { method: 'PUT', path: '/admin/campaigns/{id}/enrichment', tags, summary: 'Turn "enrich on arrival" on or off for a campaign' } })
    .input(z.object({ id, enrichOnArrival: z.boolean() }))
    .output(z.object({ campaignId: z.string(), enrichOnArrival: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => setEnrichOnArrival(db, input.id, input.enrichOnArrival))),

  usage: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/enrichment/usage', tags, summary: 'LLM tokens and estimated cost per month and per campaign' } })
    .input(z.object({ campaignId: id.optional(), months: z.coerce.number().int().min(1).max(24).default(6) }))
    .output(usageOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => enrichmentUsage(db, input))),

  settings: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/enrichment/settings', tags, summary: 'Enrichment provider (LLM or offline), concurrency and per-minute budget' } })
    .input(z.object({}).optional())
    .output(settingsOutput)
    .query(({ ctx }) => ctx.inWorkspace((db) => enrichmentSettings(db, ctx.actor.workspaceId, ctx.services))),

  saveSettings: adminProcedure
    .meta({ openapi: { method: 'PUT', path: '/admin/enrichment/settings', tags, summary: 'Set the enrichment concurrency and per-minute budget' } })
    .input(enrichmentSettingsInput)
    .output(settingsOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => enrichmentSettings(db, ctx.actor.workspaceId, ctx.services, input))),
});
