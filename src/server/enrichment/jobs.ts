import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { handOverToSequence } from '../sending/enrolment.service.js';
import { defineJob, defineJobModule, failPermanently, retryAt, type WorkspaceJobContext } from '../jobs/definitions.js';
import { enrichClaimedTask, type TaskOutcome } from './enrichment-run.js';
import { getEnrichmentLimits, LLM_TIMEOUT_MS, resolveEnrichmentProvider } from './enrichment-settings.js';
import { claimTask, failWaitingTasks, pendingInBatch } from './enrichment-tasks.js';
import { MAX_CALLS_PER_PROSPECT } from './llm-enrichment.js';

/**
 * Enrichment jobs (family `enrich`). One job carries a batch of at most ENRICH_BATCH_SIZE prospect
 * ids (a 100k-row import is 1,000 jobs, not 100k); inside it, up to the workspace's concurrency
 * workers claim one prospect at a time from `enrichment_tasks` and call the model. Limits hold
 * across jobs and processes because the claim checks them (see enrichment-tasks.ts).
 *
 * Waiting never holds a worker: a rate limit (429, honouring Retry-After), a 5xx that says when to
 * come back, a spent per-minute budget or all slots taken end the run with `retryAt`; the tasks
 * go back to the queue and the job picks them up again. A refused key fails the job for good and
 * marks the batch's waiting prospects failed (visible, retryable once the key is fixed). A 5xx
 * that gives no date is an ordinary error: the engine's attempts and backoff apply.
 */

export const ENRICH_BATCH_SIZE = 100;
/** A task's lease outlives the longest run: two calls at the timeout, plus the writes. */
export const TASK_LEASE_MS = MAX_CALLS_PER_PROSPECT * LLM_TIMEOUT_MS + 30_000;
/** When every slot is taken by other runs, look again this soon. */
const BUSY_WAIT_MS = 2_000;
const RATE_LIMIT_FALLBACK_MS = 20_000;
const PROGRESS_EVERY = 5;

const batchPayload = z.object({ prospectIds: z.array(z.uuid()).min(1).max(ENRICH_BATCH_SIZE) });
type BatchPayload = z.infer<typeof batchPayload>;

type Stop = { kind: 'retry'; at: Date; reason: string } | { kind: 'fail'; reason: string } | { kind: 'error'; reason: string };

export async function runEnrichmentBatch(ctx: WorkspaceJobContext<BatchPayload>) {
  const { workspaceId } = ctx;
  const ids = ctx.payload.prospectIds;
  const { services } = ctx;
  const [limits, provider] = await ctx.inWorkspace(async (db) => [await getEnrichmentLimits(db, workspaceId), await resolveEnrichmentProvider(db, services)] as const);
  const workerId = `${ctx.job.id}:${randomUUID().slice(0, 8)}`;
  const claimLimits = { concurrency: limits.concurrency, perMinute: provider.kind === 'llm' ? limits.perMinute : null, leaseMs: TASK_LEASE_MS, workerId };
  const deps = { workspaceId, workerId, provider, inWorkspace: <T>(fn: (db: Db) => Promise<T>) => ctx.inWorkspace(fn), signal: ctx.signal, contexts: new Map() };
  const counts = { enriched: 0, cached: 0, invalid: 0 };
  let stop: Stop | null = null;
  let wait: { at: Date; reason: string } | null = null;
  let done = 0;

  const apply = (outcome: TaskOutcome) => {
    if (outcome.kind === 'enriched') counts[outcome.cached ? 'cached' : 'enriched']++;
    else if (outcome.kind === 'invalid') counts.invalid++;
    else if (outcome.kind === 'retry') {
      const fallback = outcome.rateLimited ? RATE_LIMIT_FALLBACK_MS * 2 ** Math.min(ctx.job.deferrals, 5) : null;
      const afterMs = outcome.afterMs ?? fallback;
      stop ??= afterMs === null ? { kind: 'error', reason: outcome.message } : { kind: 'retry', at: new Date(Date.now() + afterMs), reason: outcome.message };
    } else if (outcome.kind === 'fatal') stop = { kind: 'fail', reason: outcome.message };
  };

  const worker = async () => {
    while (!stop && !ctx.signal.aborted) {
      const claim = await ctx.inWorkspace((db) => claimTask(db, workspaceId, ids, claimLimits));
      if (claim.kind === 'empty') return;
      if (claim.kind === 'busy') {
        wait ??= { at: new Date(Date.now() + BUSY_WAIT_MS), reason: `All ${limits.concurrency} enrichment slots of the workspace are busy` };
        return;
      }
      if (claim.kind === 'budget') {
        wait = { at: claim.until, reason: `Enrichment budget of ${limits.perMinute} calls a minute reached` };
        return;
      }
      apply(await enrichClaimedTask(deps, claim.task));
      // Every few prospects (each report is a write and, throttled, a live event), and the last one.
      if (++done % PROGRESS_EVERY === 0 || done === ids.length) await ctx.reportProgress(done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, ids.length) }, worker));

  const result = { ...counts, provider: provider.kind, model: provider.kind === 'llm' ? provider.settings.model : provider.model };
  const finalStop = stop as Stop | null;
  if (finalStop?.kind === 'fail') {
    await ctx.inWorkspace((db) => failWaitingTasks(db, workspaceId, ids, finalStop.reason));
    return failPermanently(finalStop.reason);
  }
  if (finalStop?.kind === 'retry') return retryAt(finalStop.at, finalStop.reason);
  if (finalStop?.kind === 'error') {
    // Last attempt: the prospects still waiting get the error, so they show up as failed rather than stuck.
    if (ctx.job.attempts >= ctx.job.maxAttempts) await ctx.inWorkspace((db) => failWaitingTasks(db, workspaceId, ids, finalStop.reason));
    throw new Error(finalStop.reason);
  }
  const pending = await ctx.inWorkspace((db) => pendingInBatch(db, workspaceId, ids));
  const waiting = wait as { at: Date; reason: string } | null;
  if (pending.queued > 0) return retryAt(waiting?.at ?? new Date(Date.now() + BUSY_WAIT_MS), waiting?.reason ?? 'More prospects to enrich');
  // Enriched (or given up on): a running campaign's new prospects now enter its sequence.
  const campaignId = ctx.job.campaignId;
  if (campaignId) await ctx.inWorkspace((db) => handOverToSequence(db, campaignId, ids, new Date()));
  return result;
}

export const enrichBatchJob = defineJob({
  name: 'enrich.batch',
  family: 'enrich',
  scope: 'workspace',
  payload: batchPayload,
  attempts: 3,
  backoffMs: 15_000,
  leaseSeconds: 120,
  handler: runEnrichmentBatch,
});

export const enrichmentJobs = defineJobModule({ name: 'enrichment', jobs: [enrichBatchJob] });
