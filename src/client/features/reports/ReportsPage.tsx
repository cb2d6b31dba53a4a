import { useSearchParams } from 'react-router';
import { Alert } from '../../components/ui/Alert.js';
import { PageHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { InlineSelect } from '../../components/ui/Field.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { StatTile } from '../../components/ui/StatTile.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { DailyChart } from '../dashboard/DailyChart.js';
import { ExportButton } from './ExportButton.js';
import { daysBefore, type Report, type ReportQuery } from './report-format.js';
import { ReportFunnel } from './ReportFunnel.js';
import { CampaignsTable, MailboxesTable, StepsTable } from './ReportTables.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PRESETS = [7, 30, 90] as const;

/** The filters live in the address (`?campaign=&from=&to=`), so a report can be bookmarked and shared. */
function useReportQuery(): [ReportQuery, (next: Partial<Record<'campaign' | 'from' | 'to', string | null>>) => void] {
  const [params, setParams] = useSearchParams();
  const campaign = params.get('campaign');
  const from = params.get('from');
  const to = params.get('to');
  const query: ReportQuery = {
    ...(campaign && /^[0-9a-f-]{36}$/i.test(campaign) ? { campaignId: campaign } : {}),
    ...(from && DAY.test(from) ? { from } : {}),
    ...(to && DAY.test(to) ? { to } : {}),
  };
  const update = (next: Partial<Record<'campaign' | 'from' | 'to', string | null>>) =>
    setParams((current) => {
      const out = new URLSearchParams(current);
      for (const [key, value] of Object.entries(next)) {
        if (value) out.set(key, value);
        else out.delete(key);
      }
      return out;
    });
  return [query, update];
}

function Filters({ query, report, onChange }: { query: ReportQuery; report: Report | undefined; onChange: ReturnType<typeof useReportQuery>[1] }) {
  const { t } = useI18n();
  const campaigns = trpc.campaigns.list.useQuery({ limit: 100, sort: 'updatedAt', order: 'desc' });
  const to = report?.range.to ?? query.to;
  const from = report?.range.from ?? query.from;
  const preset = to && from ? PRESETS.find((days) => daysBefore(to, days - 1) === from && !query.to) : undefined;
  const inputClass = 'h-8 rounded-lg border border-line bg-panel px-2 text-sm text-ink focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-xl border border-line bg-panel px-4 py-3" role="group" aria-label={t('reports.filter.preset')}>
      <InlineSelect label={t('reports.filter.campaign')} value={query.campaignId ?? ''} onChange={(event) => onChange({ campaign: event.target.value || null })}>
        <option value="">{t('reports.filter.workspace')}</option>
        {campaigns.data?.items.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {campaign.name}
          </option>
        ))}
      </InlineSelect>
      <InlineSelect
        label={t('reports.filter.preset')}
        value={preset ? String(preset) : query.from || query.to ? 'custom' : '30'}
        onChange={(event) => {
          const days = Number(event.target.value);
          if (days) onChange({ from: report ? daysBefore(report.range.to, days - 1) : null, to: null });
        }}
      >
        {PRESETS.map((days) => (
          <option key={days} value={days}>
            {t(`reports.filter.last${days}`)}
          </option>
        ))}
        <option value="custom" disabled>
          {t('reports.filter.custom')}
        </option>
      </InlineSelect>
      <label className="inline-flex items-center gap-2 text-sm text-muted">
        {t('reports.filter.from')}
        <input type="date" className={inputClass} value={from ?? ''} max={to} onChange={(event) => onChange({ from: event.target.value || null })} />
      </label>
      <label className="inline-flex items-center gap-2 text-sm text-muted">
        {t('reports.filter.to')}
        <input type="date" className={inputClass} value={to ?? ''} min={from} onChange={(event) => onChange({ to: event.target.value || null })} />
      </label>
    </div>
  );
}

