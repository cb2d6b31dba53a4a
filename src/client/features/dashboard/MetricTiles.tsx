import { StatTile } from '../../components/ui/StatTile.js';
import { useI18n } from '../../i18n/index.js';
import type { RouterOutputs } from '../../lib/trpc.js';

type Metrics = RouterOutputs['dashboard']['stats']['metrics'];

/** The six numbers of the home page; rates read "—" until there is something to divide by. */
export function MetricTiles({ metrics }: { metrics: Metrics }) {
  const { t, tp, formatNumber } = useI18n();
  const rate = (value: number | null) => (value === null ? '—' : formatNumber(value, { style: 'percent', maximumFractionDigits: 1 }));
  const bounceTone = metrics.bounceRate7d === null ? undefined : metrics.bounceRate7d >= 0.05 ? 'danger' : metrics.bounceRate7d > 0.02 ? 'warning' : undefined;
  return (
    <section aria-label={t('dashboard.tiles')} className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
      <StatTile
        label={t('dashboard.tile.prospects')}
        value={formatNumber(metrics.prospects)}
        sub={t('dashboard.tile.prospectsSub')}
        icon={<path d="M10 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-7 9a7 7 0 1 1 14 0H3Z" />}
      />
      <StatTile
        label={t('dashboard.tile.sentToday')}
        value={formatNumber(metrics.sentToday)}
        sub={t('dashboard.tile.sent7d', { count: formatNumber(metrics.sent7d) })}
        icon={<path d="M2.9 2.3a.75.75 0 0 0-.9 1l2.4 5.7 7.1 1-7.1 1L2 16.7a.75.75 0 0 0 .9 1L18 10.7a.75.75 0 0 0 0-1.4L2.9 2.3Z" />}
      />
      <StatTile
        label={t('dashboard.tile.replyRate')}
        value={rate(metrics.replyRate)}
        sub={tp('dashboard.tile.replySub', metrics.replies30d)}
        icon={<path d="M7.8 3.2a.75.75 0 0 1 0 1.06L5.06 7H12a6 6 0 0 1 6 6v2.25a.75.75 0 0 1-1.5 0V13A4.5 4.5 0 0 0 12 8.5H5.06l2.74 2.74a.75.75 0 1 1-1.06 1.06l-4-4a.75.75 0 0 1 0-1.06l4-4a.75.75 0 0 1 1.06 0Z" />}
      />
      <StatTile
        label={t('dashboard.tile.positiveRate')}
        value={rate(metrics.positiveReplyRate)}
        sub={tp('dashboard.tile.positiveSub', metrics.positiveReplies30d)}
        tone={metrics.positiveReplyRate !== null && metrics.positiveReplyRate >= 0.3 ? 'success' : undefined}
        icon={<path d="M10 1.5l1.9 4.6 4.6 1.9-4.6 1.9L10 14.5 8.1 9.9 3.5 8l4.6-1.9L10 1.5Z" />}
      />
      <StatTile
        label={t('dashboard.tile.bounceRate')}
        value={rate(metrics.bounceRate7d)}
        sub={tp('dashboard.tile.bounceSub', metrics.bounces7d)}
        tone={bounceTone}
        icon={<path d="M8.5 3.5a1.7 1.7 0 0 1 3 0l6 10.6A1.7 1.7 0 0 1 16 16.7H4a1.7 1.7 0 0 1-1.5-2.6l6-10.6ZM10 7a.75.75 0 0 0-.75.75v3a.75.75 0 0 0 1.5 0v-3A.75.75 0 0 0 10 7Zm0 7a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />}
      />
      <StatTile
        label={t('dashboard.tile.meetings')}
        value={formatNumber(metrics.meetings30d)}
        sub={t('dashboard.tile.meetingsSub')}
        icon={<path d="M5.75 2a.75.75 0 0 1 .75.75V4h7V2.75a.75.75 0 0 1 1.5 0V4h.25A2.75 2.75 0 0 1 18 6.75v8.5A2.75 2.75 0 0 1 15.25 18H4.75A2.75 2.75 0 0 1 2 15.25v-8.5A2.75 2.75 0 0 1 4.75 4H5V2.75A.75.75 0 0 1 5.75 2Z" />}
      />
    </section>
  );
}
