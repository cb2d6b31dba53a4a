import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../server/events/events.service.js';
import { LiveInvalidation } from './live-invalidation.js';

let nextId = 1;
const event = (type: string, extra: Partial<LiveEvent> = {}): LiveEvent => ({
  id: nextId++,
  workspaceId: 'w',
  type,
  campaignId: null,
  prospectId: null,
  jobId: null,
  data: {},
  createdAt: new Date().toISOString(),
  ...extra,
});

/** A cache holding queries keyed like @trpc/react-query keys them, counting refetches. */
function cacheWith(paths: string[]) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const fetches = new Map<string, number>();
  for (const path of paths) {
    fetches.set(path, 0);
    // A subscribed observer: what a mounted component holds, and what invalidation refetches.
    const observer = new QueryObserver(queryClient, {
      queryKey: [path.split('.'), { type: 'query' }],
      queryFn: () => {
        fetches.set(path, fetches.get(path)! + 1);
        return [{ id: 'job-1', state: 'running', progress: { done: 1, total: 10 } }];
      },
    });
    observer.subscribe(() => {});
  }
  return { queryClient, fetches };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live invalidation', () => {
  it('turns a burst of 100 000 events into a handful of refetches', async () => {
    const { queryClient, fetches } = cacheWith(['dashboard.kanban', 'dashboard.stats', 'campaigns.list']);
    await vi.runAllTimersAsync();
    const live = new LiveInvalidation(queryClient);
    // An import: 100 000 prospect.created events over 10 seconds.
    for (let second = 0; second < 10; second++) {
      for (let i = 0; i < 10_000; i++) live.onEvent(event('prospect.created'));
      await vi.advanceTimersByTimeAsync(1_000);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    for (const path of ['dashboard.kanban', 'dashboard.stats', 'campaigns.list']) {
      const refetches = fetches.get(path)! - 1;
      expect(refetches, path).toBeGreaterThanOrEqual(1);
      expect(refetches, path).toBeLessThanOrEqual(7);
    }
    live.dispose();
  });

  it('refetches only what an event makes stale, shortly after a single event', async () => {
    const { queryClient, fetches } = cacheWith(['dashboard.kanban', 'dashboard.stats', 'campaigns.list']);
    await vi.runAllTimersAsync();
    const live = new LiveInvalidation(queryClient);
    live.onEvent(event('prospect.stage_changed'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(Object.fromEntries(fetches)).toEqual({ 'dashboard.kanban': 2, 'dashboard.stats': 1, 'campaigns.list': 1 });
    live.dispose();
  });

  it('writes job progress into the cached job list without refetching it', async () => {
    const { queryClient, fetches } = cacheWith(['campaigns.jobs']);
    await vi.runAllTimersAsync();
    const live = new LiveInvalidation(queryClient);
    live.onEvent(event('job.progress', { jobId: 'job-1', data: { done: 7, total: 10, label: 'Enriching' } }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetches.get('campaigns.jobs')).toBe(1);
    expect(queryClient.getQueryData([['campaigns', 'jobs'], { type: 'query' }])).toEqual([
      { id: 'job-1', state: 'running', progress: { done: 7, total: 10, label: 'Enriching' } },
    ]);
    // A job no list shows yet: the lists are refetched so it appears.
    live.onEvent(event('job.progress', { jobId: 'job-2', data: { done: 1, total: 5 } }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetches.get('campaigns.jobs')).toBe(2);
    live.dispose();
  });
});
