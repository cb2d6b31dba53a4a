import { z } from 'zod';
import { adminProcedure, router } from '../trpc/init.js';
import { demoDataSummary, removeDemoData } from './demo.service.js';

const tags = ['demo data'];
const summaryOutput = z.object({
  prospects: z.number().int(),
  campaigns: z.number().int(),
  messages: z.number().int(),
});

/** Demo data made by `npm run seed:demo`: how much there is, and taking it all away (admins only). */
export const demoRouter = router({
  summary: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/demo-data', tags, summary: 'How much demo data (npm run seed:demo) the workspace holds' } })
    .input(z.object({}))
    .output(summaryOutput)
    .query(({ ctx }) => ctx.inWorkspace((db) => demoDataSummary(db, ctx.actor.workspaceId))),

  remove: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/admin/demo-data', tags, summary: "Remove every demo row of the workspace, leaving the workspace's own data alone" } })
    .input(z.object({}))
    .output(z.object({ removed: summaryOutput }))
    .mutation(async ({ ctx }) => ({ removed: await ctx.inWorkspace((db) => removeDemoData(db, ctx.actor.workspaceId)) })),
});
