import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../db/database.js';
import { campaigns, enrollments } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import { campaignEnrichmentProgress } from '../enrichment/usage.js';
import { latestRun } from './scrape-runs.queries.js';

/**
 * A campaign's launch progress, stage by stage: scraping (its latest scrape run), enriching (its
 * prospects' enrichment tasks), sequencing (its enrolments). The top level is the original plan's
 * shape — the stage that matters now (the first running or failed one, else the furthest one that
 * ran) with all the counts — and `stages` has each stage for the per-stage progress bars.
 */

const STATUSES = ['idle', 'running', 'done', 'failed'] as const;
export const STAGES = ['scraping', 'enriching', 'sequencing'] as const;
type Status = (typeof STATUSES)[number];

const counts = z.object({
  found: z.number().int(),
  new: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  enriched: z.number().int(),
  failed: z.number().int(),
  /** Waiting for enrichment, and being enriched now. */
  queued: z.number().int(),
  running: z.number().int(),
  /** In the campaign's sequence. */
  enrolled: z.number().int(),
});

const stage = z.object({
  stage: z.enum(STAGES),
  status: z.enum(STATUSES),
  /** For the bar: how far the stage is (`done` of `total`; total null while unknown, e.g. PhantomBuster still searching). */
  done: z.number().int(),
  total: z.number().int().nullable(),
  errors: z.array(z.object({ message: z.string() })),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type StageProgress = z.infer<typeof stage>;

export const launchProgressOutput = stage.omit({ done: true, total: true }).extend({
  counts,
  stages: z.array(stage),
  /** The scrape run the scraping stage shows (for `GET …/scrape-runs/{runId}`). */
  scrapeRunId: z.string().nullable(),
});
export type LaunchProgress = z.infer<typeof launchProgressOutput>;

function scrapeStatus(status: string | undefined): Status {
  if (status === 'queued' || status === 'running') return 'running';
  if (status === 'done' || status === 'failed') return status;
  return 'idle';
}

export async function campaignLaunchProgress(db: Db, campaignId: string): Promise<LaunchProgress> {
  const [campaign] = await db.select({ status: campaigns.status, startedAt: campaigns.startedAt }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign');
  const run = await latestRun(db, campaignId);
  const enrichment = await campaignEnrichmentProgress(db, campaignId);
  const [enrolment] = await db
    .select({ n: sql<number>`count(*)::int`, first: sql<string | null>`min(${enrollments.createdAt})::text`, last: sql<string | null>`max(${enrollments.createdAt})::text` })
    .from(enrollments)
    .where(eq(enrollments.campaignId, campaignId));
  const enrolled = Number(enrolment?.n ?? 0);

  const scraping: StageProgress = {
    stage: 'scraping',
    status: scrapeStatus(run?.status),
    done: run?.found ?? 0,
    // PhantomBuster says nothing of its progress: the bar is indeterminate until the result is read.
    total: run ? (run.status === 'done' || run.status === 'failed' || run.found > 0 ? run.found : null) : 0,
    errors: run?.error ? [{ message: run.error }] : [],
    startedAt: run ? (run.startedAt ?? run.createdAt) : null,
    finishedAt: run?.finishedAt ?? null,
  };
  const e = enrichment.counts;
  const enriching: StageProgress = {
    stage: 'enriching',
    status: enrichment.status,
    done: e.enriched + e.failed,
    total: e.queued + e.running + e.enriched + e.failed,
    errors: enrichment.errors.map((error) => ({ message: error.prospects > 1 ? `${error.message} (${error.prospects} prospects)` : error.message })),
    startedAt: enrichment.startedAt,
    finishedAt: enrichment.finishedAt,
  };
  const upstreamRunning = scraping.status === 'running' || enriching.status === 'running';
  const launched = campaign.status !== 'draft' && campaign.startedAt !== null;
  const sequencingStatus: Status = !launched && enrolled === 0 ? 'idle' : campaign.status === 'active' && upstreamRunning ? 'running' : 'done';
  const sequencing: StageProgress = {
    stage: 'sequencing',
    status: sequencingStatus,
    done: enrolled,
    total: sequencingStatus === 'running' ? Math.max(enrolled, enrolled + (e.queued + e.running)) : enrolled,
    errors: [],
    startedAt: enrolment?.first ? new Date(enrolment.first) : null,
    finishedAt: sequencingStatus === 'done' && enrolment?.last ? new Date(enrolment.last) : null,
  };
  const stages = [scraping, enriching, sequencing];
  const current = stages.find((s) => s.status === 'running' || s.status === 'failed') ?? [...stages].reverse().find((s) => s.status !== 'idle') ?? scraping;
  return {
    stage: current.stage,
    status: current.status,
    counts: {
      found: run?.found ?? 0,
      new: run?.newCount ?? 0,
      duplicates: run?.duplicates ?? 0,
      skipped: run?.skipped ?? 0,
      enriched: e.enriched,
      failed: e.failed,
      queued: e.queued,
      running: e.running,
      enrolled,
    },
    errors: current.errors,
    startedAt: current.startedAt,
    finishedAt: current.finishedAt,
    stages,
    scrapeRunId: run?.id ?? null,
  };
}

/** Campaigns launching now (or within the last day): a scrape run or enrichment still going, or just finished. */
export async function launchesInProgress(db: Db, limit: number): Promise<(LaunchProgress & { campaignId: string; campaignName: string })[]> {
  const list = await queryRows<{ id: string; name: string }>(db, sql`
    select c.id, c.name from campaigns c
    where c.archived_at is null and (
      exists (select 1 from scrape_runs r where r.campaign_id = c.id and (r.status in ('queued', 'running') or r.finished_at > now() - interval '1 day'))
      or exists (select 1 from enrichment_tasks t where t.campaign_id = c.id and t.status in ('queued', 'running')))
    order by c.updated_at desc limit ${limit}`);
  const out = [];
  for (const row of list) out.push({ ...(await campaignLaunchProgress(db, row.id)), campaignId: row.id, campaignName: row.name });
  return out;
}
