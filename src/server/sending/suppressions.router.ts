import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { addSuppressionsInput, addSuppressionsOutput, importSuppressionsInput, listSuppressionsInput, suppressionOutput } from './suppressions.schemas.js';
import { addSuppressions, exportSuppressions, importSuppressions, listSuppressions, removeSuppression } from './suppressions.service.js';

const tags = ['sending'];

export const suppressionsRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/suppressions', tags, summary: 'The suppression list (addresses and domains never mailed), newest first; `q` searches' } })
    .input(listSuppressionsInput)
    .output(z.object({ items: z.array(suppressionOutput), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }))
    .query(({ ctx, input }) => ctx.inWorkspace((db) => listSuppressions(db, input))),

  add: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/suppressions',
        tags,
        summary: 'Add addresses or whole domains to the suppression list',
        description: '`{entries: ["anna@acme.com", "competitor.com"], reason?}`. Already listed entries are counted, not duplicated; malformed ones are returned in `invalid`.',
      },
    })
    .input(addSuppressionsInput)
    .output(addSuppressionsOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => addSuppressions(db, ctx.actor.workspaceId, input))),

  import: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/suppressions/import',
        tags,
        summary: 'Import a CSV body (text/csv) of addresses or domains into the suppression list',
        description: 'A column named email, domain or address (else the first column), and an optional reason column (manual, complaint, unsubscribe, bounce).',
      },
      rest: { rawBody: 'text/csv' },
      documentFields: ['body'],
    })
    .input(importSuppressionsInput)
    .output(addSuppressionsOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => importSuppressions(db, ctx.actor.workspaceId, input))),

  export: authedProcedure
    .meta({
      openapi: { method: 'GET', path: '/admin/suppressions/export', tags, summary: 'The whole suppression list as CSV (kind, value, reason, source, added_at)' },
      rest: { produces: 'text/csv', downloadName: 'suppressions.csv' },
    })
    .input(z.object({}).optional())
    .output(z.string())
    .query(({ ctx }) => ctx.inWorkspace((db) => exportSuppressions(db))),

  remove: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/admin/suppressions/{id}', tags, summary: 'Take an entry off the suppression list (the address may be mailed again)' } })
    .input(z.object({ id: z.uuid('Not a valid id') }))
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => removeSuppression(db, input.id))),
});
