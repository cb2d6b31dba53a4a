import { Badge, type BadgeTone } from '../../components/ui/Badge.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { ProgressBar } from '../../components/ui/ProgressBar.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';

type Job = RouterOutputs['campaigns']['jobs'][number];

const STATE_TONE: Record<Job['state'], BadgeTone> = { queued: 'neutral', running: 'brand', succeeded: 'success', failed: 'danger', cancelled: 'neutral' };
const KNOWN_TYPES = new Set(['scrape', 'enrich', 'send', 'import']);

function jobName(t: Translate, job: Job): string {
  const base = job.type.split('.')[0]!;
  return KNOWN_TYPES.has(base) ? t(`campaigns.job.type.${base}` as MessageKey) : job.type;
}

/**
 * Background work for the campaign (scraping, enrichment, sending — fed by later issues). Progress
 * arrives live: `job.progress` events are patched into this query by the live hub, no polling.
 */
export function CampaignJobs({ campaignId }: { campaignId: string }) {
  const { t, formatNumber, formatRelative } = useI18n();
  const jobs = trpc.campaigns.jobs.useQuery({ id: campaignId });
  return (
    <Card>
      <CardHeader title={t('campaigns.progress.title')} description={t('campaigns.progress.subtitle')} />
      {jobs.isPending ? (
        <div className="space-y-3 p-5" role="status" aria-label={t('common.loading')}>
          <Skeleton className="h-10 w-full" />
        </div>
      ) : jobs.error ? (
        <ErrorState onRetry={() => void jobs.refetch()} />
      ) : jobs.data.length === 0 ? (
        <EmptyState
          icon={
            <svg viewBox="0 0 24 24" className="size-8" fill="currentColor">
              <path d="M12 2a10 10 0 1 0 10 10A10 10 0 0 0 12 2Zm1 10.4 3.3 3.3-1.4 1.4L11 13.2V6h2Z" />
            </svg>
          }
          title={t('campaigns.progress.empty.title')}
          body={t('campaigns.progress.empty.body')}
        />
      ) : (
        <ul className="divide-y divide-line">
          {jobs.data.map((job) => {
            const name = jobName(t, job);
            const done = job.progress?.done ?? 0;
            const total = job.progress?.total ?? null;
            return (
              <li key={job.id} className="space-y-2 px-5 py-4">
                <div className="flex items-center justify-between gap-3">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-ink">{job.progress?.label ?? name}</p>
                    <p className="text-xs text-muted">
                      {job.progress?.label ? `${name} · ` : ''}
                      {formatRelative(job.startedAt ?? job.createdAt)}
                    </p>
                  </div>
                  <Badge tone={STATE_TONE[job.state]}>{t(`campaigns.job.${job.state}` as MessageKey)}</Badge>
                </div>
                {(job.state === 'running' || job.state === 'queued') && (
                  <div className="flex items-center gap-3">
                    <ProgressBar value={total === null ? null : done} max={total ?? 100} label={t('campaigns.job.progressLabel', { job: name })} />
                    <span className="shrink-0 text-xs text-muted tabular-nums">
                      {total === null
                        ? t('campaigns.job.progressUnknown', { done: formatNumber(done) })
                        : t('campaigns.job.progress', { done: formatNumber(done), total: formatNumber(total) })}
                    </span>
                  </div>
                )}
                <JobOutcomeLine job={job} />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** Why a job waits or why it stopped: what other tools leave the user to guess. */
function JobOutcomeLine({ job }: { job: Job }) {
  const { t, formatRelative } = useI18n();
  if (job.state === 'queued' && job.lastOutcome === 'retry_scheduled' && job.outcomeReason) {
    return <p className="text-xs text-muted">{t('campaigns.job.waitingUntil', { time: formatRelative(job.runAt), reason: job.outcomeReason })}</p>;
  }
  if (job.state === 'queued' && job.lastOutcome === 'error') {
    return (
      <p className="text-xs text-warning-700">
        {t('campaigns.job.retrying', { attempt: String(job.attempts), max: String(job.maxAttempts), time: formatRelative(job.runAt) })}
      </p>
    );
  }
  if (job.state === 'failed' && job.lastOutcome === 'failed_permanently' && job.outcomeReason) {
    return <p className="text-xs text-danger-600">{t('campaigns.job.failedForGood', { reason: job.outcomeReason })}</p>;
  }
  if (job.state === 'failed' && job.lastError) return <p className="text-xs text-danger-600">{job.lastError}</p>;
  return null;
}
