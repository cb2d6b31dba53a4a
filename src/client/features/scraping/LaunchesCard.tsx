import { Link } from 'react-router';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { StageRow } from './LaunchProgressCard.js';

/** The dashboard's compact launch progress: each campaign launching now, with its three bars. Hidden when there is none. */
export function LaunchesCard() {
  const { t } = useI18n();
  const launches = trpc.scraping.launches.useQuery(undefined, { refetchInterval: (query) => (query.state.data?.some((l) => l.stages.some((s) => s.status === 'running')) ? 5000 : false) });
  if (launches.data && launches.data.length === 0) return null;
  return (
    <Card>
      <CardHeader title={t('launchProgress.dashboard.title')} />
      <div className="px-5 py-4" aria-live="polite">
        {launches.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : launches.error ? (
          <ErrorState onRetry={() => void launches.refetch()} />
        ) : (
          <ul className="grid gap-6 md:grid-cols-2">
            {launches.data.map((launch) => (
              <li key={launch.campaignId} className="space-y-3">
                <Link to={`/campaigns/${launch.campaignId}`} className="text-sm font-semibold text-ink hover:underline">
                  {launch.campaignName}
                </Link>
                <ol className="space-y-2">
                  {launch.stages.map((stage) => (
                    <StageRow key={stage.stage} stage={stage} progress={launch} compact />
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
