import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import { queryRows, type Database } from '../db/database.js';
import { alerts } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import type { Logger } from '../logger.js';
import { retryDelayMs, type AnyJobDefinition, type JobContext, type JobRecord } from './definitions.js';
import { enqueueJob } from './queue.js';

export type JobEngineOptions = {
  concurrency: number;
  leaseMs: number;
  pollCron: string;
  /** Extra id for logs and `locked_by`; defaults to host:pid:random. */
  workerId?: string;
};

type ClaimedRow = {
  id: string;
  type: string;
  workspace_id: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number;
};

const PROGRESS_EVENT_INTERVAL_MS = 500;

/**
 * Runs jobs from the `jobs` table. Each poll claims due rows with FOR UPDATE SKIP LOCKED and a lease,
 * so any number of engines (processes) on one database never run a job twice at the same time; a
 * lease that runs out (crashed process) makes the job claimable again and counts as an attempt.
 * Handlers must therefore be safe to retry, or (like sending email) record what they did first.
 */
export class JobEngine {
  readonly workerId: string;
  private readonly definitions = new Map<string, AnyJobDefinition>();
  private readonly running = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private readonly tasks: ScheduledTask[] = [];
  private polling = false;
  private stopped = false;
  /** The last poll filled every free slot: more work is probably waiting, so poll again as slots free up. */
  private backlog = false;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly options: JobEngineOptions,
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  register(definition: AnyJobDefinition): this {
    if (this.definitions.has(definition.type)) throw new Error(`job type ${definition.type} registered twice`);
    this.definitions.set(definition.type, definition);
    return this;
  }

  /** Starts polling on the configured cron expression. */
  start(): void {
    this.stopped = false;
    this.tasks.push(cron.schedule(this.options.pollCron, () => void this.poll(), { noOverlap: true, name: 'jobs-poll', suppressMissedWarning: true }));
  }

  /**
   * Runs `onTick` on a cron expression. For work that must happen once per tick across all
   * instances, make `onTick` enqueue a job with a dedupe key naming the tick (see `enqueueTickJob`).
   */
  schedule(name: string, expression: string, onTick: (scheduledAt: Date) => Promise<void>): void {
    const task = cron.schedule(
      expression,
      async (context) => {
        try {
          await onTick(context.date);
        } catch (error) {
          this.logger.error({ err: error, tick: name }, 'scheduled tick failed');
        }
      },
      { noOverlap: true, name, suppressMissedWarning: true },
    );
    this.tasks.push(task);
  }

  /** Enqueues a system job once per tick, whichever instance's cron fires first. */
  async enqueueTickJob(type: string, tickAt: Date, payload: unknown = {}): Promise<void> {
    const key = `${type}@${tickAt.toISOString().slice(0, 19)}`;
    await this.database.asSystem((db) => enqueueJob(db, type, payload, { workspaceId: null, dedupeKey: key }));
  }

  /** One poll: fail jobs whose last lease ran out, then claim what capacity allows and start it. */
  async poll(): Promise<number> {
    if (this.polling || this.stopped) return 0;
    this.polling = true;
    try {
      await this.failExhaustedLeases();
      const capacity = this.options.concurrency - this.running.size;
      if (capacity <= 0 || this.definitions.size === 0) return 0;
      const claimed = await this.claim(capacity);
      this.backlog = claimed.length === capacity;
      for (const row of claimed) this.startJob(row);
      return claimed.length;
    } catch (error) {
      this.logger.error({ err: error }, 'job poll failed');
      return 0;
    } finally {
      this.polling = false;
    }
  }

