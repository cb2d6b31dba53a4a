import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { events } from '../db/schema/index.js';

/** Postgres channel carrying every recorded event to every instance (see EventBus). */
export const EVENTS_CHANNEL = 'sales_machine_events';
// NOTIFY payloads are capped at 8000 bytes; larger event data is fetched by id instead.
const MAX_NOTIFY_BYTES = 7000;

export type EventInput = {
  workspaceId: string;
  type: string;
  actorUserId?: string | null;
  campaignId?: string | null;
  prospectId?: string | null;
  jobId?: string | null;
  data?: Record<string, unknown>;
};

export type LiveEvent = {
  id: number;
  workspaceId: string;
  type: string;
  campaignId: string | null;
  prospectId: string | null;
  jobId: string | null;
  data: Record<string, unknown> | null;
  createdAt: string;
};

/**
 * Appends an event and announces it with NOTIFY in the same transaction, so listeners hear of it
 * exactly when (and only if) the change that caused it commits.
 */
export async function recordEvent(db: Db, input: EventInput): Promise<LiveEvent> {
  const [row] = await db
    .insert(events)
    .values({
      workspaceId: input.workspaceId,
      type: input.type,
      actorUserId: input.actorUserId ?? null,
      campaignId: input.campaignId ?? null,
      prospectId: input.prospectId ?? null,
      jobId: input.jobId ?? null,
      data: input.data ?? {},
    })
    .returning();
  if (!row) throw new Error('event insert returned no row');
  const live: LiveEvent = {
    id: row.id,
    workspaceId: row.workspaceId,
    type: row.type,
    campaignId: row.campaignId,
    prospectId: row.prospectId,
    jobId: row.jobId,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  };
  let payload = JSON.stringify(live);
  if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) payload = JSON.stringify({ ...live, data: null });
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
  return live;
}
