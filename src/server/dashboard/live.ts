import { tracked, type TrackedEnvelope } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import type { LiveEvent } from '../events/events.service.js';
import type { Logger } from '../logger.js';

/** A reconnecting client is sent at most this many missed events; beyond that it refetches anyway. */
export const BACKFILL_LIMIT = 500;
/** How often an idle stream checks that its subscriber may still see the workspace. */
export const AUTH_RECHECK_MS = 5_000;
/** Events waiting for a slow client; past this the oldest are dropped (the client refetches on gaps). */
const MAX_QUEUED = 5_000;

type EventRow = {
  id: string | number;
  workspace_id: string;
  type: string;
  campaign_id: string | null;
  prospect_id: string | null;
  job_id: string | null;
  data: Record<string, unknown> | null;
  created_at: string | Date;
};

function fromRow(row: EventRow): LiveEvent {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    type: row.type,
    campaignId: row.campaign_id,
    prospectId: row.prospect_id,
    jobId: row.job_id,
    data: row.data ?? {},
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function eventsAfter(db: Db, workspaceId: string, lastEventId: number): Promise<LiveEvent[]> {
  const rows = await queryRows<EventRow>(
    db,
    sql`select id, workspace_id, type, campaign_id, prospect_id, job_id, data, created_at from events
        where workspace_id = ${workspaceId} and id > ${lastEventId}
        order by id limit ${BACKFILL_LIMIT}`,
  );
  return rows.map(fromRow);
}

async function eventById(db: Db, id: number): Promise<LiveEvent | undefined> {
  const [row] = await queryRows<EventRow>(
    db,
    sql`select id, workspace_id, type, campaign_id, prospect_id, job_id, data, created_at from events where id = ${id}`,
  );
  return row ? fromRow(row) : undefined;
}

/**
 * The workspace's events as they happen, for a tRPC SSE subscription. It subscribes to the bus
 * right away (before tRPC tells the client it is connected, so a change made just after
 * "connected" is never missed), then back-fills what the client missed since `lastEventId` from
 * the `events` table (inside the workspace scope); an event seen both ways is sent once. Ends
 * when `signal` aborts (the client went away) and always unsubscribes.
 */
export function liveEvents(options: {
  database: Database;
  eventBus: EventBus;
  workspaceId: string;
  lastEventId: number | null;
  signal: AbortSignal | undefined;
  logger: Logger;
  /**
   * Whether the subscriber may still see the workspace (membership, session, API token), as an
   * error to end the stream with. Asked before each batch of events and every `recheckMs` while
   * idle: access checked only when the stream opened would outlive a removal or a revocation.
   */
  revokedAccess: () => Promise<Error | null>;
  recheckMs?: number;
}): AsyncGenerator<TrackedEnvelope<LiveEvent>> {
  const { database, eventBus, workspaceId, signal } = options;
  const queue: LiveEvent[] = [];
  let wake: (() => void) | undefined;
  let subscribed = true;
  const stopListening = eventBus.subscribe(workspaceId, (event) => {
    queue.push(event);
    if (queue.length > MAX_QUEUED) {
      queue.splice(0, queue.length - MAX_QUEUED);
      options.logger.warn({ workspaceId }, 'live events: slow client, dropped the oldest queued events');
    }
    wake?.();
  });
  const unsubscribe = () => {
    if (!subscribed) return;
    subscribed = false;
    stopListening();
    signal?.removeEventListener('abort', onAbort);
  };
  // Also covers a client that leaves before the stream is ever iterated (the generator's
  // `finally` would then never run).
  const onAbort = () => {
    unsubscribe();
    wake?.();
  };
  signal?.addEventListener('abort', onAbort);

  async function* stream(): AsyncGenerator<TrackedEnvelope<LiveEvent>> {
    try {
      const sent = new Set<number>();
      if (options.lastEventId !== null) {
        const missed = await database.withWorkspace(workspaceId, (db) => eventsAfter(db, workspaceId, options.lastEventId!));
        for (const event of missed) {
          if (signal?.aborted) return;
          sent.add(event.id);
          yield tracked(String(event.id), event);
        }
      }
      let checkedAt = Date.now();
      const recheckMs = options.recheckMs ?? AUTH_RECHECK_MS;
      const assertStillAllowed = async () => {
        checkedAt = Date.now();
        const revoked = await options.revokedAccess();
        if (revoked) throw revoked;
      };
      while (!signal?.aborted) {
        if (queue.length === 0) {
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, Math.max(0, checkedAt + recheckMs - Date.now()));
          });
          clearTimeout(timer);
          wake = undefined;
          if (queue.length === 0 && !signal?.aborted) await assertStillAllowed();
          continue;
        }
        // A new batch: nothing more goes out to someone who lost access meanwhile.
        await assertStillAllowed();
        for (let next = queue.shift(); next; next = queue.shift()) {
          let event = next;
          // Already sent by the back-fill: the back-fill and the bus overlap by design.
          if (sent.delete(event.id)) continue;
          if (event.data === null) {
            // NOTIFY payloads are capped; an event with large data comes without it: read it back.
            const id = event.id;
            event = (await database.withWorkspace(workspaceId, (db) => eventById(db, id))) ?? event;
          }
          yield tracked(String(event.id), event);
          if (signal?.aborted) return;
        }
      }
    } finally {
      unsubscribe();
    }
  }
  return stream();
}
