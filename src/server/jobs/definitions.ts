import type { z } from 'zod';
import type { Database, Db } from '../db/database.js';
import type { Logger } from '../logger.js';

export type JobRecord = {
  id: string;
  type: string;
  workspaceId: string | null;
  attempts: number;
  maxAttempts: number;
};

export type JobContext<P> = {
  job: JobRecord;
  payload: P;
  database: Database;
  log: Logger;
  /** Aborted when the process shuts down past its grace period or the lease is lost. */
  signal: AbortSignal;
  /** The job's workspace scope (RLS applies). Throws for system jobs, which have no workspace. */
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Records progress on the job row and, throttled, as a live `job.progress` event. */
  reportProgress(done: number, total: number | null, label?: string): Promise<void>;
};

export type JobDefinition<P = unknown> = {
  type: string;
  payload: z.ZodType<P>;
  handler: (ctx: JobContext<P>) => Promise<unknown>;
  /** Attempts before the job is marked failed (default 3). */
  maxAttempts?: number;
  /** First retry delay; doubles with each attempt (default 10 s). */
  backoffMs?: number;
};

/** A definition with its payload type erased, so jobs of different payloads fit in one list. */
export type AnyJobDefinition = {
  type: string;
  payload: z.ZodType<unknown>;
  handler: (ctx: JobContext<never>) => Promise<unknown>;
  maxAttempts?: number;
  backoffMs?: number;
};

/** Identity function that keeps the payload type tied to its handler. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export function retryDelayMs(definition: Pick<JobDefinition, 'backoffMs'>, attempts: number): number {
  const base = definition.backoffMs ?? 10_000;
  return base * 2 ** Math.max(0, attempts - 1);
}
