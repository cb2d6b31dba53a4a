import type { UiLanguage } from '../../shared/enums.js';

/** ISO weekday numbers: 1 = Monday … 7 = Sunday (what campaigns and mailboxes store). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Weekday names in the UI language, keyed by ISO number. */
export function weekdayNames(language: UiLanguage, width: 'short' | 'long' = 'short'): Record<number, string> {
  const format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Object.fromEntries(WEEKDAYS.map((day) => [day, format.format(new Date(Date.UTC(2024, 0, day)))]));
}

/** "Mon–Fri" for a run of days, "Mon, Wed, Fri" otherwise. */
export function daysSummary(days: number[], language: UiLanguage): string {
  const names = weekdayNames(language);
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return `${names[1]}–${names[7]}`;
  const contiguous = sorted.length > 2 && sorted.every((day, i) => i === 0 || day === sorted[i - 1]! + 1);
  if (contiguous) return `${names[sorted[0]!]}–${names[sorted[sorted.length - 1]!]}`;
  return sorted.map((day) => names[day]).join(', ');
}
