import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { EVENTS_CHANNEL, type LiveEvent } from './events.service.js';

type Listener = (event: LiveEvent) => void;

/**
 * One LISTEN per process, fanned out to in-process subscribers by workspace. Because every
 * instance listens on the same Postgres channel, a change made through any instance reaches the
 * browsers connected to all of them.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.database.listen(EVENTS_CHANNEL, (payload) => this.dispatch(payload));
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = undefined;
    this.listeners.clear();
  }

  subscribe(workspaceId: string, listener: Listener): () => void {
    let set = this.listeners.get(workspaceId);
    if (!set) {
      set = new Set();
      this.listeners.set(workspaceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workspaceId);
    };
  }

  private dispatch(payload: string): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch {
      this.logger.warn({ payload: payload.slice(0, 200) }, 'ignoring malformed event notification');
      return;
    }
    for (const listener of this.listeners.get(event.workspaceId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error }, 'event listener failed');
      }
    }
  }
}