  /** Polls until nothing is due and nothing runs. For tests and one-off scripts. */
  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const claimed = await this.poll();
      if (this.running.size > 0) await Promise.race([...this.running.values()].map((r) => r.promise));
      else if (claimed === 0) return;
      if (Date.now() > deadline) throw new Error('job drain timed out');
    }
  }

  /**
   * Stops polling and waits for running jobs up to `timeoutMs`, then aborts them. An aborted job keeps
   * its lease; when the lease runs out another instance retries it.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks.splice(0)) await task.destroy();
    const inFlight = [...this.running.values()];
    if (inFlight.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([Promise.all(inFlight.map((r) => r.promise)).then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn({ jobs: inFlight.length }, 'shutdown: aborting jobs still running');
      for (const r of inFlight) r.abort.abort(new Error('shutting down'));
    }
  }

  get runningCount(): number {
    return this.running.size;
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    const types = [...this.definitions.keys()];
    return this.database.asSystem((db) =>
      queryRows<ClaimedRow>(
        db,
        sql`with due as (
              select id from jobs
              where type in ${sql.raw(`(${types.map((t) => `'${t.replaceAll("'", "''")}'`).join(', ')})`)}
                and ((state = 'queued' and run_at <= now())
                  or (state = 'running' and lease_until < now() and attempts < max_attempts))
              order by priority desc, run_at
              limit ${limit}
              for update skip locked
            )
            update jobs set state = 'running', attempts = jobs.attempts + 1, locked_by = ${this.workerId},
              lease_until = now() + make_interval(secs => ${this.options.leaseMs / 1000}),
              started_at = now(), updated_at = now()
            from due where jobs.id = due.id
            returning jobs.id, jobs.type, jobs.workspace_id, jobs.payload, jobs.attempts, jobs.max_attempts`,
      ),
    );
  }

  private startJob(row: ClaimedRow): void {
    const abort = new AbortController();
    const promise = this.execute(row, abort).finally(() => {
      this.running.delete(row.id);
      if (this.backlog && !this.stopped && this.tasks.length > 0) void this.poll();
    });
    this.running.set(row.id, { promise, abort });
  }

  private async execute(row: ClaimedRow, abort: AbortController): Promise<void> {
    const definition = this.definitions.get(row.type);
    const job: JobRecord = {
      id: row.id,
      type: row.type,
      workspaceId: row.workspace_id,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
    };
    const log = this.logger.child({ jobId: job.id, jobType: job.type, attempt: job.attempts });
    const heartbeat = setInterval(() => void this.extendLease(job.id, abort), Math.max(250, this.options.leaseMs / 3));
    try {
      if (!definition) throw new Error(`no handler registered for job type ${row.type}`);
      const payload = definition.payload.safeParse(row.payload);
      if (!payload.success) throw new Error(`invalid payload: ${payload.error.issues.map((i) => i.message).join('; ')}`);
      // The payload was just validated by this definition's own schema.
      const ctx = this.context(job, payload.data, log, abort.signal) as JobContext<never>;
      const result = await definition.handler(ctx);
      await this.complete(job.id, result);
      log.debug('job succeeded');
    } catch (error) {
      await this.fail(job, definition, error, log);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private context<P>(job: JobRecord, payload: P, log: Logger, signal: AbortSignal): JobContext<P> {
    let lastProgressEvent = 0;
    return {
      job,
      payload,
      database: this.database,
      log,
      signal,
      inWorkspace: (fn) => {
        if (!job.workspaceId) throw new Error(`system job ${job.type} has no workspace`);
        return this.database.withWorkspace(job.workspaceId, fn);
      },
      reportProgress: async (done, total, label) => {
        const progress = { done, total, ...(label ? { label } : {}) };
        const announce = Date.now() - lastProgressEvent >= PROGRESS_EVENT_INTERVAL_MS || (total !== null && done >= total);
        if (announce) lastProgressEvent = Date.now();
        const write = async (db: Parameters<Parameters<Database['asSystem']>[0]>[0]) => {
          await db.execute(sql`update jobs set progress = ${JSON.stringify(progress)}::jsonb, updated_at = now() where id = ${job.id}`);
          if (announce && job.workspaceId) {
            await recordEvent(db, { workspaceId: job.workspaceId, type: 'job.progress', jobId: job.id, data: { jobType: job.type, ...progress } });
          }
        };
        await (job.workspaceId ? this.database.withWorkspace(job.workspaceId, write) : this.database.asSystem(write));
      },
    };
  }

  private async extendLease(jobId: string, abort: AbortController): Promise<void> {
    try {
      const rows = await this.database.asSystem((db) =>
        queryRows<{ id: string }>(
          db,
          sql`update jobs set lease_until = now() + make_interval(secs => ${this.options.leaseMs / 1000})
              where id = ${jobId} and locked_by = ${this.workerId} and state = 'running' returning id`,
        ),
      );
      // Another worker took the job over (our lease had run out): stop working on it.
      if (rows.length === 0) abort.abort(new Error('lease lost'));
    } catch (error) {
      this.logger.warn({ err: error, jobId }, 'could not extend job lease');
    }
  }

  private async complete(jobId: string, result: unknown): Promise<void> {
    await this.database.asSystem((db) =>
      db.execute(
        sql`update jobs set state = 'succeeded', result = ${JSON.stringify(result ?? null)}::jsonb, finished_at = now(),
              lease_until = null, last_error = null, updated_at = now()
            where id = ${jobId} and locked_by = ${this.workerId} and state = 'running'`,
      ),
    );
  }

  private async fail(job: JobRecord, definition: AnyJobDefinition | undefined, error: unknown, log: Logger): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const exhausted = job.attempts >= job.maxAttempts;
    if (exhausted) log.error({ err: error }, 'job failed for good');
    else log.warn({ err: error }, 'job attempt failed; will retry');
    const retryAt = new Date(Date.now() + retryDelayMs(definition ?? {}, job.attempts)).toISOString();
    await this.database.asSystem(async (db) => {
      const updated = await queryRows<{ id: string }>(
        db,
        exhausted
          ? sql`update jobs set state = 'failed', last_error = ${message}, finished_at = now(), lease_until = null, updated_at = now()
                where id = ${job.id} and locked_by = ${this.workerId} and state = 'running' returning id`
          : sql`update jobs set state = 'queued', last_error = ${message}, run_at = ${retryAt}, lease_until = null, updated_at = now()
                where id = ${job.id} and locked_by = ${this.workerId} and state = 'running' returning id`,
      );
      if (exhausted && updated.length > 0) await raiseJobFailedAlert(db, job, message);
    });
  }

  /** A job whose worker died on its last attempt would otherwise stay `running` forever. */
  private async failExhaustedLeases(): Promise<void> {
    await this.database.asSystem(async (db) => {
      const rows = await queryRows<{ id: string; type: string; workspace_id: string | null; attempts: number; max_attempts: number }>(
        db,
        sql`update jobs set state = 'failed', last_error = 'lease expired on the last attempt (worker stopped or crashed)',
              finished_at = now(), lease_until = null, updated_at = now()
            where state = 'running' and lease_until < now() and attempts >= max_attempts
            returning id, type, workspace_id, attempts, max_attempts`,
      );
      for (const row of rows) {
        const job = { id: row.id, type: row.type, workspaceId: row.workspace_id, attempts: row.attempts, maxAttempts: row.max_attempts };
        await raiseJobFailedAlert(db, job, 'lease expired on the last attempt');
      }
    });
  }
}

/** Within a system transaction: the alert and its live event for the job's workspace. */
async function raiseJobFailedAlert(db: Parameters<Parameters<Database['asSystem']>[0]>[0], job: JobRecord, message: string): Promise<void> {
  if (!job.workspaceId) return;
  await db.insert(alerts).values({
    workspaceId: job.workspaceId,
    type: 'job_failed',
    severity: 'warning',
    title: `Background job "${job.type}" failed`,
    message: `It failed ${job.attempts} time(s); last error: ${message}`,
    data: { jobId: job.id, jobType: job.type, attempts: job.attempts },
  });
  await recordEvent(db, { workspaceId: job.workspaceId, type: 'job.failed', jobId: job.id, data: { jobType: job.type, error: message } });
}
