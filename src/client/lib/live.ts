import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../server/events/events.service.js';
import { LiveInvalidation } from './live-invalidation.js';
import { trpc } from './trpc.js';

export type { LiveEvent };
export type LiveStatus = 'connecting' | 'live' | 'offline';

type TrpcClient = ReturnType<typeof trpc.useUtils>['client'];

/**
 * The workspace's `dashboard.live` SSE stream: its events go to `LiveInvalidation` (throttled
 * refetches of the affected queries, job progress patched in place). One per app; its status is
 * readable anywhere (the dashboard's "Live" badge).
 */
class LiveConnection {
  private subscription: { unsubscribe(): void } | null = null;
  private status: LiveStatus = 'offline';
  private readonly statusListeners = new Set<() => void>();
  private wasOffline = false;

  /** Opens the stream; the returned function closes it. */
  start(client: TrpcClient, queryClient: QueryClient): () => void {
    const invalidation = new LiveInvalidation(queryClient);
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
        onData: (tracked) => invalidation.onEvent(tracked.data),
        onError: () => {
          this.wasOffline = true;
          this.setStatus('offline');
        },
      },
    );
    return () => {
      this.subscription?.unsubscribe();
      this.subscription = null;
      invalidation.dispose();
      this.wasOffline = false;
      this.setStatus('offline');
    };
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

const connection = new LiveConnection();

/**
 * Keeps every page live: mounted once by the app shell, it holds the workspace's event stream open
 * while signed in (reopening it when the workspace changes) and refreshes what the events touch.
 */
export function useLiveUpdates(workspaceId: string): void {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  // workspaceId is not read here, but a new workspace needs a new stream (the server scopes it by session).
  useEffect(() => connection.start(utils.client, queryClient), [utils.client, queryClient, workspaceId]);
}

/** The stream's state, for a "Live" indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(connection.subscribeStatus, connection.getStatus, connection.getStatus);
}
