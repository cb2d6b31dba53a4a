import { z } from 'zod';
import { adminProcedure, router } from '../trpc/init.js';
import { reconcileCounters } from './reconcile.js';

const driftOutput = z.object({
  campaignRows: z.number().int().describe('Campaign counter rows that differed from the source rows (now repaired)'),
  rollupRows: z.number().int().describe('Per-day rollup rows (reports and the dashboard series) that differed'),
  workspaceRows: z.number().int().describe('Workspace totals that differed'),
});

export const countersRouter = router({
  /** On demand: recompute this workspace's counters from the source rows (the maintenance job does every workspace). */
  reconcile: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/maintenance/reconcile-counters', tags: ['maintenance'], summary: "Recompute the workspace's counters and per-day rollups (reports, dashboard series) from the source rows" } })
    .input(z.object({}))
    .output(driftOutput)
    .mutation(({ ctx }) => ctx.inWorkspace((db) => reconcileCounters(db, ctx.actor.workspaceId))),
});