function Tiles({ report }: { report: Report }) {
  const { t, tp, formatNumber } = useI18n();
  const { totals, campaign } = report;
  const rate = (value: number | null) => (value === null ? t('reports.rateNone') : formatNumber(value, { style: 'percent', maximumFractionDigits: 1 }));
  const tracksOpens = campaign ? campaign.trackOpens : totals.opened > 0;
  const tracksClicks = campaign ? campaign.trackClicks : totals.clicked > 0;
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
      <StatTile
        label={t('reports.tile.deliverability')}
        value={rate(totals.deliverability)}
        sub={t('reports.tile.deliverabilitySub', { sent: formatNumber(totals.sent), attempted: formatNumber(totals.attempted) })}
        tone={totals.deliverability !== null && totals.deliverability < 0.95 ? 'warning' : undefined}
      />
      <StatTile label={t('reports.tile.bounceRate')} value={rate(totals.bounceRate)} sub={tp('reports.tile.bounceSub', totals.bounced)} tone={totals.bounceRate !== null && totals.bounceRate > 0.05 ? 'danger' : undefined} />
      <StatTile label={t('reports.tile.unsubscribeRate')} value={rate(totals.unsubscribeRate)} sub={tp('reports.tile.unsubscribeSub', totals.unsubscribed)} />
      <StatTile label={t('reports.tile.replyRate')} value={rate(totals.replyRate)} sub={tp('reports.tile.replySub', totals.replied)} tone={totals.replied > 0 ? 'success' : undefined} />
      <StatTile label={t('reports.tile.openRate')} value={tracksOpens ? rate(totals.openRate) : t('reports.rateNone')} sub={tracksOpens ? undefined : t('reports.tile.trackingOff')} />
      <StatTile label={t('reports.tile.clickRate')} value={tracksClicks ? rate(totals.clickRate) : t('reports.rateNone')} sub={tracksClicks ? undefined : t('reports.tile.trackingOff')} />
    </div>
  );
}

function ReportSkeleton() {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t('common.loading')} className="space-y-6">
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-56" />
      <Skeleton className="h-40" />
    </div>
  );
}

/** Reports: per campaign or for the workspace, over a range of days in the workspace's time zone. */
export function ReportsPage() {
  const { t, formatDate } = useI18n();
  const errorText = useErrorText();
  const [query, setQuery] = useReportQuery();
  const report = trpc.reports.get.useQuery(query, { placeholderData: (previous) => previous });
  const data = report.data;
  const day = (value: string) => formatDate(`${value}T12:00:00`, { dateStyle: 'medium' });
  const tracking = data?.campaign ? data.campaign.trackOpens || data.campaign.trackClicks : Boolean(data && (data.totals.opened || data.totals.clicked));
  const nothing = data?.totals.attempted === 0;

  return (
    <>
      <PageHeader
        title={t('nav.reports')}
        description={data ? t('reports.range', { from: day(data.range.from), to: day(data.range.to), timezone: data.range.timezone }) : t('reports.subtitle')}
      />
      <div className="space-y-6" aria-busy={report.isFetching}>
        <Filters query={query} report={data} onChange={setQuery} />
        {report.isPending ? (
          <ReportSkeleton />
        ) : report.isError && !data ? (
          <ErrorState message={errorText.message(report.error, t('reports.failed'))} onRetry={() => void report.refetch()} />
        ) : data ? (
          <>
            {data.campaign && !tracking && <Alert tone="info">{t('reports.tracking.off')}</Alert>}
            {nothing && <EmptyState level={2} title={t('reports.empty.title')} body={t('reports.empty.body')} />}
            <Tiles report={data} />
            <div className="grid gap-6 lg:grid-cols-[minmax(20rem,1fr)_minmax(0,2fr)]">
              <ReportFunnel funnel={data.funnel} workspace={!data.campaign} />
              <DailyChart daily={data.daily.map((point) => ({ day: point.day, sent: point.sent, replies: point.replied }))} title={t('reports.chart.title')} description={t('reports.chart.subtitle')} />
            </div>
            <div className="-mt-3 flex justify-end">
              <ExportButton table="daily" query={query} label={t('reports.chart.title')} />
            </div>
            {data.campaign ? <StepsTable report={data} query={query} tracking={tracking} /> : <CampaignsTable report={data} query={query} onPick={(id) => setQuery({ campaign: id })} />}
            <MailboxesTable report={data} query={query} tracking={tracking} />
            {tracking && <p className="text-xs text-muted">{t('reports.tracking.note')}</p>}
          </>
        ) : null}
      </div>
    </>
  );
}
