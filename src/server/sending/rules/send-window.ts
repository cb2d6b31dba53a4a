import { addDays, canonicalTimeZone, isoWeekdayOf, localDateOf, zonedInstant, type LocalDate } from './local-time.js';

/**
 * Sending windows: local opening hours on chosen ISO weekdays, evaluated in a time zone. A window
 * lies within one local day (`start` < `end`, `end` exclusive), as the settings forms enforce.
 * A malformed window (bad time, no day, end not after start) is treated as never open rather than
 * thrown on: the capacity view then says `window_invalid` instead of the tick crashing.
 */

export type SendWindow = {
  /** 'HH:MM', 24-hour. */
  start: string;
  end: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
};

export type ZonedWindow = { window: SendWindow; timeZone: string };

export type WindowProblem = 'invalid_time' | 'no_days' | 'ends_before_start' | 'invalid_time_zone';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Look no further than this for the next opening: any valid window opens within a week. */
const SEARCH_DAYS = 8;

function minutesOf(time: string): number | null {
  const match = TIME.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function windowProblem(window: SendWindow, timeZone?: string): WindowProblem | null {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === null || end === null) return 'invalid_time';
  if (end <= start) return 'ends_before_start';
  if (!window.days.some((day) => Number.isInteger(day) && day >= 1 && day <= 7)) return 'no_days';
  if (timeZone !== undefined && canonicalTimeZone(timeZone) === null) return 'invalid_time_zone';
  return null;
}

/** The window's interval on a local date, or `null` when that weekday is not allowed (or the window is malformed). */
export function windowOnDate(date: LocalDate, window: SendWindow, timeZone: string): { opens: Date; closes: Date } | null {
  if (windowProblem(window, timeZone) !== null) return null;
  if (!window.days.includes(isoWeekdayOf(date))) return null;
  const opens = zonedInstant(date, minutesOf(window.start) ?? 0, timeZone);
  const closes = zonedInstant(date, minutesOf(window.end) ?? 0, timeZone);
  // A window lying wholly inside a DST gap has no time that day.
  return closes > opens ? { opens, closes } : null;
}

export function isWithinWindow(now: Date, window: SendWindow, timeZone: string): boolean {
  return windowClosesAt(now, window, timeZone) !== null;
}

/** When the window open at `now` closes; `null` when it is not open. */
export function windowClosesAt(now: Date, window: SendWindow, timeZone: string): Date | null {
  if (windowProblem(window, timeZone) !== null) return null;
  const today = windowOnDate(localDateOf(now, timeZone), window, timeZone);
  return today && now >= today.opens && now < today.closes ? today.closes : null;
}

/** `now` if the window is open, else the next time it opens; `null` for a window that never opens. */
export function nextWindowOpening(now: Date, window: SendWindow, timeZone: string): Date | null {
  if (windowProblem(window, timeZone) !== null) return null;
  const today = localDateOf(now, timeZone);
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const interval = windowOnDate(addDays(today, offset), window, timeZone);
    if (!interval || now >= interval.closes) continue;
    return now >= interval.opens ? now : interval.opens;
  }
  return null;
}

/**
 * The first instant at or after `now` when every window is open (the campaign's window in the
 * prospect's zone and the mailbox's own window, say), or `null` when they do not meet within
 * `horizonDays` (a 09:00–17:00 window in Tokyo and another in New York never overlap).
 */
export function nextCommonOpening(now: Date, windows: readonly ZonedWindow[], horizonDays = 14): Date | null {
  const limit = now.getTime() + horizonDays * 86_400_000;
  let candidate = now;
  // Each pass moves to the next opening of a window that is closed: a few passes per day at most.
  for (let pass = 0; pass < horizonDays * windows.length * 4 + 4; pass++) {
    let moved = false;
    for (const { window, timeZone } of windows) {
      const opening = nextWindowOpening(candidate, window, timeZone);
      if (!opening || opening.getTime() > limit) return null;
      if (opening > candidate) {
        candidate = opening;
        moved = true;
      }
    }
    if (!moved) return candidate;
  }
  return null;
}

/** When the intersection of windows open at `now` closes (the earliest close), or `null` when one is closed. */
export function commonWindowClosesAt(now: Date, windows: readonly ZonedWindow[]): Date | null {
  let earliest: Date | null = null;
  for (const { window, timeZone } of windows) {
    const closes = windowClosesAt(now, window, timeZone);
    if (!closes) return null;
    if (!earliest || closes < earliest) earliest = closes;
  }
  return earliest;
}

export type TimeZoneSource = 'prospect' | 'enrichment' | 'campaign' | 'workspace' | 'default';

export type ResolvedTimeZone = {
  timeZone: string;
  source: TimeZoneSource;
  /** Candidates that were given but are not IANA zones (shown so the user can fix the data). */
  rejected: { source: TimeZoneSource; value: string }[];
};

/**
 * The zone a prospect's sending window is evaluated in: the prospect's own, then the one found by
 * enrichment, then the campaign's, then the workspace's, then UTC. Names are validated and
 * canonicalised through `Intl`; blanks are skipped silently, unknown names are reported.
 */
export function resolveSendTimezone(candidates: Partial<Record<Exclude<TimeZoneSource, 'default'>, string | null | undefined>>): ResolvedTimeZone {
  const order = ['prospect', 'enrichment', 'campaign', 'workspace'] as const;
  const rejected: ResolvedTimeZone['rejected'] = [];
  for (const source of order) {
    const value = candidates[source];
    if (value === null || value === undefined || value.trim() === '') continue;
    const canonical = canonicalTimeZone(value);
    if (canonical) return { timeZone: canonical, source, rejected };
    rejected.push({ source, value });
  }
  return { timeZone: 'UTC', source: 'default', rejected };
}
