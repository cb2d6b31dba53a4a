import { z } from 'zod';
import { CAMPAIGN_STATUSES, PROSPECT_STAGES } from '../../shared/enums.js';
import { authedProcedure, router } from '../trpc/init.js';
import { uploadCsvImport, WAIT_FOR_ROWS } from './csv-import.js';
import { getImportStatus } from './import-status.js';
import { exportProspectsCsv } from './csv-export.js';
import { previewCsv } from './csv-read.js';
import { detailOutput, prospectDetail } from './prospect-detail.js';
import { countProspects, listProspects } from './prospects-query.js';
import {
  bulkInput,
  createInput,
  exportInput,
  importInput,
  importOutput,
  importStatusOutput,
  listInput,
  listOutput,
  previewInput,
  previewOutput,
  prospectFilter,
  prospectOutput,
  updateInput,
} from './prospects.schemas.js';
import { enrichMatching, MAX_ENRICH_MATCHING } from './enrich-matching.js';
import { bulkUpdate, campaignOptions, createProspect, getProspect, listTags, updateProspect } from './prospects.service.js';
import { setProspectStage } from './stage.service.js';

const tags = ['prospects'];
const byIdInput = z.object({ id: z.uuid('Not a valid id') });

/**
 * Prospects: list/filter/export, manual add and edit, CSV import, bulk actions. `export` and
 * `import` are declared before `byId` so the REST matcher never reads them as an id.
 */
export const prospectsRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/prospects', tags, summary: 'List prospects (filters, keyset pagination)' } })
    .input(listInput)
    .output(listOutput)
    .query(({ ctx, input }) => listProspects(ctx.services.database, ctx.actor.workspaceId, input)),

  count: authedProcedure
    .input(prospectFilter)
    .output(z.object({ total: z.number().int() }))
    .query(async ({ ctx, input }) => ({ total: await countProspects(ctx.services.database, ctx.actor.workspaceId, input) })),

  export: authedProcedure
    .meta({
      openapi: { method: 'GET', path: '/admin/prospects/export', tags, summary: 'Export prospects matching the filters as CSV' },
      rest: { produces: 'text/csv', downloadName: 'prospects.csv' },
    })
    .input(exportInput)
    .output(z.string())
    .query(({ ctx, input }) => exportProspectsCsv(ctx.services.database, ctx.actor.workspaceId, input)),

  import: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/prospects/import',
        tags,
        summary: 'Import prospects from a CSV body (text/csv)',
        description: `Runs as a background job. A file of up to ${WAIT_FOR_ROWS} rows is answered with its counts; a larger one with {importId, status: "running"}: follow it with GET /admin/prospects/imports/{id}.`,
      },
      rest: { rawBody: 'text/csv' },
      documentFields: ['body'],
    })
    .input(importInput)
    .output(importOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await uploadCsvImport(ctx.services, ctx.actor, input);
      ctx.log.info(result.status === 'running' ? { importId: result.importId, status: result.status } : { importId: result.importId, status: result.status, imported: result.imported, duplicates: result.duplicates, skipped: result.skipped, errors: result.errorCount }, 'prospects import');
      return result;
    }),

  enrichMatching: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/prospects/enrich-matching',
        tags,
        summary: 'Queue every prospect matching a filter for AI enrichment ("Enrich" on all matching)',
        description: `The list's filter, applied by the server (at most ${MAX_ENRICH_MATCHING.toLocaleString('en')} prospects per request), queued in batches; cached results cost no call.`,
      },
    })
    .input(z.object({ filter: prospectFilter }))
    .output(z.object({ matched: z.number().int(), queued: z.number().int(), jobs: z.number().int() }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => enrichMatching(db, ctx.actor.workspaceId, input.filter))),

  bulk: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/prospects/bulk', tags, summary: 'Tag, untag, delete, add to a campaign or change the stage of prospects, by ids or by filter' } })
    .input(bulkInput)
    .output(z.object({ affected: z.number().int() }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => bulkUpdate(db, ctx.actor, input))),

  byId: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/prospects/{id}', tags, summary: 'One prospect' } })
    .input(byIdInput)
    .output(prospectOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getProspect(db, input.id))),

  create: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/prospects', tags, summary: 'Add a prospect' }, rest: { successStatus: 201 } })
    .input(createInput)
    .output(prospectOutput)
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace((db) =>
        createProspect(db, ctx.actor, input, ctx.auth.via === 'apiToken' ? 'api' : 'manual'),
      ),
    ),

  update: authedProcedure
    .input(updateInput)
    .output(prospectOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => updateProspect(db, ctx.actor, input))),

  setStage: authedProcedure
    .input(z.object({ id: z.uuid('Not a valid id'), stage: z.enum(PROSPECT_STAGES) }))
    .output(z.object({ id: z.string(), stage: z.enum(PROSPECT_STAGES), previousStage: z.enum(PROSPECT_STAGES) }))
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace((db) =>
        setProspectStage(db, { workspaceId: ctx.actor.workspaceId, prospectId: input.id, stage: input.stage, actorUserId: ctx.actor.userId }),
      ),
    ),

  detail: authedProcedure
    .input(byIdInput)
    .output(detailOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => prospectDetail(db, input.id))),

  tags: authedProcedure.output(z.array(z.string())).query(({ ctx }) => ctx.inWorkspace((db) => listTags(db, ctx.actor.workspaceId))),

  campaignOptions: authedProcedure
    .output(z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(CAMPAIGN_STATUSES) })))
    .query(({ ctx }) => ctx.inWorkspace(campaignOptions)),

  previewImport: authedProcedure
    .meta({ documentFields: ['text'] })
    .input(previewInput)
    .output(previewOutput)
    .mutation(({ input }) => previewCsv(input.text, input.truncated)),

  importStatus: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/prospects/imports/{id}', tags, summary: 'An import: progress, final counts and row errors' } })
    .input(byIdInput)
    .output(importStatusOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getImportStatus(db, input.id))),
});
