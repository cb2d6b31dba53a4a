import { Link } from 'react-router';
import { ButtonLink } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { CampaignStatusBadge } from '../campaigns/campaign-status-ui.js';

/** The campaigns that are sending right now, with their numbers. */
export function ActiveCampaigns() {
  const { t, tp, formatNumber } = useI18n();
  const campaigns = trpc.campaigns.list.useQuery({ status: ['active'], limit: 6, sort: 'updatedAt', order: 'desc' });
  return (
    <Card className="flex h-full flex-col">
      <CardHeader
        title={t('dashboard.campaigns.title')}
        actions={
          <Link to="/campaigns" className="text-sm font-medium text-brand-700 hover:underline">
            {t('dashboard.campaigns.viewAll')}
          </Link>
        }
      />
      {campaigns.isPending ? (
        <SkeletonRows rows={4} label={t('common.loading')} />
      ) : campaigns.error ? (
        <ErrorState onRetry={() => void campaigns.refetch()} />
      ) : campaigns.data.items.length === 0 ? (
        <EmptyState
          title={t('dashboard.campaigns.empty')}
          action={
            <ButtonLink to="/campaigns" size="sm">
              {t('dashboard.campaigns.create')}
            </ButtonLink>
          }
        />
      ) : (
        <ul className="divide-y divide-line">
          {campaigns.data.items.map((campaign) => {
            const rate = campaign.counts.sent > 0 ? formatNumber(campaign.counts.replies / campaign.counts.sent, { style: 'percent', maximumFractionDigits: 1 }) : '—';
            return (
              <li key={campaign.id} className="px-5 py-3">
                <div className="flex items-center justify-between gap-3">
                  <Link to={`/campaigns/${campaign.id}`} className="truncate text-sm font-medium text-ink hover:text-brand-700 hover:underline">
                    {campaign.name}
                  </Link>
                  <CampaignStatusBadge status={campaign.status} />
                </div>
                <p className="mt-0.5 text-xs text-muted tabular-nums">
                  {tp('dashboard.campaigns.stats', campaign.counts.meetings, { sent: formatNumber(campaign.counts.sent), rate })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
