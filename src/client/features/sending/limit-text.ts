import { useI18n, type MessageKey } from '../../i18n/index.js';
import type { RouterOutputs } from '../../lib/trpc.js';

export type Limit = RouterOutputs['capacity']['campaign']['today']['limits'][number];

/** A capacity limit in words: "warm-up day 3: 11 allowed today (4 sent)…". */
export function useLimitText() {
  const { t, formatDate, formatNumber } = useI18n();
  const number = (value: string | number | null | undefined) => formatNumber(Number(value ?? 0));
  const when = (value: string | number | null | undefined) => (typeof value === 'string' ? formatDate(value, { weekday: 'long', hour: '2-digit', minute: '2-digit' }) : '—');
  const duration = (seconds: number) => (seconds >= 60 ? `${formatNumber(Math.round(seconds / 6) / 10)} min` : `${formatNumber(Math.round(seconds))} s`);
  return (limit: Limit): string => {
    const p = limit.params;
    switch (limit.code) {
      case 'window_closed': {
        const reason = p.reason === 'window_ended' || p.reason === 'not_a_sending_day' ? p.reason : 'other';
        return t(`capacity.limit.window_closed.${reason}` as MessageKey, { next: when(p.nextOpening) });
      }
      case 'warmup':
        return t('capacity.limit.warmup', { day: number(Number(p.day ?? 0) + 1), limit: number(p.limit), sent: number(p.sent), dailyLimit: number(p.dailyLimit) });
      case 'daily_cap':
      case 'campaign_cap':
        return t(`capacity.limit.${limit.code}`, { limit: number(p.limit), sent: number(p.sent) });
      case 'gap':
        return t('capacity.limit.gap', { gap: duration(Number(p.gapSeconds ?? 0)), remaining: number(limit.remaining) });
      case 'due':
        return t('capacity.limit.due', { due: number(p.due) });
      case 'mailbox_paused':
      case 'mailbox_error':
      case 'no_mailbox':
      case 'mailboxes':
        return t(`capacity.limit.${limit.code}`);
      default:
        return limit.code;
    }
  };
}

const HOLDS = new Set([
  'unresolved_variables',
  'template_syntax',
  'empty_body',
  'empty_subject',
  'address_unknown',
  'address_invalid',
  'address_risky',
  'no_common_window',
  'thread_mailbox_unavailable',
]);
const STOPS = new Set(['address_invalid', 'address_risky', 'suppressed', 'unsubscribed', 'bounced', 'icp_excluded', 'no_email']);

export function useHoldText() {
  const { t } = useI18n();
  return {
    hold: (code: string) => (HOLDS.has(code) ? t(`capacity.hold.${code}` as MessageKey) : code),
    stop: (reason: string) => (STOPS.has(reason) ? t(`capacity.stop.${reason}` as MessageKey) : t('capacity.stop.other', { reason })),
  };
}
