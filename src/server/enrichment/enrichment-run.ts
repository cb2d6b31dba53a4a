import type { Db } from '../db/database.js';
import { AuthRejectedError, failureDisposition, RateLimitedError, TransientIntegrationError } from '../integrations/retryable-errors.js';
import { enrichmentCacheKey } from './cache-key.js';
import type { EnrichmentProvider } from './enrichment-settings.js';
import { findCached, loadPromptContext, loadProspectInput, recordCall, recordFailure, saveEnrichment, type EnrichmentResult, type StoredEnrichment } from './enrichment-store.js';
import { finishTask, holdsLease, releaseTask, type ClaimedTask } from './enrichment-tasks.js';
import { enrichWithLlm } from './llm-enrichment.js';
import { enrichOffline } from './offline-provider.js';

/**
 * One claimed prospect through enrichment: facts → cache → provider → stored result. The model is
 * called outside any transaction (it may take seconds); the result is written only while this
 * worker still holds the task's lease, so a worker that lost its lease cannot overwrite the
 * result of the one that took over.
 */

export type TaskOutcome =
  | { kind: 'enriched'; cached: boolean; provider: 'llm' | 'offline' }
  | { kind: 'invalid' }
  | { kind: 'skipped' }
  /** Rate limit or outage: the task went back to the queue; the batch should wait. */
  | { kind: 'retry'; afterMs: number | null; rateLimited: boolean; message: string }
  /** A refused key or request: nothing in the batch can succeed. */
  | { kind: 'fatal'; message: string; keyRefused: boolean };

export type RunDeps = {
  workspaceId: string;
  workerId: string;
  provider: EnrichmentProvider;
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  signal: AbortSignal;
  /** ICP and style per campaign, read once per batch run rather than once per prospect. */
  contexts: Map<string, Promise<PromptContext>>;
};

type PromptContext = Awaited<ReturnType<typeof loadPromptContext>>;

function promptContext(deps: RunDeps, db: Db, campaignId: string | null): Promise<PromptContext> {
  const key = campaignId ?? '';
  let context = deps.contexts.get(key);
  if (!context) {
    context = loadPromptContext(db, campaignId);
    deps.contexts.set(key, context);
  }
  return context;
}

function fromStored(row: StoredEnrichment): EnrichmentResult {
  return {
    answer: {
      talkingPoints: row.talkingPoints,
      openingLine: row.openingLine ?? '',
      fitScore: row.fitScore ?? 0,
      fitReason: row.fitReasons.join('; '),
      timezone: row.timezone,
      language: row.language,
    },
    fitReasons: row.fitReasons,
    provider: row.provider,
    model: row.model ?? '',
    cacheKey: row.cacheKey ?? '',
    tokensIn: null,
    tokensOut: null,
  };
}

export async function enrichClaimedTask(deps: RunDeps, task: ClaimedTask): Promise<TaskOutcome> {
  const { workspaceId, workerId, provider } = deps;
  const prepared = await deps.inWorkspace(async (db) => {
    const input = await loadProspectInput(db, task.prospectId);
    if (!input) return null;
    const campaignId = task.campaignId ?? input.campaignId;
    const context = await promptContext(deps, db, campaignId);
    const model = provider.kind === 'llm' ? provider.settings.model : provider.model;
    const cacheKey = enrichmentCacheKey({ facts: input.facts, model, icp: context.icp, style: context.style });
    const cached = await findCached(db, task.prospectId, cacheKey);
    return { input, campaignId, context, cacheKey, cached };
  });
  if (!prepared) {
    // Deleted meanwhile: the task row went with it (cascade); nothing to record.
    return { kind: 'skipped' };
  }
  const { input, campaignId, context, cacheKey, cached } = prepared;
  const save = (result: EnrichmentResult, wasCached: boolean, usage?: Parameters<typeof recordCall>[1]) =>
    deps.inWorkspace(async (db) => {
      // Tokens were spent whoever holds the lease now: they count.
      if (usage) await recordCall(db, usage);
      if (!(await holdsLease(db, task.id, workerId))) return false;
      // The prospect's own row already holds this result: nothing to rewrite, only the task to close.
      const alreadyStored = wasCached && cached?.prospectId === task.prospectId;
      if (!alreadyStored || input.stage === 'new') await saveEnrichment(db, { workspaceId, prospectId: task.prospectId, campaignId, stage: input.stage, result, cached: wasCached });
      await finishTask(db, task.id, workerId, { status: 'done' });
      return true;
    });

  if (cached) {
    await save(fromStored(cached), true);
    return { kind: 'enriched', cached: true, provider: cached.provider };
  }

  if (provider.kind === 'offline') {
    const offline = enrichOffline({ facts: input.facts, icp: context.icp, style: context.style });
    const { provider: _p, model, fitReasons, ...answer } = offline;
    await save({ answer, fitReasons, provider: 'offline', model, cacheKey, tokensIn: null, tokensOut: null }, false);
    return { kind: 'enriched', cached: false, provider: 'offline' };
  }

  try {
    const result = await enrichWithLlm({ settings: provider.settings, facts: input.facts, icp: context.icp, style: context.style, signal: deps.signal });
    const usage = { workspaceId, campaignId, prospectId: task.prospectId, model: result.model, requests: result.calls, tokensIn: result.tokensIn, tokensOut: result.tokensOut };
    if (result.ok) {
      const fitReasons = [result.answer.fitReason];
      await save({ answer: result.answer, fitReasons, provider: 'llm', model: result.model, cacheKey: result.cacheKey, tokensIn: result.tokensIn, tokensOut: result.tokensOut }, false, { ...usage, valid: true });
      return { kind: 'enriched', cached: false, provider: 'llm' };
    }
    await deps.inWorkspace(async (db) => {
      await recordCall(db, { ...usage, valid: false });
      if (!(await holdsLease(db, task.id, workerId))) return;
      await finishTask(db, task.id, workerId, { status: 'failed', error: result.problem });
      await recordFailure(db, { workspaceId, prospectId: task.prospectId, campaignId, error: result.problem });
    });
    return { kind: 'invalid' };
  } catch (error) {
    return handleCallError(deps, task, campaignId, error);
  }
}

async function handleCallError(deps: RunDeps, task: ClaimedTask, campaignId: string | null, error: unknown): Promise<TaskOutcome> {
  const { workspaceId, workerId } = deps;
  const disposition = failureDisposition(error);
  if (disposition.action === 'retry' && (error instanceof TransientIntegrationError || deps.signal.aborted)) {
    await deps.inWorkspace((db) => releaseTask(db, task.id, workerId, null));
    return { kind: 'retry', afterMs: error instanceof TransientIntegrationError ? error.retryAfterMs : null, rateLimited: error instanceof RateLimitedError, message: disposition.message };
  }
  // A refused key or request, or a bug of ours on this one prospect: recorded on the prospect, retryable from the UI.
  const message = error instanceof AuthRejectedError ? `The LLM provider rejected the API key: ${disposition.message}` : disposition.message;
  await deps.inWorkspace(async (db) => {
    await finishTask(db, task.id, workerId, { status: 'failed', error: message });
    await recordFailure(db, { workspaceId, prospectId: task.prospectId, campaignId, error: message });
  });
  if (disposition.action === 'fail') return { kind: 'fatal', message, keyRefused: error instanceof AuthRejectedError };
  return { kind: 'invalid' };
}
