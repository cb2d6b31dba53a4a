import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';

/**
 * The enrichment queue's rows (`enrichment_tasks`, one per prospect). Claiming is the one place
 * that decides who may call the LLM for a prospect: a task moves to `running` under a lease in a
 * single UPDATE … FOR UPDATE SKIP LOCKED, so two workers (in one process or several) never hold
 * the same prospect. The claim also enforces the workspace's limits — at most `concurrency` leases
 * at once and at most `perMinute` calls in any minute — under a per-workspace advisory lock, so
 * two claims cannot both see the last free slot.
 */

export type ClaimedTask = { id: string; prospectId: string; campaignId: string | null; attempts: number };

export type ClaimLimits = {
  concurrency: number;
  /** Null: no budget (the offline provider makes no call). */
  perMinute: number | null;
  leaseMs: number;
  workerId: string;
};

export type ClaimResult =
  | { kind: 'claimed'; task: ClaimedTask }
  /** Every slot of the workspace is taken (by this job or another). */
  | { kind: 'busy' }
  /** The per-minute budget is spent; a call becomes possible again at `until`. */
  | { kind: 'budget'; until: Date }
  /** Nothing of this batch is left to claim (done, failed, or held by another worker). */
  | { kind: 'empty' };

const claimable = sql`(status = 'queued' or (status = 'running' and lease_until < now()))`;

export async function claimTask(db: Db, workspaceId: string, prospectIds: string[], limits: ClaimLimits): Promise<ClaimResult> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`enrichment:${workspaceId}`}, 0))`);
  const [usage] = await queryRows<{ running: number; calls: number; oldest: string | null }>(
    db,
    sql`select
          (select count(*)::int from enrichment_tasks where workspace_id = ${workspaceId} and status = 'running' and lease_until >= now()) as running,
          (select count(*)::int from enrichment_calls where workspace_id = ${workspaceId} and created_at > now() - interval '1 minute') as calls,
          (select min(created_at)::text from enrichment_calls where workspace_id = ${workspaceId} and created_at > now() - interval '1 minute') as oldest`,
  );
  const running = Number(usage?.running ?? 0);
  if (running >= limits.concurrency) return { kind: 'busy' };
  if (limits.perMinute !== null && Number(usage?.calls ?? 0) + running >= limits.perMinute) {
    // The in-flight calls will land in the window too; wait for the oldest recorded one to leave it.
    const oldest = usage?.oldest ? new Date(usage.oldest) : new Date();
    return { kind: 'budget', until: new Date(oldest.getTime() + 60_000) };
  }
  const [task] = await queryRows<{ id: string; prospect_id: string; campaign_id: string | null; attempts: number }>(
    db,
    sql`update enrichment_tasks
        set status = 'running', lease_until = now() + ${`${limits.leaseMs} milliseconds`}::interval, claimed_by = ${limits.workerId},
            attempts = attempts + 1, started_at = now(), error = null, updated_at = now()
        where id = (
          select id from enrichment_tasks
          where workspace_id = ${workspaceId} and prospect_id = any(${sql.raw(uuidArray(prospectIds))}) and ${claimable}
          order by requested_at, id
          limit 1
          for update skip locked)
        returning id, prospect_id, campaign_id, attempts`,
  );
  if (!task) return { kind: 'empty' };
  return { kind: 'claimed', task: { id: task.id, prospectId: task.prospect_id, campaignId: task.campaign_id, attempts: task.attempts } };
}

/** `'{…}'::uuid[]` from ids already validated as uuids by the job payload's schema. */
export function uuidArray(ids: string[]): string {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'{${ids.join(',')}}'::uuid[]`;
}

/** True while `workerId` still holds the task's lease: only then may it write the result. */
export async function holdsLease(db: Db, taskId: string, workerId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from enrichment_tasks where id = ${taskId} and status = 'running' and claimed_by = ${workerId} for update`,
  );
  return rows.length > 0;
}

export async function finishTask(db: Db, taskId: string, workerId: string, outcome: { status: 'done' } | { status: 'failed'; error: string }): Promise<void> {
  const error = outcome.status === 'failed' ? outcome.error.slice(0, 1000) : null;
  await db.execute(
    sql`update enrichment_tasks set status = ${outcome.status}, error = ${error}, lease_until = null, finished_at = now(), updated_at = now()
        where id = ${taskId} and claimed_by = ${workerId} and status = 'running'`,
  );
}

/** Gives a claimed task back to the queue (a rate limit or an outage: another run will take it). */
export async function releaseTask(db: Db, taskId: string, workerId: string, note: string | null): Promise<void> {
  await db.execute(
    sql`update enrichment_tasks set status = 'queued', lease_until = null, claimed_by = null, error = ${note}, updated_at = now()
        where id = ${taskId} and claimed_by = ${workerId} and status = 'running'`,
  );
}

/** Marks what is still waiting in a batch as failed (a refused key: nothing will succeed until it is fixed). */
export async function failWaitingTasks(db: Db, workspaceId: string, prospectIds: string[], error: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update enrichment_tasks set status = 'failed', error = ${error.slice(0, 1000)}, lease_until = null, finished_at = now(), updated_at = now()
        where workspace_id = ${workspaceId} and prospect_id = any(${sql.raw(uuidArray(prospectIds))}) and ${claimable}
        returning id`,
  );
  return rows.length;
}

/** Tasks of a batch still claimable now or later (queued, or running under someone's lease). */
export async function pendingInBatch(db: Db, workspaceId: string, prospectIds: string[]): Promise<{ queued: number; runningElsewhere: number }> {
  const [row] = await queryRows<{ queued: number; running: number }>(
    db,
    sql`select count(*) filter (where ${claimable})::int as queued,
               count(*) filter (where status = 'running' and lease_until >= now())::int as running
        from enrichment_tasks where workspace_id = ${workspaceId} and prospect_id = any(${sql.raw(uuidArray(prospectIds))})`,
  );
  return { queued: Number(row?.queued ?? 0), runningElsewhere: Number(row?.running ?? 0) };
}
