import { Card, PageHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { useLiveStatus, type LiveStatus } from '../../lib/live.js';
import { trpc } from '../../lib/trpc.js';
import { ActiveCampaigns } from './ActiveCampaigns.js';
import { ActivityStream } from './ActivityStream.js';
import { DailyChart } from './DailyChart.js';
import { HealthScoreCard } from './HealthScore.js';
import { LaunchesCard } from '../scraping/LaunchesCard.js';
import { MetricTiles } from './MetricTiles.js';
import { PipelineBoard } from './PipelineBoard.js';
import { SetupBanner } from './SetupBanner.js';

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  const label = t(`live.${status}` as MessageKey);
  return (
    <span role="status" className="inline-flex items-center gap-2 rounded-full border border-line bg-panel px-3 py-1 text-xs font-medium text-muted">
      <span className="relative flex size-2" aria-hidden="true">
        {status === 'live' && <span className="absolute inline-flex size-full animate-ping rounded-full bg-success-600 opacity-60" />}
        <span className={cx('relative inline-flex size-2 rounded-full', status === 'live' ? 'bg-success-600' : status === 'connecting' ? 'bg-warning-600' : 'bg-danger-600')} />
      </span>
      <span className="sr-only">{t('live.status', { status: label })}</span>
      <span aria-hidden="true">{label}</span>
    </span>
  );
}

function StatsSkeleton() {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t('common.loading')} className="space-y-6">
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(21rem,1fr)_minmax(0,2fr)]">
        <Skeleton className="h-56" />
        <Skeleton className="h-56" />
      </div>
    </div>
  );
}

/** The home page: numbers, health, the 30-day curve, the pipeline and the AI's activity — all live. */
export function DashboardPage() {
  const { t } = useI18n();
  const live = useLiveStatus();
  const stats = trpc.dashboard.stats.useQuery({});

  return (
    <>
      <PageHeader title={t('nav.dashboard')} description={t('dashboard.subtitle')} actions={<LiveIndicator status={live} />} />
      <SetupBanner />
      <div className="space-y-6">
        {stats.isPending ? (
          <StatsSkeleton />
        ) : stats.error ? (
          <Card>
            <ErrorState message={t('dashboard.stats.error')} onRetry={() => void stats.refetch()} />
          </Card>
        ) : (
          <>
            <MetricTiles metrics={stats.data.metrics} />
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(21rem,1fr)_minmax(0,2fr)]">
              <HealthScoreCard health={stats.data.health} />
              <DailyChart daily={stats.data.daily} />
            </div>
          </>
        )}
        <LaunchesCard />
        <PipelineBoard />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <div className="min-w-0 lg:col-span-2">
            <ActivityStream />
          </div>
          <ActiveCampaigns />
        </div>
      </div>
    </>
  );
}
