import { hostname } from 'node:os';
import type { AppServices } from '../services.js';
import type { JobDefinition } from './definitions.js';
import { runClaimedJob } from './job-runner.js';
import { claimJobById } from './job-rows.js';

/**
 * Runs one queued job in this process now, through the same claim, lease and recorded outcome as
 * the engine (a crash mid-run leaves it to the engine's next claim). For a request that waits for a
 * short job (a small CSV import) instead of a poll tick. False when another worker had claimed it.
 */
export async function runJobNow(services: AppServices, definition: JobDefinition, jobId: string): Promise<boolean> {
  const workerId = `${hostname()}:${process.pid}:request`;
  const leaseMs = definition.leaseSeconds ? definition.leaseSeconds * 1000 : services.config.jobs.leaseMs;
  const job = await services.database.asSystem((db) => claimJobById(db, { id: jobId, workerId, leaseMs }));
  if (!job) return false;
  await runClaimedJob({ services, definition, job, abort: new AbortController(), workerId, defaultLeaseMs: leaseMs });
  return true;
}
