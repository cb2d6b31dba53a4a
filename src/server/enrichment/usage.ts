import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../db/database.js';
import { campaigns, enrichmentTasks } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import { estimateCostUsd } from './model-costs.js';

/**
 * What enrichment cost and where it stands: tokens and an estimated cost per month and per
 * campaign (from `enrichment_calls`), and a campaign's progress (from `enrichment_tasks`). The
 * cost is an estimate from list prices (model-costs.ts); a model without a known price (a local
 * one) adds tokens but no dollars, and the total says it is partial.
 */

const usageLine = {
  prospects: z.number().int(),
  requests: z.number().int(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  estimatedCostUsd: z.number().nullable(),
  costIsPartial: z.boolean(),
};
export const usageOutput = z.object({
  months: z.array(z.object({ month: z.string(), ...usageLine })),
  campaigns: z.array(z.object({ campaignId: z.string().nullable(), campaignName: z.string().nullable(), ...usageLine })),
});
export type EnrichmentUsage = z.infer<typeof usageOutput>;
type Line = Omit<EnrichmentUsage['months'][number], 'month'>;

const emptyLine = (): Line => ({ prospects: 0, requests: 0, tokensIn: 0, tokensOut: 0, estimatedCostUsd: null, costIsPartial: false });

function add(line: Line, row: { model: string; prospects: number; requests: number; tokens_in: number; tokens_out: number }) {
  line.prospects += Number(row.prospects);
  line.requests += Number(row.requests);
  line.tokensIn += Number(row.tokens_in);
  line.tokensOut += Number(row.tokens_out);
  const cost = estimateCostUsd(row.model, Number(row.tokens_in), Number(row.tokens_out));
  if (cost === null) line.costIsPartial = true;
  else line.estimatedCostUsd = Math.round(((line.estimatedCostUsd ?? 0) + cost) * 1_000_000) / 1_000_000;
}

export async function enrichmentUsage(db: Db, input: { campaignId?: string; months: number }): Promise<EnrichmentUsage> {
  const rows = await queryRows<{ month: string; campaign_id: string | null; campaign_name: string | null; model: string; prospects: number; requests: number; tokens_in: number; tokens_out: number }>(
    db,
    sql`select to_char(date_trunc('month', c.created_at at time zone 'UTC'), 'YYYY-MM') as month, c.campaign_id, k.name as campaign_name, c.model,
               count(distinct c.prospect_id)::int as prospects, sum(c.requests)::int as requests, sum(c.tokens_in)::bigint as tokens_in, sum(c.tokens_out)::bigint as tokens_out
        from enrichment_calls c left join campaigns k on k.id = c.campaign_id
        where c.created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' - make_interval(months => ${input.months - 1})
          ${input.campaignId ? sql`and c.campaign_id = ${input.campaignId}` : sql``}
        group by 1, 2, 3, 4
        order by 1 desc`,
  );
  const months = new Map<string, Line>();
  const byCampaign = new Map<string, Line & { campaignId: string | null; campaignName: string | null }>();
  for (const row of rows) {
    if (!months.has(row.month)) months.set(row.month, emptyLine());
    add(months.get(row.month)!, row);
    const key = row.campaign_id ?? '';
    if (!byCampaign.has(key)) byCampaign.set(key, { campaignId: row.campaign_id, campaignName: row.campaign_name, ...emptyLine() });
    add(byCampaign.get(key)!, row);
  }
  return {
    months: [...months].map(([month, line]) => ({ month, ...line })),
    campaigns: [...byCampaign.values()].sort((a, b) => b.tokensIn + b.tokensOut - (a.tokensIn + a.tokensOut)),
  };
}

export const progressOutput = z.object({
  stage: z.literal('enriching'),
  status: z.enum(['idle', 'running', 'done', 'failed']),
  counts: z.object({ queued: z.number().int(), running: z.number().int(), enriched: z.number().int(), failed: z.number().int() }),
  errors: z.array(z.object({ message: z.string(), prospects: z.number().int() })),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type EnrichmentProgress = z.infer<typeof progressOutput>;

/** The enriching stage of a campaign's progress: counts of its prospects' tasks by status, and the most frequent errors. */
export async function campaignEnrichmentProgress(db: Db, campaignId: string): Promise<EnrichmentProgress> {
  const [campaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign');
  const [totals] = await queryRows<{ queued: number; running: number; done: number; failed: number; started_at: string | null; finished_at: string | null }>(
    db,
    sql`select count(*) filter (where status = 'queued')::int as queued, count(*) filter (where status = 'running')::int as running,
               count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'failed')::int as failed,
               min(requested_at)::text as started_at, max(finished_at)::text as finished_at
        from enrichment_tasks where campaign_id = ${campaignId}`,
  );
  const errors = await db
    .select({ message: enrichmentTasks.error, prospects: sql<number>`count(*)::int` })
    .from(enrichmentTasks)
    .where(and(eq(enrichmentTasks.campaignId, campaignId), eq(enrichmentTasks.status, 'failed')))
    .groupBy(enrichmentTasks.error)
    .orderBy(sql`count(*) desc`)
    .limit(5);
  const counts = { queued: Number(totals?.queued ?? 0), running: Number(totals?.running ?? 0), enriched: Number(totals?.done ?? 0), failed: Number(totals?.failed ?? 0) };
  const active = counts.queued + counts.running > 0;
  const total = active ? 1 : counts.enriched + counts.failed;
  const status = active ? 'running' : total === 0 ? 'idle' : counts.enriched === 0 ? 'failed' : 'done';
  return {
    stage: 'enriching',
    status,
    counts,
    errors: errors.map((row) => ({ message: row.message ?? 'Unknown error', prospects: Number(row.prospects) })),
    startedAt: totals?.started_at ? new Date(totals.started_at) : null,
    finishedAt: !active && totals?.finished_at ? new Date(totals.finished_at) : null,
  };
}
