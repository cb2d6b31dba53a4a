import type { EventBus } from '../events/event-bus.js';
import type { operationalCounts } from './dashboard.service.js';

type Inputs = Awaited<ReturnType<typeof operationalCounts>>;
type Entry = { value: Promise<Inputs>; expiresAt: number; unsubscribe: () => void };

/**
 * The health score's operational inputs (unhealthy mailboxes, failed jobs, stale reviews) for a
 * few seconds, so a burst of dashboard loads reads them once. Any event of the workspace on the
 * NOTIFY bus (a job failed, a mailbox or a review changed…) drops the entry at once, on every
 * instance; the short lifetime only covers what moves with the clock (a review turning stale).
 */
export const HEALTH_INPUTS_TTL_MS = 15_000;
const caches = new WeakMap<EventBus, Map<string, Entry>>();

export function cachedHealthInputs(eventBus: EventBus, workspaceId: string, load: () => Promise<Inputs>, now = Date.now()): Promise<Inputs> {
  let cache = caches.get(eventBus);
  if (!cache) caches.set(eventBus, (cache = new Map<string, Entry>()));
  const entries = cache;
  const current = entries.get(workspaceId);
  if (current && current.expiresAt > now) return current.value;
  current?.unsubscribe();
  const drop = () => {
    const entry = entries.get(workspaceId);
    if (entry !== undefined && entry.value === value) {
      entries.delete(workspaceId);
      entry.unsubscribe();
    }
  };
  const value = load();
  entries.set(workspaceId, { value, expiresAt: now + HEALTH_INPUTS_TTL_MS, unsubscribe: eventBus.subscribe(workspaceId, drop) });
  value.catch(drop);
  return value;
}
