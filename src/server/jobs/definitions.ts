import type { z } from 'zod';
import type { JobFamily } from '../../shared/enums.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { AppServices } from '../services.js';

/**
 * Job definitions: one typed object per job type, exported by the domain that owns it
 * (`src/server/<domain>/jobs.ts`) and enqueued with `enqueue(db, definition, payload, options)`.
 *
 *   export const importProspectsJob = defineJob({
 *     name: 'prospects.import', family: 'ingest', scope: 'workspace',
 *     payload: z.object({ importId: z.uuid() }),
 *     async handler(ctx) {
 *       if (capReached) return retryAt(tomorrow, 'Daily cap reached');
 *       if (badKey) return failPermanently('PhantomBuster rejected the API key');
 *       return ctx.inWorkspace((db) => work(db, ctx.payload));
 *     },
 *   });
 */

export type JobScope = 'workspace' | 'system';

export type JobRecord = {
  id: string;
  name: string;
  family: JobFamily;
  workspaceId: string | null;
  campaignId: string | null;
  /** This run's attempt number (1 on the first run; `retryAt` does not use one). */
  attempts: number;
  maxAttempts: number;
  deferrals: number;
};

/** What every handler receives. */
type BaseJobContext<P> = {
  job: JobRecord;
  payload: P;
  log: Logger;
  /** Aborted when the process shuts down past its grace period or the lease is lost. */
  signal: AbortSignal;
  /** Records progress on the job row and, throttled, as a live `job.progress` event. */
  reportProgress(done: number, total: number | null, label?: string): Promise<void>;
};

/**
 * A workspace job sees only its workspace: a scoped handle (RLS applies) and the services without
 * the database, so no handler can reach across workspaces by accident.
 */
export type WorkspaceJobContext<P> = BaseJobContext<P> & {
  workspaceId: string;
  services: Omit<AppServices, 'database'>;
  /** Runs `fn` in a transaction scoped to the job's workspace. */
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
};

/** What most workspace jobs hand their service: the job's scoped handle, config, secrets and logger. */
export function workspaceServiceDeps<P>(ctx: WorkspaceJobContext<P>) {
  return { inWorkspace: <T>(fn: (db: Db) => Promise<T>) => ctx.inWorkspace(fn), config: ctx.services.config, secretBox: ctx.services.secretBox, logger: ctx.log };
}

/** A system job (cron ticks that fan out, housekeeping) works across workspaces. */
export type SystemJobContext<P> = BaseJobContext<P> & { services: AppServices };

export type JobContext<S extends JobScope, P> = S extends 'workspace' ? WorkspaceJobContext<P> : SystemJobContext<P>;

/** A handler's way to say "not now": the job runs again at `at` without using an attempt. */
export class JobOutcome {
  private constructor(
    readonly kind: 'retry_at' | 'fail_permanently',
    readonly reason: string,
    readonly at: Date | null,
  ) {}

  /** Run again later (caps, send windows, rate limits, `Retry-After`, polling a remote run). */
  static retryAt(at: Date, reason: string): JobOutcome {
    return new JobOutcome('retry_at', reason, at);
  }

  /** No retries: the failure will not go away by itself (refused API key, invalid payload). */
  static failPermanently(reason: string): JobOutcome {
    return new JobOutcome('fail_permanently', reason, null);
  }
}

export const retryAt = (at: Date, reason: string) => JobOutcome.retryAt(at, reason);
export const failPermanently = (reason: string) => JobOutcome.failPermanently(reason);

/** A handler returns a JSON-able result (stored on the job), nothing, or an outcome. */
export type JobResult = JobOutcome | Record<string, unknown> | unknown[] | string | number | boolean | null | undefined | void;

export type JobDefinition<S extends JobScope = JobScope, Schema extends z.ZodType = z.ZodType> = {
  /** Stored in `jobs.type`; `<domain>.<verb>` by convention. */
  name: string;
  family: JobFamily;
  scope: S;
  payload: Schema;
  handler(ctx: JobContext<S, z.output<Schema>>): Promise<JobResult>;
  /** Attempts before the job is failed (default 3). */
  attempts?: number;
  /** First retry delay after an error; doubles with each attempt (default 10 s). */
  backoffMs?: number;
  /** How long a run may go without a heartbeat before another worker takes it (default JOBS_LEASE_SECONDS). */
  leaseSeconds?: number;
};

export type WorkspaceJobDefinition<Schema extends z.ZodType = z.ZodType> = JobDefinition<'workspace', Schema>;
export type SystemJobDefinition<Schema extends z.ZodType = z.ZodType> = JobDefinition<'system', Schema>;

/** Keeps the payload type tied to the handler; the definition is used as is. */
export function defineJob<S extends JobScope, Schema extends z.ZodType>(definition: JobDefinition<S, Schema>): JobDefinition<S, Schema> {
  return definition;
}

/**
 * A cron schedule owned by a domain: on each tick, one instance (whichever fires first) enqueues
 * the system job once (deduplicated by the tick's time).
 */
export type JobSchedule = {
  /** The system job to enqueue; its payload must accept `{}`. */
  job: SystemJobDefinition;
  cron(config: Config): string;
};

/** What a domain contributes to the engine: its job definitions and its schedules. */
export type JobModule = {
  name: string;
  jobs: readonly JobDefinition[];
  schedules?: readonly JobSchedule[];
};

export function defineJobModule(module: JobModule): JobModule {
  return module;
}

export const DEFAULT_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 10_000;

export function retryDelayMs(definition: Pick<JobDefinition, 'backoffMs'> | undefined, attempts: number): number {
  const base = definition?.backoffMs ?? DEFAULT_BACKOFF_MS;
  return base * 2 ** Math.max(0, attempts - 1);
}
