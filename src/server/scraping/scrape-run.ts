import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { campaigns } from '../db/schema/index.js';
import { enqueueEnrichmentForNewProspects } from '../enrichment/enrichment-requests.js';
import { recordEvent } from '../events/events.service.js';
import { loadIcpExclusions } from '../icp/exclusions.js';
import { containerOutcome, type PhantomBusterClient, type PhantomBusterResult } from '../integrations/phantombuster.js';
import { PermanentIntegrationError, RateLimitedError, TransientIntegrationError } from '../integrations/retryable-errors.js';
import { insertProspectBatch } from '../prospects/prospect-batch.js';
import { handOverToSequence } from '../sending/enrolment.service.js';
import { searchExportArgument } from './launch-argument.js';
import { parsePhantomBusterResult, profileToImportRow, type ParsedProfiles } from './profiles.js';
import { addBatchCounts, findRun, updateRun, type ScrapeRun } from './scrape-runs.queries.js';

/**
 * One step of a scrape run, as the `scrape.run` job takes it: launch the agent, or poll its
 * container, or read and insert what it found. Each step is short; between polls the job returns
 * `retryAt` so no worker waits on PhantomBuster.
 */

/** Profiles inserted per transaction: progress is committed (and kept if anything fails later) batch by batch. */
export const SCRAPE_INSERT_BATCH = 500;
/** A container still running this long after its launch is treated as timed out (and the agent launched again). */
export const SCRAPE_RUN_TIMEOUT_MS = 90 * 60_000;

export type StepDeps = {
  workspaceId: string;
  runId: string;
  client: PhantomBusterClient;
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  pollMs: number;
  now: () => Date;
  reportProgress(done: number, total: number | null, label?: string): Promise<void>;
};

export type StepOutcome =
  | { kind: 'wait'; at: Date; reason: string }
  | { kind: 'done'; run: ScrapeRun }
  /** The agent failed or timed out: the launch is to be retried (the engine's attempts and backoff). */
  | { kind: 'agent_failed'; message: string }
  | { kind: 'fail'; message: string };

async function record(deps: StepDeps, type: string, campaignId: string, data: Record<string, unknown>) {
  await deps.inWorkspace((db) => recordEvent(db, { workspaceId: deps.workspaceId, type, campaignId, data: { runId: deps.runId, ...data } }));
}

/** Parses and inserts a result, batch by batch; returns the parsed figures. */
export async function insertResult(deps: Pick<StepDeps, 'workspaceId' | 'runId' | 'inWorkspace' | 'reportProgress'>, run: ScrapeRun, result: PhantomBusterResult): Promise<ParsedProfiles> {
  const parsed = parsePhantomBusterResult(result);
  const target = { workspaceId: deps.workspaceId, campaignId: run.campaignId, userId: run.requestedBy, source: 'linkedin' as const };
  const exclusions = await deps.inWorkspace((db) => loadIcpExclusions(db));
  const total = parsed.profiles.length;
  // Duplicates within the result and unreadable rows count once, with the first batch.
  let extra = { duplicates: parsed.duplicates, rejected: parsed.rejectedCount, found: parsed.total - total };
  if (total === 0) await deps.inWorkspace((db) => addBatchCounts(db, run.id, { found: extra.found, created: [], duplicates: extra.duplicates, skipped: 0, rejected: extra.rejected }));
  for (let start = 0; start < total; start += SCRAPE_INSERT_BATCH) {
    const rows = parsed.profiles.slice(start, start + SCRAPE_INSERT_BATCH).map(profileToImportRow);
    await deps.inWorkspace(async (db) => {
      const outcome = await insertProspectBatch(db, target, rows, { exclusions });
      await addBatchCounts(db, run.id, {
        found: rows.length + extra.found,
        created: outcome.ids,
        duplicates: outcome.duplicates + extra.duplicates,
        skipped: outcome.excluded.length,
        rejected: extra.rejected,
      });
      await enqueueEnrichmentForNewProspects(db, { workspaceId: deps.workspaceId, campaignId: run.campaignId, prospectIds: outcome.ids });
      // Without enrichment on arrival, the new prospects go straight to the sequence of a running campaign.
      const [campaign] = await db.select({ enrichOnArrival: campaigns.enrichOnArrival }).from(campaigns).where(eq(campaigns.id, run.campaignId));
      if (campaign && !campaign.enrichOnArrival) await handOverToSequence(db, run.campaignId, outcome.ids, new Date());
      await recordEvent(db, { workspaceId: deps.workspaceId, type: 'scrape.progress', campaignId: run.campaignId, data: { runId: run.id, inserted: outcome.ids.length } });
    });
    extra = { duplicates: 0, rejected: 0, found: 0 };
    await deps.reportProgress(Math.min(start + SCRAPE_INSERT_BATCH, total), total);
  }
  return parsed;
}

