import { z } from 'zod';
import { authedProcedure, router } from '../trpc/init.js';
import { reportInput, reportOutput } from './reports.schemas.js';
import { getReport, reportCsv, type ReportTable } from './reports.service.js';

const tags = ['reports'];

const csvExport = (table: ReportTable, summary: string) =>
  authedProcedure
    .meta({ openapi: { method: 'GET', path: `/admin/reports/${table}.csv`, tags, summary }, rest: { produces: 'text/csv', downloadName: `report-${table}.csv` } })
    .input(reportInput)
    .output(z.string())
    .query(async ({ ctx, input }) => reportCsv(await ctx.inWorkspace((db) => getReport(db, ctx.actor.workspaceId, input)), table));

export const reportsRouter = router({
  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/reports',
        tags,
        summary: 'Report of a campaign (campaignId) or the workspace over a range of days (default: the last 30, workspace time zone)',
      },
    })
    .input(reportInput)
    .output(reportOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getReport(db, ctx.actor.workspaceId, input))),
  stepsCsv: csvExport('steps', 'Per step and A/B variant, as CSV (a campaign only)'),
  dailyCsv: csvExport('daily', 'By day, as CSV'),
  mailboxesCsv: csvExport('mailboxes', 'By mailbox, as CSV'),
  campaignsCsv: csvExport('campaigns', 'By campaign, as CSV (the workspace report)'),
});
