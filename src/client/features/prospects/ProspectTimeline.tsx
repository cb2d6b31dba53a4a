import { Badge } from '../../components/ui/Badge.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { reasonsText } from '../../lib/reason-text.js';
import type { RouterOutputs } from '../../lib/trpc.js';
import type { ProspectStage } from '../../../shared/enums.js';
import { stageKey } from './prospect-ui.js';
import { SimulateReplyButton } from './SimulateReplyButton.js';

type TimelineItem = RouterOutputs['prospects']['detail']['timeline'][number];

const EVENT_KEYS: Record<string, MessageKey> = {
  'prospect.created': 'prospects.timeline.created',
  'prospect.updated': 'prospects.timeline.updated',
  'meeting.booked': 'prospects.timeline.meeting',
  'meeting.rescheduled': 'prospects.timeline.meetingMoved',
  'meeting.cancelled': 'prospects.timeline.meetingCancelled',
  'prospect.enriched': 'enrichment.timeline.enriched',
  'prospect.enrichment_failed': 'enrichment.timeline.failed',
  'ai.reminder_due': 'reminder.timeline.due',
  'ai.reminder_cancelled': 'reminder.timeline.cancelled',
  'ai.reminder_rescheduled': 'reminder.timeline.moved',
};

function isStage(value: unknown): value is ProspectStage {
  return typeof value === 'string';
}

/** The whole conversation and history, oldest first: messages as a thread, AI decisions and stage changes between them. */
export function ProspectTimeline({ items }: { items: TimelineItem[] }) {
  const i18n = useI18n();
  const { t, formatDate, formatNumber } = i18n;
  if (items.length === 0) return <p className="text-sm text-muted">{t('prospects.timeline.empty')}</p>;
  return (
    <ol className="space-y-3" aria-label={t('prospects.timeline.title')}>
      {items.map((item) => {
        const when = (
          <time dateTime={new Date(item.at).toISOString()} className="text-xs text-subtle">
            {formatDate(item.at)}
          </time>
        );
        if (item.kind === 'message') {
          const outbound = item.direction === 'outbound';
          return (
            <li key={`m-${item.id}`} className={cx('flex', outbound ? 'justify-end' : 'justify-start')}>
              <article
                className={cx('max-w-[85%] rounded-xl border px-4 py-3 text-sm', outbound ? 'border-brand-100 bg-brand-50' : 'border-line bg-panel')}
                aria-label={outbound ? t('prospects.timeline.outbound') : t('prospects.timeline.inbound')}
              >
                <header className="mb-1 flex flex-wrap items-center gap-2">
                  <span className="font-medium text-ink">{item.subject || t('prospects.timeline.noSubject')}</span>
                  {outbound ? <Badge tone="brand">{t('prospects.timeline.outbound')}</Badge> : <Badge tone="success">{t('prospects.timeline.inbound')}</Badge>}
                  {item.sentByAi && <Badge>{t('prospects.timeline.byAi')}</Badge>}
                  {item.isAutoReply && <Badge tone="warning">{t('prospects.timeline.autoReply')}</Badge>}
                  {item.isBounce && <Badge tone="danger">{t('prospects.timeline.bounce')}</Badge>}
                  {outbound && item.state !== 'sent' && (
                    <Badge tone={item.state === 'failed' || item.state === 'unknown' ? 'danger' : 'neutral'}>{t(`prospects.messageState.${item.state}` as MessageKey)}</Badge>
                  )}
                </header>
                <p className="whitespace-pre-wrap break-words text-ink">{item.bodyText}</p>
                {item.error && <p className="mt-1 text-xs text-danger-600">{item.error}</p>}
                <footer className="mt-2 flex flex-wrap items-center justify-between gap-2">
                  {when}
                  {outbound && item.sandbox && item.state === 'sent' && <SimulateReplyButton messageId={item.id} />}
                </footer>
              </article>
            </li>
          );
        }
        if (item.kind === 'decision') {
          return (
            <li key={`d-${item.id}`} className="rounded-lg border border-dashed border-line px-4 py-2 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{t('prospects.timeline.decision')}</span>
                <Badge tone="brand">{t(`prospects.intent.${item.intent}` as MessageKey)}</Badge>
                <span className="text-muted">{t('prospects.timeline.confidence', { value: formatNumber(item.confidence, { style: 'percent', maximumFractionDigits: 0 }) })}</span>
                <Badge>{t(`prospects.action.${item.action}` as MessageKey)}</Badge>
                {when}
              </p>
              {item.reason && <p className="mt-1 text-muted">{reasonsText(i18n, item.reasons, item.reason)}</p>}
            </li>
          );
        }
        const from = item.data.from;
        const to = item.data.to;
        const text =
          item.type === 'prospect.stage_changed' && isStage(from) && isStage(to)
            ? t('prospects.timeline.stage', { from: t(stageKey(from)), to: t(stageKey(to)) })
            : EVENT_KEYS[item.type]
              ? t(EVENT_KEYS[item.type]!)
              : item.type;
        return (
          <li key={`e-${item.id}`} className="flex flex-wrap items-center gap-2 px-1 text-sm text-muted">
            <span aria-hidden="true" className="size-1.5 rounded-full bg-line" />
            <span>{text}</span>
            {item.type.startsWith('meeting.') && typeof item.data.startsAt === 'string' && <span className="font-medium text-ink">· {formatDate(item.data.startsAt)}</span>}
            {item.type !== 'meeting.cancelled' && typeof item.data.joinUrl === 'string' && /^https?:\/\//.test(item.data.joinUrl) && (
              <a href={item.data.joinUrl} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 hover:underline">
                {t('prospects.timeline.meetingJoin')}
              </a>
            )}
            {item.actorName && <span>· {item.actorName}</span>}
            {when}
          </li>
        );
      })}
    </ol>
  );
}
