import type { UiLanguage } from '../../../../shared/enums.js';
import type { Translate } from '../../../i18n/index.js';
import { daysSummary } from '../../../lib/weekdays.js';
import type { RouterOutputs } from '../../../lib/trpc.js';

export type Mailbox = RouterOutputs['mailboxes']['list'][number];
export type SendingDomain = RouterOutputs['mailboxes']['domains'][number];
export type DnsStatus = 'ok' | 'warning' | 'missing' | 'error';

export function windowSummary(mailbox: Pick<Mailbox, 'window'>, language: UiLanguage): string {
  const { start, end, days, timezone } = mailbox.window;
  return `${daysSummary(days, language)} · ${start}–${end} (${timezone})`;
}

export function warmupSummary(mailbox: Pick<Mailbox, 'warmup' | 'dailyLimit'>, t: Translate): string {
  if (!mailbox.warmup.enabled) return t('mailboxes.warmup.off');
  return t('mailboxes.warmup.summary', { start: mailbox.warmup.startPerDay, increment: mailbox.warmup.incrementPerDay, limit: mailbox.dailyLimit });
}

export const STATUS_TONE: Record<DnsStatus, 'success' | 'warning' | 'danger' | 'neutral'> = {
  ok: 'success',
  warning: 'warning',
  missing: 'danger',
  error: 'danger',
};
