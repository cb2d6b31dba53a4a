import { Badge, type BadgeTone } from '../../components/ui/Badge.js';
import { Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { ProgressBar } from '../../components/ui/ProgressBar.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

export type LaunchProgress = RouterOutputs['scraping']['progress'];
type Stage = LaunchProgress['stages'][number];

const TONE: Record<Stage['status'], BadgeTone> = { idle: 'neutral', running: 'brand', done: 'success', failed: 'danger' };

/** Polled only as a fallback while something runs: the live stream (SSE) refreshes it as events arrive. */
export function useLaunchProgress(campaignId: string) {
  return trpc.scraping.progress.useQuery({ id: campaignId }, { refetchInterval: (query) => (query.state.data?.stages.some((s) => s.status === 'running') ? 5000 : false) });
}

function stageLine(stage: Stage, progress: LaunchProgress, i18n: ReturnType<typeof useI18n>): string {
  const { t, tp, formatNumber } = i18n;
  const c = progress.counts;
  if (stage.stage === 'scraping') {
    if (stage.status === 'running' && stage.total === null) return t('launchProgress.scraping.searching');
    return t('launchProgress.scraping.counts', { found: formatNumber(c.found), new: formatNumber(c.new), duplicates: formatNumber(c.duplicates), skipped: formatNumber(c.skipped) });
  }
  if (stage.stage === 'enriching') {
    const line = t('launchProgress.enriching.counts', { done: formatNumber(c.enriched), total: formatNumber(stage.total ?? 0) });
    return c.failed > 0 ? `${line} · ${tp('launchProgress.enriching.failed', c.failed)}` : line;
  }
  return tp('launchProgress.sequencing.counts', c.enrolled);
}

/** One stage: its name, status, bar and counts; `compact` for the dashboard. */
export function StageRow({ stage, progress, compact = false }: { stage: Stage; progress: LaunchProgress; compact?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const name = t(`launchProgress.stage.${stage.stage}` as MessageKey);
  const value = stage.status === 'idle' ? 0 : stage.total === null ? null : stage.done;
  const max = stage.total === null ? 100 : Math.max(stage.total, 1);
  return (
    <li className={compact ? 'space-y-1' : 'space-y-1.5'} data-stage={stage.stage} data-status={stage.status}>
      <div className="flex items-center justify-between gap-3">
        <span className="text-sm font-medium text-ink">{name}</span>
        <Badge tone={TONE[stage.status]}>{t(`launchProgress.status.${stage.status}` as MessageKey)}</Badge>
      </div>
      <ProgressBar value={stage.status === 'done' ? Math.max(stage.total ?? 0, 1) : value} max={stage.status === 'done' ? Math.max(stage.total ?? 0, 1) : max} label={`${name}: ${t(`launchProgress.status.${stage.status}` as MessageKey)}`} />
      {!compact && <p className="text-xs text-muted">{stageLine(stage, progress, i18n)}</p>}
      {stage.errors.map((error) => (
        <p key={error.message} role={stage.status === 'failed' ? 'alert' : undefined} className="break-words text-xs text-danger-700">
          {error.message}
        </p>
      ))}
    </li>
  );
}

/**
 * The campaign page's "Launch progress": scrape → enrichment → sequence, each with its bar and
 * counts, kept current by the live stream (scrape, job-progress and enrolment events).
 */
export function LaunchProgressCard({ campaignId, canScrape }: { campaignId: string; canScrape: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const progress = useLaunchProgress(campaignId);
  const trigger = trpc.scraping.trigger.useMutation({
    onSuccess: async () => {
      toast.success(t('launchProgress.scrapeStarted'));
      await utils.scraping.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('launchProgress.scrapeFailed'))),
  });
  const data = progress.data;
  const scraping = data?.stages.find((s) => s.stage === 'scraping');
  const nothingYet = data ? data.stages.every((s) => s.status === 'idle') : false;
  return (
    <Card aria-labelledby="launch-progress-title">
      <CardHeader
        titleId="launch-progress-title"
        title={t('launchProgress.title')}
        description={t('launchProgress.subtitle')}
        actions={
          canScrape && (
            <Button size="sm" variant="secondary" loading={trigger.isPending} disabled={scraping?.status === 'running'} onClick={() => trigger.mutate({ id: campaignId })}>
              {scraping && scraping.status !== 'idle' ? t('launchProgress.scrapeAgain') : t('launchProgress.scrapeNow')}
            </Button>
          )
        }
      />
      <div className="px-5 py-4" aria-live="polite">
        {progress.isPending ? (
          <div role="status" aria-label={t('common.loading')} className="space-y-3">
            <Skeleton className="h-6 w-full" />
            <Skeleton className="h-6 w-full" />
          </div>
        ) : progress.error || !data ? (
          <ErrorState message={t('launchProgress.error')} onRetry={() => void progress.refetch()} />
        ) : nothingYet ? (
          <p className="text-sm text-muted">{t('launchProgress.idle')}</p>
        ) : (
          <ol className="space-y-4">
            {data.stages.map((stage) => (
              <StageRow key={stage.stage} stage={stage} progress={data} />
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
