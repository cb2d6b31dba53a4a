import type { Query, QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../server/events/events.service.js';

/** The dashboard's numbers, whichever procedure a page reads them through. */
const NUMBERS = ['dashboard.stats', 'dashboard.metrics', 'dashboard.health', 'dashboard.chart'];

/** Which cached queries (tRPC paths, prefix match) each event type makes stale. */
const STALE_BY_EVENT: Record<string, string[]> = {
  'prospect.created': [...NUMBERS, 'dashboard.kanban', 'campaigns.list', 'campaigns.get', 'campaigns.prospects', 'prospects'],
  'prospect.updated': ['dashboard.kanban', 'campaigns.prospects', 'prospects'],
  'prospect.deleted': [...NUMBERS, 'dashboard.kanban', 'campaigns.list', 'campaigns.get', 'campaigns.prospects', 'prospects'],
  'prospect.stage_changed': ['dashboard.kanban', 'dashboard.activity', 'campaigns.prospects', 'prospects', 'inbox'],
  'prospects.imported': [...NUMBERS, 'dashboard.kanban', 'dashboard.activity', 'campaigns', 'prospects'],
  'prospects.bulk_updated': ['dashboard.kanban', 'campaigns.prospects', 'prospects'],
  'campaign.created': ['campaigns', 'dashboard.activity'],
  'campaign.updated': ['campaigns', 'dashboard.kanban'],
  'campaign.status_changed': ['campaigns', 'dashboard.activity'],
  'campaign.deleted': ['campaigns', 'dashboard.kanban', 'dashboard.activity'],
  'message.sent': [...NUMBERS, 'dashboard.activity', 'campaigns.list', 'campaigns.get', 'campaigns.events', 'prospects', 'inbox.thread'],
  'message.received': [...NUMBERS, 'dashboard.activity', 'campaigns.list', 'campaigns.get', 'campaigns.events', 'prospects', 'inbox', 'review'],
  'ai.decision': [...NUMBERS, 'dashboard.activity', 'campaigns.events', 'review', 'inbox'],
  'ai.decision_cancelled': ['dashboard.activity', 'inbox.thread'],
  'review.resolved': ['review', 'inbox', 'dashboard.activity'],
  'inbox.replied': ['inbox'],
  'meeting.booked': ['dashboard', 'campaigns.list', 'campaigns.get', 'campaigns.events', 'prospects'],
  'meeting.rescheduled': ['dashboard', 'campaigns.events', 'prospects'],
  'meeting.cancelled': ['dashboard', 'campaigns.list', 'campaigns.get', 'campaigns.events', 'prospects'],
  'webhook.secret_rotated': ['webhooks'],
  'webhook.calendly_registered': ['webhooks'],
  'webhook.calendly_removed': ['webhooks'],
  'job.failed': [...NUMBERS, 'dashboard.activity', 'campaigns.jobs'],
  'import.progress': ['prospects'],
  'scrape.started': ['scraping', 'launch.preflight', 'campaigns.jobs', 'dashboard.activity'],
  'scrape.launched': ['scraping', 'campaigns.jobs'],
  'scrape.progress': ['scraping', 'enrichment.campaignProgress', 'campaigns.get', 'campaigns.prospects', 'prospects', 'dashboard.kanban'],
  'scrape.finished': [...NUMBERS, 'scraping', 'campaigns', 'prospects', 'dashboard.activity', 'dashboard.kanban'],
  'scrape.failed': ['scraping', 'campaigns.jobs', 'dashboard.activity'],
  'enrollment.created': ['scraping.progress', 'campaigns.get'],
};

/** Job progress (enrichment batches, scrape inserts) also moves the launch progress bars. */
const STALE_ON_JOB_PROGRESS = ['scraping.progress', 'enrichment.campaignProgress'];

const QUIET_INTERVAL_MS = 600;
const BUSY_INTERVAL_MS = 2_500;
const BUSY_THRESHOLD = 40;

type JobRow = { id: string; state: string; progress: { done: number; total: number | null; label?: string } | null };

function pathOf(query: Query): string {
  const key = query.queryKey[0];
  return Array.isArray(key) ? key.join('.') : String(key);
}

/**
 * Turns workspace events into cache updates. Invalidation is throttled — a burst (an import of
 * 100 000 rows) becomes one refetch per affected query every couple of seconds, not 100 000 —
 * and job progress is written into the cached job lists without any refetch.
 */
export class LiveInvalidation {
  private readonly stale = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private eventsThisWindow = 0;

  constructor(private readonly queryClient: QueryClient) {}

  onEvent(event: LiveEvent): void {
    if (event.type === 'job.progress') {
      if (!this.patchJobProgress(event)) this.markStale(['campaigns.jobs']);
      if (event.campaignId) this.markStale(STALE_ON_JOB_PROGRESS);
      return;
    }
    this.markStale(STALE_BY_EVENT[event.type] ?? []);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stale.clear();
  }

  /** Writes a job's new progress into every cached job list that shows it; false if none does. */
  private patchJobProgress(event: LiveEvent): boolean {
    const data = event.data as { done?: number; total?: number | null; label?: string } | null;
    if (!event.jobId || !data || typeof data.done !== 'number') return false;
    let found = false;
    for (const query of this.queryClient.getQueryCache().findAll({ predicate: (q) => pathOf(q) === 'campaigns.jobs' })) {
      const rows = query.state.data as JobRow[] | undefined;
      if (!rows?.some((row) => row.id === event.jobId)) continue;
      found = true;
      this.queryClient.setQueryData<JobRow[]>(query.queryKey, (current) =>
        current?.map((row) =>
          row.id === event.jobId ? { ...row, state: 'running', progress: { done: data.done!, total: data.total ?? null, label: data.label } } : row,
        ),
      );
    }
    return found;
  }

  private markStale(paths: string[]): void {
    if (paths.length === 0) return;
    for (const path of paths) this.stale.add(path);
    this.eventsThisWindow += 1;
    if (this.timer) return;
    const interval = this.eventsThisWindow > BUSY_THRESHOLD ? BUSY_INTERVAL_MS : QUIET_INTERVAL_MS;
    this.timer = setTimeout(() => this.flush(), interval);
  }

  private flush(): void {
    this.timer = undefined;
    const busy = this.eventsThisWindow > BUSY_THRESHOLD;
    this.eventsThisWindow = busy ? BUSY_THRESHOLD + 1 : 0;
    const paths = [...this.stale];
    this.stale.clear();
    if (paths.length) {
      void this.queryClient.invalidateQueries({
        predicate: (query) => {
          const path = pathOf(query);
          return paths.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
        },
      });
    }
    // Still in a burst: keep the slow pace until a quiet window resets it.
    if (busy) this.timer = setTimeout(() => (this.stale.size ? this.flush() : this.calm()), BUSY_INTERVAL_MS);
  }

  private calm(): void {
    this.timer = undefined;
    this.eventsThisWindow = 0;
  }
}
