import type { Translate } from '../../../i18n/index.js';
import type { RouterOutputs } from '../../../lib/trpc.js';

export type Mailbox = RouterOutputs['mailboxes']['list'][number];
export type SendingDomain = RouterOutputs['mailboxes']['domains'][number];
export type DnsStatus = 'ok' | 'warning' | 'missing' | 'error';

/** Short weekday names in the UI language; ISO numbering (1 = Monday … 7 = Sunday). */
export function weekdayNames(language: 'en' | 'fr', width: 'short' | 'long' = 'short'): Record<number, string> {
  const format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, format.format(new Date(Date.UTC(2024, 0, day)))]));
}

/** "Mon–Fri" for a run of days, "Mon, Wed, Fri" otherwise. */
export function daysSummary(days: number[], language: 'en' | 'fr'): string {
  const names = weekdayNames(language);
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return `${names[1]}–${names[7]}`;
  const contiguous = sorted.length > 2 && sorted.every((day, i) => i === 0 || day === sorted[i - 1]! + 1);
  if (contiguous) return `${names[sorted[0]!]}–${names[sorted[sorted.length - 1]!]}`;
  return sorted.map((day) => names[day]).join(', ');
}

export function windowSummary(mailbox: Pick<Mailbox, 'window'>, language: 'en' | 'fr'): string {
  const { start, end, days, timezone } = mailbox.window;
  return `${daysSummary(days, language)} · ${start}–${end} (${timezone})`;
}

export function warmupSummary(mailbox: Pick<Mailbox, 'warmup' | 'dailyLimit'>, t: Translate): string {
  if (!mailbox.warmup.enabled) return t('mailboxes.warmup.off');
  return t('mailboxes.warmup.summary', { start: mailbox.warmup.startPerDay, increment: mailbox.warmup.incrementPerDay, limit: mailbox.dailyLimit });
}

export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function timezoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set(['UTC', ...zones, current]);
  return [...all].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

export const STATUS_TONE: Record<DnsStatus, 'success' | 'warning' | 'danger' | 'neutral'> = {
  ok: 'success',
  warning: 'warning',
  missing: 'danger',
  error: 'danger',
};