/** Rows an ended-but-failed container still produced (PhantomBuster saves what it scraped before a timeout). */
async function partialResult(client: PhantomBusterClient, containerId: string): Promise<PhantomBusterResult | null> {
  try {
    const data = await client.fetchResultObject(containerId);
    return Array.isArray(data) && data.length > 0 ? { source: 'resultObject', data } : null;
  } catch {
    return null;
  }
}

export async function runScrapeStep(deps: StepDeps): Promise<StepOutcome> {
  const run = await deps.inWorkspace((db) => findRun(db, deps.runId));
  if (!run) return { kind: 'fail', message: 'The scrape run no longer exists (its campaign was deleted)' };
  if (run.status === 'done' || run.status === 'failed') return { kind: 'done', run };
  const { client } = deps;
  const now = deps.now();

  if (!run.containerId) {
    const agent = await client.fetchAgent(run.agentId);
    const argument = searchExportArgument(agent.argument, run.searchUrl, run.maxProfiles);
    if (!argument.ok) return { kind: 'fail', message: argument.reason };
    const containerId = await client.launchAgent(run.agentId, argument.argument);
    await deps.inWorkspace((db) => updateRun(db, run.id, { containerId, status: 'running', launched: true, launchedAt: now, startedAt: run.startedAt ?? now }));
    await record(deps, 'scrape.launched', run.campaignId, { containerId });
    return { kind: 'wait', at: new Date(now.getTime() + deps.pollMs), reason: 'PhantomBuster agent launched; waiting for it to finish' };
  }

  const container = await client.fetchContainer(run.containerId);
  const outcome = containerOutcome(container);
  if (outcome.state === 'running') {
    // Our clock, not PhantomBuster's: the time-out counts from our launch call.
    if (run.launchedAt && now.getTime() - run.launchedAt.getTime() > SCRAPE_RUN_TIMEOUT_MS) {
      return agentFailed(deps, run, `The PhantomBuster agent was still running after ${SCRAPE_RUN_TIMEOUT_MS / 60_000} minutes`);
    }
    return { kind: 'wait', at: new Date(now.getTime() + deps.pollMs), reason: 'Waiting for the PhantomBuster agent to finish' };
  }
  if (outcome.state === 'failed') {
    const partial = await partialResult(client, run.containerId);
    if (partial) await insertResult(deps, run, partial);
    return agentFailed(deps, run, outcome.message);
  }
  const result = await client.fetchResults(run.containerId, run.agentId);
  await insertResult(deps, run, result);
  await deps.inWorkspace((db) => updateRun(db, run.id, { status: 'done', error: null, finishedAt: deps.now() }));
  const finished = (await deps.inWorkspace((db) => findRun(db, run.id)))!;
  await record(deps, 'scrape.finished', run.campaignId, { found: finished.found, new: finished.newCount, duplicates: finished.duplicates, skipped: finished.skipped });
  return { kind: 'done', run: finished };
}

/** The launch ended badly: forget its container so the next attempt launches again. */
async function agentFailed(deps: StepDeps, run: ScrapeRun, message: string): Promise<StepOutcome> {
  await deps.inWorkspace((db) => updateRun(db, run.id, { containerId: null, error: message }));
  return { kind: 'agent_failed', message };
}

/** Ends the run as failed (permanent errors, or the last attempt), keeping what it inserted. */
export async function failRun(deps: Pick<StepDeps, 'workspaceId' | 'runId' | 'inWorkspace' | 'now'>, message: string): Promise<void> {
  await deps.inWorkspace(async (db) => {
    const run = await findRun(db, deps.runId);
    if (!run || run.status === 'done' || run.status === 'failed') return;
    await updateRun(db, run.id, { status: 'failed', error: message, finishedAt: deps.now() });
    await recordEvent(db, { workspaceId: deps.workspaceId, type: 'scrape.failed', campaignId: run.campaignId, data: { runId: run.id, error: message, kept: run.newCount } });
  });
}

export type ErrorDisposition = { kind: 'permanent'; message: string } | { kind: 'rate_limited'; afterMs: number | null; message: string } | { kind: 'transient'; message: string };

export function classifyScrapeError(error: unknown): ErrorDisposition {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RateLimitedError) return { kind: 'rate_limited', afterMs: error.retryAfterMs, message };
  if (error instanceof TransientIntegrationError && error.retryAfterMs !== null) return { kind: 'rate_limited', afterMs: error.retryAfterMs, message };
  if (error instanceof PermanentIntegrationError) return { kind: 'permanent', message };
  return { kind: 'transient', message };
}
