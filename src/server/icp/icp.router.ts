import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { getIcp, icpInput, icpOutput, saveIcp } from './icp.service.js';

const tags = ['settings'];

export const icpRouter = router({
  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/settings/icp', tags, summary: 'The ideal customer profile' } })
    .input(z.object({}).optional())
    .output(icpOutput)
    .query(({ ctx }) => ctx.inWorkspace(getIcp)),

  save: adminProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/admin/settings/icp',
        tags,
        summary:
          'Save the ideal customer profile. Lists are trimmed and de-duplicated (≤100 items of ≤100 characters); domains are reduced to host names. A field left out keeps its value; send [] to clear it.',
      },
    })
    .input(icpInput)
    .output(icpOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => saveIcp(db, ctx.actor.workspaceId, input))),
});
