import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useIsAdmin } from '../../app/session.js';
import { BackLink } from '../../components/ui/BackLink.js';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { Dialog } from '../../components/ui/Dialog.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { StatTile } from '../../components/ui/StatTile.js';
import { LinkTabs } from '../../components/ui/Tabs.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { daysSummary } from '../../lib/weekdays.js';
import { ActivityList } from '../dashboard/ActivityStream.js';
import { CampaignEnrichmentCard } from '../enrichment/CampaignEnrichmentCard.js';
import { LaunchDialog } from '../sequence/LaunchDialog.js';
import { SequenceEditor } from '../sequence/SequenceEditor.js';
import { CampaignCapacityCard } from '../sending/CampaignCapacityCard.js';
import { CampaignInstantlyCard } from './CampaignInstantlyCard.js';
import { CampaignLaunchCards } from '../scraping/CampaignLaunchCards.js';
import { CampaignJobs } from './CampaignJobs.js';
import { CampaignProspects } from './CampaignProspects.js';
import { CampaignStatusBadge, opensLaunchDialog, primaryAction, secondaryActions } from './campaign-status-ui.js';
import { CampaignForm } from './CampaignForm.js';
import type { Campaign } from './campaign-form-state.js';
import { useCampaignActions } from './useCampaignActions.js';

