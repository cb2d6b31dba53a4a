import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { JobFamily } from '../../shared/enums.js';
import { queryRows, type Db } from '../db/database.js';
import { alerts, jobs } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import type { JobRecord } from './definitions.js';

/**
 * The SQL of the job lifecycle. Every write after the claim is conditional on `locked_by` and
 * `state = 'running'`, so a worker that lost its lease (another one took the job over) changes nothing.
 * All of it runs through the system handle: a claim must see every workspace's jobs.
 */

export type ClaimedJob = JobRecord & { payload: unknown };

type ClaimedRow = {
  id: string;
  type: string;
  family: JobFamily;
  workspace_id: string | null;
  campaign_id: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  deferrals: number;
};

/** Claims up to `limit` due jobs of one family (and of the types this worker knows) with a lease. */
export async function claimJobs(
  db: Db,
  input: { family: JobFamily; types: string[]; limit: number; workerId: string; leaseMs: number },
): Promise<ClaimedJob[]> {
  const due = sql`select id from jobs
          where ${and(eq(jobs.family, input.family), inArray(jobs.type, input.types))}
            and ((state = 'queued' and run_at <= now())
              or (state = 'running' and lease_until < now() and attempts < max_attempts))
          order by priority desc, run_at
          limit ${input.limit}
          for update skip locked`;
  return claim(db, due, input);
}

/**
 * Claims one queued job by id, for a request that runs its own job at once rather than wait for a
 * poll (a small CSV import). Nothing when a worker has it already.
 */
export async function claimJobById(db: Db, input: { id: string; workerId: string; leaseMs: number }): Promise<ClaimedJob | undefined> {
  const [job] = await claim(db, sql`select id from jobs where id = ${input.id} and state = 'queued' for update skip locked`, input);
  return job;
}

async function claim(db: Db, due: SQL, input: { workerId: string; leaseMs: number }): Promise<ClaimedJob[]> {
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`with due as (${due})
        update jobs set state = 'running', attempts = jobs.attempts + 1, locked_by = ${input.workerId},
          lease_until = now() + make_interval(secs => ${input.leaseMs / 1000}),
          started_at = now(), updated_at = now()
        from due where jobs.id = due.id
        returning jobs.id, jobs.type, jobs.family, jobs.workspace_id, jobs.campaign_id, jobs.payload, jobs.attempts,
          jobs.max_attempts, jobs.deferrals`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.type,
    family: row.family,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    deferrals: row.deferrals,
  }));
}

const heldBy = (jobId: string, workerId: string) => sql`id = ${jobId} and locked_by = ${workerId} and state = 'running'`;

/** True while this worker still holds the job. */
export async function extendLease(db: Db, jobId: string, workerId: string, leaseMs: number): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update jobs set lease_until = now() + make_interval(secs => ${leaseMs / 1000}) where ${heldBy(jobId, workerId)} returning id`,
  );
  return rows.length > 0;
}

export async function markSucceeded(db: Db, jobId: string, workerId: string, result: unknown): Promise<void> {
  await db.execute(
    sql`update jobs set state = 'succeeded', result = ${JSON.stringify(result ?? null)}::jsonb, finished_at = now(),
          lease_until = null, last_error = null, last_outcome = 'succeeded', outcome_reason = null, updated_at = now()
        where ${heldBy(jobId, workerId)}`,
  );
}

/** `retryAt`: queued again for `at`, giving back the attempt the claim took. */
export async function markDeferred(db: Db, jobId: string, workerId: string, at: Date, reason: string): Promise<void> {
  await db.execute(
    sql`update jobs set state = 'queued', run_at = ${at.toISOString()}, attempts = greatest(attempts - 1, 0),
          deferrals = deferrals + 1, lease_until = null, last_outcome = 'retry_scheduled', outcome_reason = ${reason},
          updated_at = now()
        where ${heldBy(jobId, workerId)}`,
  );
}

/** A thrown error with attempts left: queued again after the backoff. */
export async function markRetrying(db: Db, jobId: string, workerId: string, error: string, runAt: Date): Promise<void> {
  await db.execute(
    sql`update jobs set state = 'queued', last_error = ${error}, run_at = ${runAt.toISOString()}, lease_until = null,
          last_outcome = 'error', outcome_reason = null, updated_at = now()
        where ${heldBy(jobId, workerId)}`,
  );
}

/** Failed for good: attempts exhausted, or the handler said so. Raises the alert when it did fail now. */
export async function markFailed(
  db: Db,
  job: JobRecord,
  workerId: string,
  failure: { outcome: 'failed' | 'failed_permanently'; message: string },
): Promise<void> {
  const updated = await queryRows<{ id: string }>(
    db,
    sql`update jobs set state = 'failed', last_error = ${failure.message}, finished_at = now(), lease_until = null,
          last_outcome = ${failure.outcome},
          outcome_reason = ${failure.outcome === 'failed_permanently' ? failure.message : null}, updated_at = now()
        where ${heldBy(job.id, workerId)} returning id`,
  );
  if (updated.length > 0) await raiseJobFailedAlert(db, job, failure.message);
}

/** A job whose worker died on its last attempt would otherwise stay `running` forever. */
export async function failExhaustedLeases(db: Db): Promise<void> {
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`update jobs set state = 'failed', last_error = 'lease expired on the last attempt (worker stopped or crashed)',
          last_outcome = 'lease_expired', finished_at = now(), lease_until = null, updated_at = now()
        where state = 'running' and lease_until < now() and attempts >= max_attempts
        returning id, type, family, workspace_id, campaign_id, payload, attempts, max_attempts, deferrals`,
  );
  for (const row of rows) {
    const job: JobRecord = {
      id: row.id,
      name: row.type,
      family: row.family,
      workspaceId: row.workspace_id,
      campaignId: row.campaign_id,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      deferrals: row.deferrals,
    };
    await raiseJobFailedAlert(db, job, 'lease expired on the last attempt');
  }
}

export async function recordProgress(db: Db, jobId: string, progress: { done: number; total: number | null; label?: string }): Promise<void> {
  await db.execute(sql`update jobs set progress = ${JSON.stringify(progress)}::jsonb, updated_at = now() where id = ${jobId}`);
}

/** Within a system transaction: the alert and its live event for the job's workspace. */
async function raiseJobFailedAlert(db: Db, job: JobRecord, message: string): Promise<void> {
  if (!job.workspaceId) return;
  await db.insert(alerts).values({
    workspaceId: job.workspaceId,
    type: 'job_failed',
    severity: 'warning',
    title: `Background job "${job.name}" failed`,
    message: `It failed after ${job.attempts} attempt(s); last error: ${message}`,
    data: { jobId: job.id, jobType: job.name, attempts: job.attempts, campaignId: job.campaignId },
  });
  await recordEvent(db, {
    workspaceId: job.workspaceId,
    type: 'job.failed',
    jobId: job.id,
    campaignId: job.campaignId,
    data: { jobType: job.name, error: message },
  });
}
