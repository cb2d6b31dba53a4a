import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';

export type EnqueueOptions = {
  /** Required for workspace work; null for system jobs (enqueued through `asSystem`). */
  workspaceId: string | null;
  runAt?: Date;
  /** While a job with this key is queued or running in the workspace, enqueueing again returns it. */
  dedupeKey?: string;
  maxAttempts?: number;
  priority?: number;
};

export type EnqueueResult = { id: string; deduplicated: boolean };

/**
 * Adds a job. Use the workspace-scoped `db` for workspace jobs (RLS checks the workspace id) and
 * the system `db` for system jobs. Runs inside the caller's transaction, so a job enqueued by a
 * change is only visible once that change commits.
 */
export async function enqueueJob(db: Db, type: string, payload: unknown, options: EnqueueOptions): Promise<EnqueueResult> {
  const runAt = (options.runAt ?? new Date()).toISOString();
  const [inserted] = await queryRows<{ id: string }>(
    db,
    sql`insert into jobs (workspace_id, type, payload, run_at, dedupe_key, max_attempts, priority)
        values (${options.workspaceId}, ${type}, ${JSON.stringify(payload ?? {})}::jsonb, ${runAt},
                ${options.dedupeKey ?? null}, ${options.maxAttempts ?? 3}, ${options.priority ?? 0})
        on conflict (coalesce(workspace_id::text, ''), dedupe_key)
          where dedupe_key is not null and state in ('queued', 'running')
        do nothing
        returning id`,
  );
  if (inserted) return { id: inserted.id, deduplicated: false };
  const [existing] = await queryRows<{ id: string }>(
    db,
    sql`select id from jobs where coalesce(workspace_id::text, '') = ${options.workspaceId ?? ''}
        and dedupe_key = ${options.dedupeKey ?? null} and state in ('queued', 'running') limit 1`,
  );
  if (!existing) throw new Error(`job ${type} was neither inserted nor found by its dedupe key`);
  return { id: existing.id, deduplicated: true };
}