function SetupCard({ campaign }: { campaign: Campaign }) {
  const { t, tp, language } = useI18n();
  const days = daysSummary(campaign.sendDays, language);
  const rows: [string, string][] = [
    [t('campaigns.settings.agent'), campaign.agentName ?? t('campaigns.noAgent')],
    [t('campaigns.settings.mailboxes'), tp('campaigns.settings.mailboxCount', campaign.mailboxIds.length)],
    [
      t('campaigns.settings.schedule'),
      t('campaigns.settings.window', { days, start: campaign.sendWindowStart, end: campaign.sendWindowEnd, timezone: campaign.timezone.replaceAll('_', ' ') }),
    ],
    [t('campaigns.settings.limit'), campaign.dailyLimit ? t('campaigns.settings.limitValue', { limit: campaign.dailyLimit }) : t('campaigns.settings.noLimit')],
    [t('campaigns.settings.replies'), campaign.stopOnReply ? t('campaigns.settings.stopOnReply') : t('campaigns.settings.continueOnReply')],
  ];
  return (
    <Card>
      <CardHeader title={t('campaigns.settings.title')} />
      <dl className="divide-y divide-line text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="flex justify-between gap-4 px-5 py-2.5">
            <dt className="text-muted">{term}</dt>
            <dd className="text-right font-medium text-ink">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function CampaignActivity({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const [limit, setLimit] = useState(15);
  const events = trpc.campaigns.events.useQuery({ id: campaignId, limit }, { placeholderData: (previous) => previous });
  return (
    <Card>
      <CardHeader title={t('campaigns.activity.title')} />
      <div aria-live="polite">
        {events.isPending ? (
          <div className="space-y-3 p-5" role="status" aria-label={t('common.loading')}>
            <Skeleton className="h-8 w-full" />
            <Skeleton className="h-8 w-full" />
          </div>
        ) : events.error ? (
          <ErrorState onRetry={() => void events.refetch()} />
        ) : events.data.length === 0 ? (
          <p className="px-5 py-6 text-sm text-muted">{t('campaigns.activity.empty')}</p>
        ) : (
          <ActivityList items={events.data} showCampaign={false} />
        )}
      </div>
      {events.data && events.data.length >= limit && limit < 100 && (
        <div className="border-t border-line p-2 text-center">
          <Button variant="ghost" size="sm" onClick={() => setLimit((current) => Math.min(100, current + 30))}>
            {t('campaigns.activity.more')}
          </Button>
        </div>
      )}
    </Card>
  );
}

export function CampaignDetailPage({ tab = 'overview' }: { tab?: 'overview' | 'sequence' }) {
  const { id = '' } = useParams();
  const { t, formatNumber, formatDate } = useI18n();
  const isAdmin = useIsAdmin();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [launching, setLaunching] = useState(false);
  const campaign = trpc.campaigns.get.useQuery({ id });
  const actions = useCampaignActions({ onDeleted: (result) => {
      if (result.deleted) void navigate('/campaigns');
    }, });

  const back = <BackLink to="/campaigns">{t('campaigns.detail.back')}</BackLink>;
  if (campaign.isPending) {
    return (
      <div role="status" aria-label={t('campaigns.detail.loading')} className="space-y-4">
        {back}
        <Skeleton className="h-8 w-72" />
        <div className="grid gap-4 sm:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (campaign.error) {
    const notFound = campaign.error.data?.httpStatus === 404 || campaign.error.data?.httpStatus === 400;
    return (
      <div>
        {back}
        <Card>
          {notFound ? (
            <EmptyState level={1} title={t('error.notFound.title')} body={t('campaigns.detail.notFound')} action={<ButtonLink to="/campaigns">{t('campaigns.detail.back')}</ButtonLink>} />
          ) : (
            <ErrorState onRetry={() => void campaign.refetch()} />
          )}
        </Card>
      </div>
    );
  }

  const data = campaign.data;
  const primary = primaryAction(data.status);
  const secondary = secondaryActions(data.status);
  const pending = actions.pendingId === data.id;
  const replyRate = data.counts.sent > 0 ? formatNumber(data.counts.replies / data.counts.sent, { style: 'percent', maximumFractionDigits: 1 }) : null;

  return (
    <>
      {back}
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-ink">{data.name}</h1>
            <CampaignStatusBadge status={data.status} />
          </div>
          <p className="mt-1 text-sm text-muted">
            {t('campaigns.detail.created', { date: formatDate(data.createdAt, { dateStyle: 'medium' }) })}
            {data.startedAt && <> · {t('campaigns.detail.started', { date: formatDate(data.startedAt, { dateStyle: 'medium' }) })}</>}
          </p>
          {data.description && <p className="mt-2 max-w-2xl text-sm text-ink">{data.description}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {primary && (
            <Button loading={pending} variant={primary === 'pause' ? 'secondary' : 'primary'} onClick={() => (opensLaunchDialog(primary) ? setLaunching(true) : void actions.run(data, primary))}>
              {t(`campaigns.action.${primary}` as MessageKey)}
            </Button>
          )}
          {secondary.map((action) => (
            <Button key={action} variant="secondary" disabled={pending} onClick={() => void actions.run(data, action)}>
              {t(`campaigns.action.${action}` as MessageKey)}
            </Button>
          ))}
          {data.status === 'archived' && isAdmin && (
            <Button loading={pending} onClick={() => void actions.restore(data)}>
              {t('campaigns.action.restore')}
            </Button>
          )}
          {data.status !== 'archived' && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('campaigns.action.edit')}
            </Button>
          )}
          {isAdmin && (
            <Button variant="danger-ghost" onClick={() => actions.askDelete(data)}>
              {t('campaigns.action.delete')}
            </Button>
          )}
        </div>
      </div>

      <LinkTabs
        label={t('campaigns.tabs.label')}
        tabs={[
          { to: `/campaigns/${data.id}`, label: t('campaigns.tabs.overview') },
          { to: `/campaigns/${data.id}/sequence`, label: t('campaigns.tabs.sequence') },
        ]}
      />
      {tab === 'sequence' ? (
        <SequenceEditor campaignId={data.id} readOnly={data.status === 'archived' || data.status === 'completed'} />
      ) : (
        <>
      <section aria-label={t('dashboard.tiles')} className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatTile label={t('campaigns.tile.prospects')} value={formatNumber(data.counts.prospects)} />
        <StatTile label={t('campaigns.tile.sent')} value={formatNumber(data.counts.sent)} />
        <StatTile label={t('campaigns.tile.replies')} value={formatNumber(data.counts.replies)} sub={replyRate ? t('campaigns.tile.replyRate', { rate: replyRate }) : undefined} />
        <StatTile label={t('campaigns.tile.meetings')} value={formatNumber(data.counts.meetings)} />
      </section>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <CampaignLaunchCards campaign={data} />
          <CampaignJobs campaignId={data.id} />
          <CampaignProspects campaignId={data.id} />
        </div>
        <div className="space-y-6">
          <SetupCard campaign={data} />
          <CampaignCapacityCard campaignId={data.id} />
          <CampaignEnrichmentCard campaignId={data.id} />
          <CampaignInstantlyCard campaignId={data.id} />
          <CampaignActivity campaignId={data.id} />
        </div>
      </div>
        </>
      )}

      <Dialog open={editing} onClose={() => setEditing(false)} title={t('campaigns.editTitle')} size="lg">
        {editing && <CampaignForm campaign={data} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      </Dialog>
      <LaunchDialog
        campaign={data}
        open={launching}
        onClose={() => setLaunching(false)}
        onEditSettings={() => {
          setLaunching(false);
          setEditing(true);
        }}
      />
      {actions.dialog}
    </>
  );
}
