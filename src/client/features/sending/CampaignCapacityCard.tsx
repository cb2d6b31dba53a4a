import { Badge } from '../../components/ui/Badge.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { ProgressBar } from '../../components/ui/ProgressBar.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { AddressChecksSetting } from './AddressChecksSetting.js';
import { useHoldText, useLimitText } from './limit-text.js';

type CapacityView = RouterOutputs['capacity']['campaign'];
export type MailboxCapacity = CapacityView['mailboxes'][number];

/** One mailbox today: sent / allowed, what is left, and the binding limit in words. */
export function MailboxTodayRow({ mailbox }: { mailbox: MailboxCapacity }) {
  const { t, tp, formatNumber } = useI18n();
  const limitText = useLimitText();
  const binding = mailbox.limits.find((limit) => limit.code === mailbox.binding);
  return (
    <li className="space-y-1.5 px-5 py-3" data-testid="mailbox-capacity">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="min-w-0 truncate text-sm font-medium text-ink">{mailbox.fromEmail}</span>
        <span className="text-sm text-muted tabular-nums">
          {t('capacity.mailbox.allowed', { sent: formatNumber(mailbox.sentToday), allowed: formatNumber(mailbox.capToday) })} · {tp('capacity.mailbox.left', mailbox.remaining)}
        </span>
      </div>
      <ProgressBar value={mailbox.sentToday} max={Math.max(1, mailbox.capToday)} label={t('capacity.mailbox.allowed', { sent: formatNumber(mailbox.sentToday), allowed: formatNumber(mailbox.capToday) })} />
      {binding && <p className="text-xs text-muted">{t('capacity.because', { reason: limitText(binding) })}</p>}
    </li>
  );
}

function ForecastBlock({ view }: { view: CapacityView }) {
  const { t, tp, formatDate } = useI18n();
  const { forecast } = view;
  const date = (value: string | null) => (value ? formatDate(`${value}T12:00:00Z`, { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' }) : '—');
  const lines: string[] = [];
  if (forecast.outcome === 'nothing_to_send') lines.push(t('capacity.forecast.nothing'));
  else if (forecast.outcome === 'no_capacity') lines.push(t('capacity.forecast.noCapacity'));
  else {
    if (forecast.firstStep.kind === 'on') lines.push(forecast.firstStep.day === 0 ? t('capacity.forecast.firstToday') : t('capacity.forecast.first', { date: date(forecast.firstStep.date) }));
    if (forecast.lastStep.kind === 'on') lines.push(t('capacity.forecast.last', { date: date(forecast.lastStep.date) }));
    if (forecast.outcome === 'beyond_horizon') lines.push(t('capacity.forecast.beyond'));
  }
  const peak = Math.max(1, ...forecast.days.map((day) => day.sent));
  return (
    <div className="space-y-2 px-5 py-4">
      <h3 className="text-sm font-semibold text-ink">{t('capacity.forecast')}</h3>
      {lines.map((line) => (
        <p key={line} className="text-sm text-ink">
          {line}
        </p>
      ))}
      {forecast.totalMessages > 0 && <p className="text-xs text-muted">{tp('capacity.forecast.total', forecast.totalMessages)}</p>}
      {forecast.days.some((day) => day.sent > 0) && (
        <div role="img" aria-label={t('capacity.forecast.chart')} className="flex h-12 items-end gap-1 pt-1">
          {forecast.days.map((day) => (
            <div key={day.date} title={`${date(day.date)}: ${day.sent}`} className="flex-1 rounded-t bg-brand-500/70" style={{ height: `${Math.max(4, (day.sent / peak) * 100)}%`, opacity: day.sent ? 1 : 0.25 }} />
          ))}
        </div>
      )}
      <p className="text-xs text-muted">{t('capacity.forecast.note')}</p>
    </div>
  );
}

/** Campaign page: what leaves today, which limit binds, who is held and why, and the forecast. */
export function CampaignCapacityCard({ campaignId }: { campaignId: string }) {
  const { t, tp, formatNumber } = useI18n();
  const limitText = useLimitText();
  const holdText = useHoldText();
  const capacity = trpc.capacity.campaign.useQuery({ id: campaignId }, { refetchInterval: 60_000 });
  return (
    <Card>
      <CardHeader title={t('capacity.title')} description={t('capacity.description')} />
      {capacity.isPending ? (
        <div className="space-y-3 p-5" role="status" aria-label={t('common.loading')}>
          <Skeleton className="h-6 w-2/3" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : capacity.error ? (
        <ErrorState message={t('capacity.loadError')} onRetry={() => void capacity.refetch()} />
      ) : (
        <div className="divide-y divide-line" aria-live="polite">
          <div className="space-y-1 px-5 py-4">
            <p className="text-base font-semibold text-ink">{tp('capacity.summary', capacity.data.today.remaining)}</p>
            {(() => {
              const binding = capacity.data.today.limits.find((limit) => limit.code === capacity.data.today.binding);
              return binding ? <p className="text-sm text-muted" data-testid="capacity-binding">{t('capacity.because', { reason: limitText(binding) })}</p> : null;
            })()}
            <p className="text-xs text-muted">{t('capacity.sentToday', { sent: formatNumber(capacity.data.today.sentToday) })}</p>
          </div>
          <div>
            <h3 className="px-5 pt-3 text-sm font-semibold text-ink">{t('capacity.mailboxes')}</h3>
            {capacity.data.mailboxes.length === 0 ? (
              <p className="px-5 py-3 text-sm text-muted">{t('capacity.noMailboxes')}</p>
            ) : (
              <ul className="divide-y divide-line">
                {capacity.data.mailboxes.map((mailbox) => (
                  <MailboxTodayRow key={mailbox.mailboxId} mailbox={mailbox} />
                ))}
              </ul>
            )}
          </div>
          {(capacity.data.holds.length > 0 || capacity.data.stopped.length > 0) && (
            <div className="space-y-2 px-5 py-4">
              {capacity.data.holds.length > 0 && <h3 className="text-sm font-semibold text-ink">{t('capacity.holds')}</h3>}
              <ul className="space-y-1">
                {capacity.data.holds.map((hold) => (
                  <li key={hold.code} className="flex justify-between gap-3 text-sm">
                    <span className="text-ink">{holdText.hold(hold.code)}</span>
                    <Badge tone="warning">{formatNumber(hold.count)}</Badge>
                  </li>
                ))}
              </ul>
              {capacity.data.stopped.length > 0 && <h3 className="pt-1 text-sm font-semibold text-ink">{t('capacity.stopped')}</h3>}
              <ul className="space-y-1">
                {capacity.data.stopped.map((stop) => (
                  <li key={stop.reason} className="flex justify-between gap-3 text-sm">
                    <span className="text-ink">{holdText.stop(stop.reason)}</span>
                    <Badge tone="neutral">{formatNumber(stop.count)}</Badge>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ForecastBlock view={capacity.data} />
          <AddressChecksSetting campaignId={campaignId} />
        </div>
      )}
    </Card>
  );
}
