import type { Db } from '../db/database.js';
import { recordEvent } from '../events/events.service.js';
import type { Logger } from '../logger.js';
import type { AppServices } from '../services.js';
import { JobOutcome, retryDelayMs, type JobDefinition, type JobRecord, type SystemJobContext, type WorkspaceJobContext } from './definitions.js';
import { extendLease, markDeferred, markFailed, markRetrying, markSucceeded, recordProgress, type ClaimedJob } from './job-rows.js';

const PROGRESS_EVENT_INTERVAL_MS = 500;
const MAX_ERROR_LENGTH = 2000;

type RunInput = {
  services: AppServices;
  definition: JobDefinition | undefined;
  job: ClaimedJob;
  abort: AbortController;
  workerId: string;
  defaultLeaseMs: number;
};

/** Runs one claimed job to its recorded outcome: succeeded, deferred (`retryAt`), retrying or failed. */
export async function runClaimedJob(input: RunInput): Promise<void> {
  const { services, definition, job, abort, workerId } = input;
  const { payload: rawPayload, ...record } = job;
  const log = services.logger.child({ jobId: job.id, jobType: job.name, family: job.family, attempt: job.attempts });
  const leaseMs = definition?.leaseSeconds ? definition.leaseSeconds * 1000 : input.defaultLeaseMs;
  const system = <T>(fn: (db: Db) => Promise<T>) => services.database.asSystem(fn);
  const keepLease = async () => {
    try {
      // Another worker took the job over (our lease had run out): stop working on it.
      if (!(await system((db) => extendLease(db, job.id, workerId, leaseMs)))) abort.abort(new Error('lease lost'));
    } catch (error) {
      log.warn({ err: error }, 'could not extend job lease');
    }
  };
  const heartbeat = setInterval(() => void keepLease(), Math.max(250, leaseMs / 3));
  try {
    if (leaseMs !== input.defaultLeaseMs) await keepLease();
    if (!definition) {
      // Claims only ask for registered types; this is a deployment mix-up, not a transient failure.
      await system((db) => markFailed(db, record, workerId, { outcome: 'failed_permanently', message: `no handler registered for job type ${job.name}` }));
      return;
    }
    const payload = definition.payload.safeParse(rawPayload);
    if (!payload.success) {
      const message = `invalid payload: ${payload.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`;
      await system((db) => markFailed(db, record, workerId, { outcome: 'failed_permanently', message }));
      return;
    }
    const result = await definition.handler(handlerContext(services, record, payload.data, log, abort.signal));
    if (result instanceof JobOutcome) {
      if (result.kind === 'retry_at') {
        const at = result.at ?? new Date();
        log.info({ runAt: at.toISOString(), reason: result.reason }, 'job deferred');
        await system((db) => markDeferred(db, job.id, workerId, at, result.reason.slice(0, MAX_ERROR_LENGTH)));
      } else {
        log.warn({ reason: result.reason }, 'job failed permanently');
        await system((db) => markFailed(db, record, workerId, { outcome: 'failed_permanently', message: result.reason.slice(0, MAX_ERROR_LENGTH) }));
      }
      return;
    }
    await system((db) => markSucceeded(db, job.id, workerId, result));
    log.debug('job succeeded');
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    const exhausted = job.attempts >= job.maxAttempts;
    if (exhausted) {
      log.error({ err: error }, 'job failed for good');
      await system((db) => markFailed(db, record, workerId, { outcome: 'failed', message }));
    } else {
      log.warn({ err: error }, 'job attempt failed; will retry');
      const runAt = new Date(Date.now() + retryDelayMs(definition, job.attempts));
      await system((db) => markRetrying(db, job.id, workerId, message, runAt));
    }
  } finally {
    clearInterval(heartbeat);
  }
}

function handlerContext(
  services: AppServices,
  job: JobRecord,
  payload: unknown,
  log: Logger,
  signal: AbortSignal,
): WorkspaceJobContext<unknown> | SystemJobContext<unknown> {
  let lastProgressEvent = 0;
  const { workspaceId } = job;
  const reportProgress = async (done: number, total: number | null, label?: string) => {
    const progress = { done, total, ...(label ? { label } : {}) };
    const announce = Date.now() - lastProgressEvent >= PROGRESS_EVENT_INTERVAL_MS || (total !== null && done >= total);
    if (announce) lastProgressEvent = Date.now();
    const write = async (db: Db) => {
      await recordProgress(db, job.id, progress);
      if (announce && workspaceId) {
        await recordEvent(db, {
          workspaceId,
          type: 'job.progress',
          jobId: job.id,
          campaignId: job.campaignId,
          data: { jobType: job.name, ...progress },
        });
      }
    };
    await (workspaceId ? services.database.withWorkspace(workspaceId, write) : services.database.asSystem(write));
  };
  if (!workspaceId) return { job, payload, log, signal, reportProgress, services };
  // The services minus the database: a workspace job reaches data only through its own scope.
  const { database, ...scopedServices } = services;
  return {
    job,
    payload,
    log,
    signal,
    reportProgress,
    workspaceId,
    services: scopedServices,
    inWorkspace: (fn) => database.withWorkspace(workspaceId, fn),
  };
}
