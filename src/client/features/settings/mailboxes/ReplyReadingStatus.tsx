import { cx } from '../../../components/ui/cx.js';
import { useI18n, type MessageKey, type Translator } from '../../../i18n/index.js';
import type { Mailbox } from './mailbox-format.js';

type ReplyReading = Mailbox['replyReading'];

/** "every 2 minutes", from the poll's longest gap (rounded up: it is a promise, not an average). */
function intervalText(seconds: number | null, { t, tp }: Pick<Translator, 't' | 'tp'>): string {
  if (seconds === null) return t('mailboxes.replies.interval.schedule');
  if (seconds < 60) return tp('mailboxes.replies.interval.seconds', seconds);
  if (seconds % 3600 === 0) return tp('mailboxes.replies.interval.hours', seconds / 3600);
  return tp('mailboxes.replies.interval.minutes', Math.ceil(seconds / 60));
}

const TONE: Record<ReplyReading['mode'], { text: string; dot: string }> = {
  live: { text: 'text-success-700', dot: 'bg-success-600' },
  polling: { text: 'text-ink', dot: 'bg-brand-600' },
  connecting: { text: 'text-muted', dot: 'bg-muted animate-pulse' },
  retrying: { text: 'text-warning-700', dot: 'bg-warning-600 animate-pulse' },
  off: { text: 'text-muted', dot: 'bg-muted' },
};

const WHY: Record<NonNullable<ReplyReading['reason']>, MessageKey> = {
  idle_disabled: 'mailboxes.replies.why.idle_disabled',
  idle_unsupported: 'mailboxes.replies.why.idle_unsupported',
  other_process: 'mailboxes.replies.why.other_process',
  no_imap: 'mailboxes.replies.offHint',
  sandbox: 'mailboxes.sandbox.explainer',
};

/**
 * How this mailbox's replies are read (live over IMAP IDLE, polled, reconnecting, not at all),
 * and why when it is not live. A change of mode (live → reconnecting) is announced politely.
 */
export function ReplyReadingStatus({ reading }: { reading: ReplyReading }) {
  const { t, tp, formatDate, formatRelative } = useI18n();
  const interval = intervalText(reading.pollEverySeconds, { t, tp });
  const headline = {
    live: t('mailboxes.replies.live'),
    polling: t('mailboxes.replies.polling', { interval }),
    connecting: t('mailboxes.replies.connecting'),
    retrying: t('mailboxes.replies.retrying'),
    off: reading.reason === 'sandbox' ? t('mailboxes.replies.simulated') : t('mailboxes.replies.off'),
  }[reading.mode];
  const details: string[] = [];
  if (reading.mode === 'live' && reading.since) details.push(t('mailboxes.replies.liveSince', { when: formatRelative(reading.since) }));
  if ((reading.mode === 'polling' || reading.mode === 'off') && reading.reason) details.push(t(WHY[reading.reason]));
  if (reading.mode === 'connecting') details.push(t('mailboxes.replies.connectingHint', { interval }));
  if (reading.mode === 'retrying') {
    if (reading.lastError) details.push(reading.lastError);
    const since = reading.since ? t('mailboxes.replies.downSince', { time: formatDate(reading.since) }) : null;
    const next = reading.nextAttemptAt ? t('mailboxes.replies.nextTry', { when: formatRelative(reading.nextAttemptAt) }) : null;
    if (since || next) details.push([since, next].filter(Boolean).join(' · '));
    details.push(t('mailboxes.replies.stillChecked', { interval }));
  }
  return (
    <span className={cx('block', TONE[reading.mode].text)}>
      {/* Only the headline is a live region: the countdown below changes on every refresh. */}
      <span role="status" className="flex items-start gap-1.5">
        <span aria-hidden="true" className={cx('mt-1.5 inline-block h-2 w-2 shrink-0 rounded-full', TONE[reading.mode].dot)} />
        {headline}
      </span>
      {details.map((detail) => (
        <span key={detail} className="block line-clamp-2 text-xs text-muted" title={detail}>
          {detail}
        </span>
      ))}
    </span>
  );
}
