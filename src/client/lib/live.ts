import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../server/events/events.service.js';
import { LiveInvalidation } from './live-invalidation.js';
import { trpc } from './trpc.js';

export type { LiveEvent };
export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * Live updates for the whole app: ONE `dashboard.live` SSE subscription however many components
 * use it (reference-counted); its events go to `LiveInvalidation` (throttled refetches, job
 * progress patched in place) and to page-specific listeners.
 */

class LiveHub {
  private users = 0;
  private workspaceId: string | null = null;
  private subscription: { unsubscribe(): void } | null = null;
  private status: LiveStatus = 'offline';
  private readonly statusListeners = new Set<() => void>();
  readonly eventListeners = new Set<(event: LiveEvent) => void>();
  private invalidation: LiveInvalidation | null = null;
  private wasOffline = false;

  acquire(client: ReturnType<typeof trpc.useUtils>['client'], queryClient: QueryClient, workspaceId: string): () => void {
    this.users += 1;
    if (this.workspaceId !== workspaceId) this.restart(client, queryClient, workspaceId);
    return () => {
      this.users -= 1;
      // A page change unmounts one user and mounts the next: keep the stream through the gap.
      setTimeout(() => {
        if (this.users === 0) this.stop();
      }, 1_000);
    };
  }

  private restart(client: ReturnType<typeof trpc.useUtils>['client'], queryClient: QueryClient, workspaceId: string): void {
    this.stop();
    this.workspaceId = workspaceId;
    this.invalidation = new LiveInvalidation(queryClient);
    this.setStatus('connecting');
    this.subscription = client.dashboard.live.subscribe(
      {},
      {
        onConnectionStateChange: (state) => {
          if (state.state === 'pending') {
            // Back after a gap the server could not fully replay (or a long sleep): refresh what is shown.
            if (this.wasOffline) void queryClient.invalidateQueries();
            this.wasOffline = false;
            this.setStatus('live');
          } else if (state.state === 'connecting') {
            if (state.error) this.wasOffline = true;
            this.setStatus(state.error ? 'offline' : 'connecting');
          } else {
            this.setStatus('offline');
          }
        },
        // The link remembers the last tracked id and sends it as `lastEventId` when it reconnects.
        onData: (tracked) => this.handle(tracked.data),
        onError: () => {
          this.wasOffline = true;
          this.setStatus('offline');
        },
      },
    );
  }

  private stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.invalidation?.dispose();
    this.invalidation = null;
    this.workspaceId = null;
    this.setStatus('offline');
  }

  private handle(event: LiveEvent): void {
    for (const listener of this.eventListeners) listener(event);
    this.invalidation?.onEvent(event);
  }

  getStatus = (): LiveStatus => this.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}

const hub = new LiveHub();

/**
 * Keeps this page live: while mounted, the app holds its workspace's event stream open and
 * refreshes the affected queries. `onEvent` sees every event (for page-specific touches).
 * Returns the connection status for a "Live" indicator.
 */
export function useLiveUpdates(workspaceId: string, onEvent?: (event: LiveEvent) => void): LiveStatus {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => hub.acquire(utils.client, queryClient, workspaceId), [utils.client, queryClient, workspaceId]);
  useEffect(() => {
    const listener = (event: LiveEvent) => handler.current?.(event);
    hub.eventListeners.add(listener);
    return () => {
      hub.eventListeners.delete(listener);
    };
  }, []);
  return useSyncExternalStore(hub.subscribeStatus, hub.getStatus, hub.getStatus);
}
