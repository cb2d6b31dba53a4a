import { z } from 'zod';
import { defineJob, defineJobModule, failPermanently, retryAt, type WorkspaceJobContext } from '../jobs/definitions.js';
import { phantomBusterFor } from './phantombuster-client.js';
import { classifyScrapeError, failRun, runScrapeStep } from './scrape-run.js';

/**
 * Scraping jobs (family `scrape`). `scrape.run` carries one scrape run and moves it one step per
 * run (launch, poll, read + insert): between polls it returns `retryAt`, so a scrape that takes
 * PhantomBuster an hour holds no worker. A refused key fails for good ("PhantomBuster rejected
 * the API key"); an agent that fails or times out throws, so the engine launches it again (3
 * attempts, with backoff) and raises its alert after the last; a 429 waits as Retry-After says.
 */

const RATE_LIMIT_FALLBACK_MS = 60_000;

const payload = z.object({ runId: z.uuid() });

async function handler(ctx: WorkspaceJobContext<z.infer<typeof payload>>) {
  const { workspaceId } = ctx;
  const inWorkspace = ctx.inWorkspace.bind(ctx);
  const base = { workspaceId, runId: ctx.payload.runId, inWorkspace, now: () => new Date() };
  const client = await ctx.inWorkspace((db) => phantomBusterFor(db, ctx.services));
  if (!client) {
    const message = 'No PhantomBuster API key is saved: add it in Settings → API keys';
    await failRun(base, message);
    return failPermanently(message);
  }
  const lastAttempt = ctx.job.attempts >= ctx.job.maxAttempts;
  let step;
  try {
    step = await runScrapeStep({ ...base, client, pollMs: ctx.services.config.scrape.pollMs, reportProgress: (done, total, label) => ctx.reportProgress(done, total, label) });
  } catch (error) {
    const disposition = classifyScrapeError(error);
    if (disposition.kind === 'permanent') {
      await failRun(base, disposition.message);
      return failPermanently(disposition.message);
    }
    if (disposition.kind === 'rate_limited') {
      return retryAt(new Date(Date.now() + (disposition.afterMs ?? RATE_LIMIT_FALLBACK_MS)), `PhantomBuster asked to slow down: ${disposition.message}`);
    }
    if (lastAttempt) await failRun(base, disposition.message);
    throw error;
  }
  switch (step.kind) {
    case 'wait':
      return retryAt(step.at, step.reason);
    case 'fail':
      await failRun(base, step.message);
      return failPermanently(step.message);
    case 'agent_failed':
      if (lastAttempt) await failRun(base, `${step.message} (after ${ctx.job.attempts} launches)`);
      throw new Error(step.message);
    case 'done':
      return { runId: step.run.id, status: step.run.status, found: step.run.found, new: step.run.newCount, duplicates: step.run.duplicates, skipped: step.run.skipped };
  }
}

export const scrapeRunJob = defineJob({
  name: 'scrape.run',
  family: 'scrape',
  scope: 'workspace',
  payload,
  attempts: 3,
  backoffMs: 30_000,
  leaseSeconds: 180,
  handler,
});

export const scrapingJobs = defineJobModule({ name: 'scraping', jobs: [scrapeRunJob] });
