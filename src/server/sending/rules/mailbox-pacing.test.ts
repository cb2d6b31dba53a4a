import { describe, expect, it } from 'vitest';
import { jitteredGapMs, mailboxDailyCap, meanGapSeconds, nextSendAllowedAt, warmupDay } from './mailbox-pacing.js';
import { seededRandom } from './seeded-random.js';

const warmup = (startedAt: string | null) => ({ enabled: true, startPerDay: 5, incrementPerDay: 2, startedAt: startedAt ? new Date(startedAt) : null });

describe('warm-up', () => {
  it('ramps start + increment × day up to the daily limit over a simulated week', () => {
    const mailbox = { dailyLimit: 12, timeZone: 'Europe/Paris', warmup: warmup('2026-06-01T06:00:00Z') };
    const caps = Array.from({ length: 7 }, (_, day) => mailboxDailyCap(mailbox, new Date(Date.UTC(2026, 5, 1 + day, 10))));
    expect(caps.map((cap) => cap.cap)).toEqual([5, 7, 9, 11, 12, 12, 12]);
    expect(caps.map((cap) => cap.warmupBinds)).toEqual([true, true, true, true, false, false, false]);
  });

  it('counts days on the mailbox calendar: 23:30 in Paris is the next day in UTC terms', () => {
    const started = warmup('2026-06-01T21:30:00Z'); // 23:30 Monday in Paris
    expect(warmupDay(started, new Date('2026-06-01T22:30:00Z'), 'Europe/Paris')).toBe(1); // 00:30 Tuesday in Paris
    expect(warmupDay(started, new Date('2026-06-01T22:30:00Z'), 'UTC')).toBe(0);
  });

  it('treats a warm-up not started yet as day 0 and a disabled one as the plain daily limit', () => {
    expect(mailboxDailyCap({ dailyLimit: 30, timeZone: 'UTC', warmup: warmup(null) }, new Date('2026-06-05T10:00:00Z'))).toEqual({ cap: 5, warmupBinds: true, warmupDay: 0 });
    expect(mailboxDailyCap({ dailyLimit: 30, timeZone: 'UTC', warmup: { ...warmup('2026-06-01T00:00:00Z'), enabled: false } }, new Date('2026-06-01T10:00:00Z'))).toEqual({
      cap: 30,
      warmupBinds: false,
      warmupDay: null,
    });
  });
});

describe('gap with jitter', () => {
  it('never goes below the minimum and adds at most the jitter fraction', () => {
    const random = seededRandom('mailbox-1');
    const gaps = Array.from({ length: 2000 }, () => jitteredGapMs(120, random));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(120_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(180_000);
    const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    expect(mean / 1000).toBeCloseTo(meanGapSeconds(120), -1);
    expect(jitteredGapMs(120, () => Number.NaN)).toBe(120_000);
    expect(jitteredGapMs(120, () => 7)).toBe(180_000);
  });

  it('gives the same next send time on every tick for one last send, and different ones for different sends', () => {
    const mailbox = { id: 'mb-1', minGapSeconds: 120 };
    const last = new Date('2026-06-01T09:00:00Z');
    const first = nextSendAllowedAt(mailbox, last);
    expect(nextSendAllowedAt(mailbox, last)).toEqual(first);
    const gaps = Array.from({ length: 20 }, (_, index) => {
      const sent = new Date(last.getTime() + index * 1000);
      return (nextSendAllowedAt(mailbox, sent)?.getTime() ?? 0) - sent.getTime();
    });
    expect(new Set(gaps).size).toBeGreaterThan(10);
    expect(gaps.every((gap) => gap >= 120_000 && gap <= 180_000)).toBe(true);
    expect(nextSendAllowedAt(mailbox, null)).toBeNull();
  });
});
