import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import { JOB_FAMILIES, type JobFamily } from '../../shared/enums.js';
import type { AppServices } from '../services.js';
import type { JobDefinition, JobModule, JobSchedule } from './definitions.js';
import { runClaimedJob } from './job-runner.js';
import { claimJobs, failExhaustedLeases, type ClaimedJob } from './job-rows.js';
import { enqueue } from './queue.js';

export type JobEngineOptions = {
  /** Jobs run at once per family in this instance. */
  concurrency: Record<JobFamily, number>;
  leaseMs: number;
  pollCron: string;
  /** Extra id for logs and `locked_by`; defaults to host:pid:random. */
  workerId?: string;
};

type Running = { promise: Promise<void>; abort: AbortController };

/** One family's pool: its own slots, its own claim, its own backlog flag. */
class FamilyPool {
  readonly running = new Map<string, Running>();
  polling = false;
  /** The last claim filled every free slot: more is probably waiting, so claim again as slots free up. */
  backlog = false;
  constructor(
    readonly family: JobFamily,
    readonly concurrency: number,
  ) {}
}

/**
 * Runs jobs from the `jobs` table. Each family is claimed on its own with FOR UPDATE SKIP LOCKED and
 * a lease, so any number of engines (processes) on one database never run a job twice at the same
 * time, and a backlog in one family never takes the slots of another. A lease that runs out (crashed
 * process) makes the job claimable again and counts as an attempt: handlers must be safe to retry, or
 * (like sending email) record what they did before doing it.
 */
export class JobEngine {
  readonly workerId: string;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly schedules: JobSchedule[] = [];
  private readonly pools: Map<JobFamily, FamilyPool>;
  private readonly tasks: ScheduledTask[] = [];
  private stopped = false;

  constructor(
    private readonly services: AppServices,
    private readonly options: JobEngineOptions,
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pools = new Map(JOB_FAMILIES.map((family) => [family, new FamilyPool(family, options.concurrency[family])]));
  }

  register(definition: JobDefinition): this {
    if (this.definitions.has(definition.name)) throw new Error(`job type ${definition.name} registered twice`);
    this.definitions.set(definition.name, definition);
    return this;
  }

  /** A domain's jobs and schedules, as its `jobs.ts` declares them. */
  registerModule(module: JobModule): this {
    for (const definition of module.jobs) this.register(definition);
    for (const schedule of module.schedules ?? []) {
      if (!this.definitions.has(schedule.job.name)) this.register(schedule.job);
      this.schedules.push(schedule);
    }
    return this;
  }

  /** Starts polling on the configured cron expression, and every registered schedule. */
  start(): void {
    this.stopped = false;
    this.tasks.push(cron.schedule(this.options.pollCron, () => void this.poll(), { noOverlap: true, name: 'jobs-poll', suppressMissedWarning: true }));
    for (const schedule of this.schedules) {
      this.scheduleTick(schedule.job.name, schedule.cron(this.services.config), (at) => this.enqueueTick(schedule, at));
    }
  }

  /** Enqueues a schedule's system job once per tick, whichever instance's cron fires first. */
  async enqueueTick(schedule: JobSchedule, tickAt: Date): Promise<void> {
    const dedupeKey = `${schedule.job.name}@${tickAt.toISOString().slice(0, 19)}`;
    await this.services.database.asSystem((db) => enqueue(db, schedule.job, {}, { dedupeKey }));
  }

  /** One poll of every family; resolves with the number of jobs started. */
  async poll(): Promise<number> {
    if (this.stopped) return 0;
    try {
      // Jobs whose last lease ran out are failed here, once per poll rather than once per family.
      await this.services.database.asSystem(failExhaustedLeases);
    } catch (error) {
      this.services.logger.error({ err: error }, 'job lease sweep failed');
    }
    const started = await Promise.all([...this.pools.values()].map((pool) => this.pollFamily(pool)));
    return started.reduce((sum, n) => sum + n, 0);
  }

  /** Polls until nothing is due and nothing runs. For tests and one-off scripts. */
  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const claimed = await this.poll();
      const running = this.allRunning();
      if (running.length > 0) await Promise.race(running.map((r) => r.promise));
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
    const inFlight = this.allRunning();
    if (inFlight.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([Promise.all(inFlight.map((r) => r.promise)).then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.services.logger.warn({ jobs: inFlight.length }, 'shutdown: aborting jobs still running');
      for (const r of inFlight) r.abort.abort(new Error('shutting down'));
    }
  }

  /** Jobs running now, per family (for tests and the health of a family). */
  runningCount(family?: JobFamily): number {
    if (family) return this.pools.get(family)?.running.size ?? 0;
    return this.allRunning().length;
  }

  private allRunning(): Running[] {
    return [...this.pools.values()].flatMap((pool) => [...pool.running.values()]);
  }

  private async pollFamily(pool: FamilyPool): Promise<number> {
    if (pool.polling || this.stopped) return 0;
    const types = [...this.definitions.values()].filter((d) => d.family === pool.family).map((d) => d.name);
    const capacity = pool.concurrency - pool.running.size;
    if (capacity <= 0 || types.length === 0) return 0;
    pool.polling = true;
    try {
      const claimed = await this.services.database.asSystem((db) =>
        claimJobs(db, { family: pool.family, types, limit: capacity, workerId: this.workerId, leaseMs: this.options.leaseMs }),
      );
      pool.backlog = claimed.length === capacity;
      for (const job of claimed) this.startJob(pool, job);
      return claimed.length;
    } catch (error) {
      this.services.logger.error({ err: error, family: pool.family }, 'job poll failed');
      return 0;
    } finally {
      pool.polling = false;
    }
  }

  private startJob(pool: FamilyPool, job: ClaimedJob): void {
    const abort = new AbortController();
    const promise = runClaimedJob({
      services: this.services,
      definition: this.definitions.get(job.name),
      job,
      abort,
      workerId: this.workerId,
      defaultLeaseMs: this.options.leaseMs,
    })
      // Recording the outcome can fail too (the database went away at shutdown): the lease then runs
      // out and the job is retried elsewhere; log it rather than leave an unhandled rejection.
      .catch((error: unknown) => this.services.logger.error({ err: error, jobId: job.id }, 'job outcome could not be recorded'))
      .finally(() => {
        pool.running.delete(job.id);
        // Only a started engine keeps pulling from a backlog by itself; `drain` polls on its own.
        if (pool.backlog && !this.stopped && this.tasks.length > 0) void this.pollFamily(pool);
      });
    pool.running.set(job.id, { promise, abort });
  }

  /** Runs `onTick` on a cron expression, logging (not throwing) its failures. */
  private scheduleTick(name: string, expression: string, onTick: (scheduledAt: Date) => Promise<void>): void {
    const task = cron.schedule(
      expression,
      async (context) => {
        try {
          await onTick(context.date);
        } catch (error) {
          this.services.logger.error({ err: error, tick: name }, 'scheduled tick failed');
        }
      },
      { noOverlap: true, name, suppressMissedWarning: true },
    );
    this.tasks.push(task);
  }
}
