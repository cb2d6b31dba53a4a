import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type Db } from '../db/database.js';
import { DEFAULT_ATTEMPTS, type JobDefinition, type SystemJobDefinition, type WorkspaceJobDefinition } from './definitions.js';

type CommonOptions = {
  runAt?: Date;
  /** While a job with this key is queued or running (in the workspace), enqueueing again returns it. */
  dedupeKey?: string;
  /** Overrides the definition's attempts. */
  maxAttempts?: number;
  /** Higher runs first within the family. */
  priority?: number;
};

export type WorkspaceEnqueueOptions = CommonOptions & {
  workspaceId: string;
  /** Shown in the campaign's job list. */
  campaignId?: string | null;
};
export type SystemEnqueueOptions = CommonOptions;

export type EnqueueResult = { id: string; deduplicated: boolean };

/** An enqueue whose payload does not match the definition: a bug at the call site, refused there. */
export class JobPayloadError extends Error {
  override name = 'JobPayloadError';
}

/**
 * Adds a job. Workspace jobs go through the workspace-scoped `db` (RLS checks the workspace id),
 * system jobs through the system one. Runs inside the caller's transaction, so a job enqueued by a
 * change becomes visible exactly when that change commits. The payload is validated here, by the
 * definition's own schema, so a bad payload fails at the call instead of in a worker later.
 */
export function enqueue<Schema extends z.ZodType>(
  db: Db,
  definition: WorkspaceJobDefinition<Schema>,
  payload: z.input<Schema>,
  options: WorkspaceEnqueueOptions,
): Promise<EnqueueResult>;
export function enqueue<Schema extends z.ZodType>(
  db: Db,
  definition: SystemJobDefinition<Schema>,
  payload: z.input<Schema>,
  options?: SystemEnqueueOptions,
): Promise<EnqueueResult>;
export async function enqueue(
  db: Db,
  definition: JobDefinition,
  payload: unknown,
  options: WorkspaceEnqueueOptions | SystemEnqueueOptions = {},
): Promise<EnqueueResult> {
  const checked = definition.payload.safeParse(payload);
  if (!checked.success) {
    const detail = checked.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ');
    throw new JobPayloadError(`Invalid payload for job ${definition.name}: ${detail}`);
  }
  const workspaceId = 'workspaceId' in options ? options.workspaceId : null;
  if (definition.scope === 'workspace' && !workspaceId) throw new JobPayloadError(`Job ${definition.name} needs a workspace`);
  if (definition.scope === 'system' && workspaceId) throw new JobPayloadError(`Job ${definition.name} is a system job: no workspace`);
  const campaignId = 'campaignId' in options ? (options.campaignId ?? null) : null;
  const runAt = (options.runAt ?? new Date()).toISOString();
  const dedupeKey = options.dedupeKey ?? null;
  const [inserted] = await queryRows<{ id: string }>(
    db,
    sql`insert into jobs (workspace_id, campaign_id, type, family, payload, run_at, dedupe_key, max_attempts, priority)
        values (${workspaceId}, ${campaignId}, ${definition.name}, ${definition.family}, ${JSON.stringify(payload ?? {})}::jsonb,
                ${runAt}, ${dedupeKey}, ${options.maxAttempts ?? definition.attempts ?? DEFAULT_ATTEMPTS}, ${options.priority ?? 0})
        on conflict (coalesce(workspace_id::text, ''), dedupe_key)
          where dedupe_key is not null and state in ('queued', 'running')
        do nothing
        returning id`,
  );
  if (inserted) return { id: inserted.id, deduplicated: false };
  const [existing] = await queryRows<{ id: string }>(
    db,
    sql`select id from jobs where coalesce(workspace_id::text, '') = ${workspaceId ?? ''}
        and dedupe_key = ${dedupeKey} and state in ('queued', 'running') limit 1`,
  );
  if (!existing) throw new Error(`job ${definition.name} was neither inserted nor found by its dedupe key`);
  return { id: existing.id, deduplicated: true };
}
