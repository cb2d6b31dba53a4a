import { describe, expect, it } from 'vitest';
import { localDateTime, localDayBounds, zonedInstant } from './local-time.js';
import {
  commonWindowClosesAt,
  isWithinWindow,
  nextCommonOpening,
  nextWindowOpening,
  resolveSendTimezone,
  windowClosesAt,
  windowProblem,
  type SendWindow,
} from './send-window.js';

const at = (iso: string) => new Date(iso);
const weekdays: SendWindow = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const everyDay = (start: string, end: string): SendWindow => ({ start, end, days: [1, 2, 3, 4, 5, 6, 7] });

describe('wall-clock conversion across DST', () => {
  it('maps a wall time inside the spring-forward gap to the same distance after the gap', () => {
    // Paris, Sunday 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(zonedInstant({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // New York, Sunday 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    expect(zonedInstant({ year: 2026, month: 3, day: 8 }, 2 * 60 + 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('maps a wall time that happens twice (fall back) to the earlier instant', () => {
    expect(zonedInstant({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant({ year: 2026, month: 11, day: 1 }, 60 + 30, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('gives 23- and 25-hour days on the change days', () => {
    const spring = localDayBounds(at('2026-03-29T12:00:00Z'), 'Europe/Paris');
    expect([spring.start.toISOString(), spring.end.toISOString()]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    const autumn = localDayBounds(at('2026-10-25T12:00:00Z'), 'Europe/Paris');
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it('agrees with Intl minute by minute around every DST change of 2025–2027, in zones with odd offsets (the 15-minute memo holds)', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns', 'America/Santiago', 'Africa/Casablanca', 'Asia/Tokyo'];
    const sixHours = 6 * 3_600_000;
    let transitions = 0;
    for (const timeZone of zones) {
      const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
      const exact = (ms: number) => format.formatToParts(new Date(ms)).filter((part) => part.type !== 'literal').map((part) => Number(part.value));
      const offset = (ms: number) => {
        const [month = 1, day = 1, year = 1970, hour = 0, minute = 0] = exact(ms);
        return Date.UTC(year, month - 1, day, hour, minute) - Math.floor(ms / 60_000) * 60_000;
      };
      for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += sixHours) {
        if (offset(ms) === offset(ms + sixHours)) continue;
        transitions++;
        for (let minute = ms; minute <= ms + sixHours; minute += 60_000) {
          const [month, day, year, hour, min] = exact(minute);
          const local = localDateTime(new Date(minute), timeZone);
          expect([local.month, local.day, local.year, local.hour, local.minute], `${timeZone} ${new Date(minute).toISOString()}`).toEqual([month, day, year, hour, min]);
        }
      }
    }
    expect(transitions).toBeGreaterThan(40);
  });

  it('reads local weekday and time', () => {
    expect(localDateTime(at('2026-06-09T13:00:00Z'), 'Asia/Tokyo')).toEqual({ year: 2026, month: 6, day: 9, hour: 22, minute: 0, second: 0, isoWeekday: 2 });
  });
});

describe('sending windows', () => {
  it('follows the local clock when DST changes (Paris opens at 08:00 UTC before, 07:00 UTC after)', () => {
    expect(isWithinWindow(at('2026-03-27T08:30:00Z'), weekdays, 'Europe/Paris')).toBe(true);
    expect(isWithinWindow(at('2026-03-27T07:30:00Z'), weekdays, 'Europe/Paris')).toBe(false);
    expect(isWithinWindow(at('2026-03-30T07:30:00Z'), weekdays, 'Europe/Paris')).toBe(true);
    expect(windowClosesAt(at('2026-03-30T07:30:00Z'), weekdays, 'Europe/Paris')?.toISOString()).toBe('2026-03-30T15:00:00.000Z');
  });

  it('finds the next opening over a weekend and across the change of time', () => {
    // Friday 27 March 18:00 in Paris → Monday 30 March 09:00 CEST.
    expect(nextWindowOpening(at('2026-03-27T17:00:00Z'), weekdays, 'Europe/Paris')?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    // Friday 30 October 2026 after hours → Monday 2 November 09:00 CET (08:00 UTC).
    expect(nextWindowOpening(at('2026-10-30T17:00:00Z'), weekdays, 'Europe/Paris')?.toISOString()).toBe('2026-11-02T08:00:00.000Z');
    // New York, Saturday 31 October → Monday 2 November 09:00 EST (14:00 UTC), after its own change.
    expect(nextWindowOpening(at('2026-10-31T15:00:00Z'), weekdays, 'America/New_York')?.toISOString()).toBe('2026-11-02T14:00:00.000Z');
    // Early on a weekday: today's opening; inside the window: now.
    expect(nextWindowOpening(at('2026-03-30T05:00:00Z'), weekdays, 'Europe/Paris')?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(nextWindowOpening(at('2026-03-30T09:00:00Z'), weekdays, 'Europe/Paris')?.toISOString()).toBe('2026-03-30T09:00:00.000Z');
  });

  it('treats a window lying inside the DST gap as closed that day and opens it the next day', () => {
    const night = everyDay('02:00', '03:00');
    expect(isWithinWindow(at('2026-03-29T01:15:00Z'), night, 'Europe/Paris')).toBe(false);
    expect(nextWindowOpening(at('2026-03-28T23:30:00Z'), night, 'Europe/Paris')?.toISOString()).toBe('2026-03-30T00:00:00.000Z');
  });

  it('evaluates one campaign window in each prospect zone: Tokyo and New York', () => {
    const now = at('2026-06-09T13:00:00Z'); // Tuesday: 22:00 in Tokyo, 09:00 in New York
    expect(isWithinWindow(now, weekdays, 'America/New_York')).toBe(true);
    expect(isWithinWindow(now, weekdays, 'Asia/Tokyo')).toBe(false);
    expect(nextWindowOpening(now, weekdays, 'Asia/Tokyo')?.toISOString()).toBe('2026-06-10T00:00:00.000Z');
    const later = at('2026-06-10T00:30:00Z'); // Wednesday 09:30 in Tokyo, Tuesday 20:30 in New York
    expect(isWithinWindow(later, weekdays, 'Asia/Tokyo')).toBe(true);
    expect(nextWindowOpening(later, weekdays, 'America/New_York')?.toISOString()).toBe('2026-06-10T13:00:00.000Z');
    // Friday 20:00 in Tokyo is Friday 07:00 in New York: Tokyo waits for Monday.
    expect(nextWindowOpening(at('2026-06-12T11:00:00Z'), weekdays, 'Asia/Tokyo')?.toISOString()).toBe('2026-06-15T00:00:00.000Z');
  });

  it('intersects the campaign window (prospect zone) with the mailbox window (mailbox zone)', () => {
    const campaign = { window: weekdays, timeZone: 'America/New_York' };
    const mailbox = { window: { start: '08:00', end: '15:00', days: [1, 2, 3, 4, 5] }, timeZone: 'UTC' };
    // Tuesday 06:00 UTC: New York opens at 13:00 UTC, the mailbox is open until 15:00 UTC.
    const opening = nextCommonOpening(at('2026-06-09T06:00:00Z'), [campaign, mailbox]);
    expect(opening?.toISOString()).toBe('2026-06-09T13:00:00.000Z');
    expect(commonWindowClosesAt(at('2026-06-09T13:00:00Z'), [campaign, mailbox])?.toISOString()).toBe('2026-06-09T15:00:00.000Z');
    // A 09–17 window in Tokyo and one in New York never meet.
    expect(nextCommonOpening(at('2026-06-09T06:00:00Z'), [campaign, { window: weekdays, timeZone: 'Asia/Tokyo' }])).toBeNull();
  });

  it('treats malformed windows as never open instead of throwing', () => {
    expect(windowProblem({ start: '9:00', end: '17:00', days: [1] })).toBe('invalid_time');
    expect(windowProblem({ start: '17:00', end: '09:00', days: [1] })).toBe('ends_before_start');
    expect(windowProblem({ start: '09:00', end: '17:00', days: [] })).toBe('no_days');
    expect(windowProblem(weekdays, 'Mars/Olympus_Mons')).toBe('invalid_time_zone');
    expect(isWithinWindow(at('2026-06-09T13:00:00Z'), weekdays, 'Mars/Olympus_Mons')).toBe(false);
    expect(nextWindowOpening(at('2026-06-09T13:00:00Z'), { start: '10:00', end: '10:00', days: [1, 2, 3, 4, 5] }, 'UTC')).toBeNull();
  });
});

describe('resolveSendTimezone', () => {
  it('prefers the prospect, then enrichment, campaign, workspace; canonicalises names', () => {
    expect(resolveSendTimezone({ prospect: 'asia/tokyo', campaign: 'Europe/Paris' })).toEqual({ timeZone: 'Asia/Tokyo', source: 'prospect', rejected: [] });
    expect(resolveSendTimezone({ prospect: '  ', enrichment: 'US/Eastern', workspace: 'UTC' })).toEqual({ timeZone: 'America/New_York', source: 'enrichment', rejected: [] });
  });

  it('skips invalid names, reporting them, and falls back to UTC when nothing is valid', () => {
    expect(resolveSendTimezone({ prospect: 'Paris', enrichment: null, campaign: 'Europe/Paris' })).toEqual({
      timeZone: 'Europe/Paris',
      source: 'campaign',
      rejected: [{ source: 'prospect', value: 'Paris' }],
    });
    expect(resolveSendTimezone({ prospect: 'GMT+25', workspace: 'Nowhere/Land' })).toEqual({
      timeZone: 'UTC',
      source: 'default',
      rejected: [
        { source: 'prospect', value: 'GMT+25' },
        { source: 'workspace', value: 'Nowhere/Land' },
      ],
    });
  });
});
