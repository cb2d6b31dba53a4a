/**
 * Wall-clock arithmetic in IANA time zones with nothing but `Intl`. Calendar dates are plain
 * `{year, month, day}` values (no time zone); instants are `Date`s.
 *
 * DST rules, decided once for every caller:
 * - a wall time that does not exist (spring forward, 02:30 in Paris on the last Sunday of March)
 *   maps to the instant the same distance after the gap starts, i.e. 03:30 local;
 * - a wall time that happens twice (fall back) maps to the earlier instant.
 */

export type LocalDate = { year: number; month: number; day: number };

export type LocalDateTime = LocalDate & {
  hour: number;
  minute: number;
  second: number;
  /** ISO 8601: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const canonicalNames = new Map<string, string | null>();

/** The canonical IANA name (`europe/paris` → `Europe/Paris`, `US/Eastern` → `America/New_York`), or `null`. */
export function canonicalTimeZone(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const known = canonicalNames.get(value);
  if (known !== undefined) return known;
  let canonical: string | null;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    canonical = null;
  }
  // Bounded: names come from prospect data, so a flood of junk values must not grow it forever.
  if (canonicalNames.size >= 1_000) canonicalNames.clear();
  canonicalNames.set(value, canonical);
  return canonical;
}

/**
 * Offsets are memoised per zone and 15-minute slice of UTC: every tz-database transition since
 * 1970 falls on a whole quarter hour of UTC (they happen at :00/:30/:45 local in zones whose
 * offsets are multiples of 15 minutes), so the offset at a slice's start holds for the whole
 * slice. `formatToParts` costs ~5 µs; a forecast over 50 000 due dates or a tick over 1 000
 * mailboxes then asks it a few thousand times instead of hundreds of thousands.
 */
const SLICE_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 50_000;

function exactOffset(ms: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return wall - ms;
}

/** Offset of `timeZone` from UTC at `ms`, in ms (Paris in summer: +7 200 000). */
function offsetAt(ms: number, timeZone: string): number {
  const slice = Math.floor(ms / SLICE_MS) * SLICE_MS;
  const key = `${timeZone}|${slice}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = exactOffset(slice, timeZone);
    if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** Throws RangeError for a zone `Intl` does not know: resolve zones first (`resolveSendTimezone`). */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const wall = new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone));
  const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  return { ...date, hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(), isoWeekday: isoWeekdayOf(date) };
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const wall = new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The instant at which the wall clock in `timeZone` shows `date` + `minuteOfDay` (DST rules above). */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
  // Offsets half a day either side bracket any single transition near this wall time.
  const before = offsetAt(wall - DAY_MS / 2, timeZone);
  const after = offsetAt(wall + DAY_MS / 2, timeZone);
  const candidates = [wall - before, wall - after].filter((ms) => offsetAt(ms, timeZone) === wall - ms);
  if (candidates.length) return new Date(Math.min(...candidates));
  // In a gap: shift forward by the gap, as the clocks did.
  return new Date(wall - before);
}

export function isoWeekdayOf(date: LocalDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS);
}

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The local day containing `instant` as `[start, end)` instants (23 or 25 hours on DST days). */
export function localDayBounds(instant: Date, timeZone: string): { date: LocalDate; start: Date; end: Date } {
  const date = localDateOf(instant, timeZone);
  return { date, start: zonedInstant(date, 0, timeZone), end: zonedInstant(addDays(date, 1), 0, timeZone) };
}
