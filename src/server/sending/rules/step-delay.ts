import { addDays, isoWeekdayOf, localDateTime, zonedInstant, type LocalDate } from './local-time.js';

/** How long to wait before a step: calendar days, or business days (Saturday and Sunday skipped). */
export type StepDelay = { days: number; businessDays: boolean };

/** Where `from` plus `delay` lands, as a local date (the time of day is kept separately). */
export function addStepDelay(date: LocalDate, delay: StepDelay): LocalDate {
  const days = Math.max(0, Math.floor(delay.days));
  if (!delay.businessDays) return addDays(date, days);
  let current = date;
  for (let counted = 0; counted < days; ) {
    current = addDays(current, 1);
    if (isoWeekdayOf(current) <= 5) counted++;
  }
  return current;
}

/**
 * When a step becomes due: `delay` after the previous send (or the enrolment, for the first step),
 * counted on the prospect's local calendar at the same wall-clock time, so "3 days later" stays
 * 10:15 in Paris across a DST change. The sending window then decides the actual minute.
 * Business days skip weekends only (no public holidays); a 0-day delay is due at once.
 */
export function stepDueAt(previous: Date, delay: StepDelay, timeZone: string): Date {
  if (Math.floor(delay.days) <= 0) return previous;
  const local = localDateTime(previous, timeZone);
  const target = addStepDelay(local, delay);
  const instant = zonedInstant(target, local.hour * 60 + local.minute, timeZone);
  return new Date(instant.getTime() + local.second * 1000 + (((previous.getTime() % 1000) + 1000) % 1000));
}
