import { describe, expect, it } from 'vitest';
import { addStepDelay, stepDueAt } from './step-delay.js';

describe('step delays', () => {
  it('adds calendar days at the same local time, across a DST change', () => {
    // Friday 27 March 10:15 in Paris (CET) + 3 days = Monday 30 March 10:15 CEST.
    expect(stepDueAt(new Date('2026-03-27T09:15:00Z'), { days: 3, businessDays: false }, 'Europe/Paris').toISOString()).toBe('2026-03-30T08:15:00.000Z');
  });

  it('skips Saturdays and Sundays for business days', () => {
    // Thursday 4 June 2026 + 2 business days = Monday 8 June; Friday + 1 = Monday; Saturday + 1 = Monday.
    expect(stepDueAt(new Date('2026-06-04T14:00:00Z'), { days: 2, businessDays: true }, 'UTC').toISOString()).toBe('2026-06-08T14:00:00.000Z');
    expect(addStepDelay({ year: 2026, month: 6, day: 5 }, { days: 1, businessDays: true })).toEqual({ year: 2026, month: 6, day: 8 });
    expect(addStepDelay({ year: 2026, month: 6, day: 6 }, { days: 1, businessDays: true })).toEqual({ year: 2026, month: 6, day: 8 });
    expect(addStepDelay({ year: 2026, month: 6, day: 5 }, { days: 5, businessDays: true })).toEqual({ year: 2026, month: 6, day: 12 });
    // Calendar days do not skip.
    expect(addStepDelay({ year: 2026, month: 6, day: 5 }, { days: 1, businessDays: false })).toEqual({ year: 2026, month: 6, day: 6 });
  });

  it('uses the prospect zone for the weekend: Friday evening in New York is Saturday in Tokyo', () => {
    const fridayEveningNy = new Date('2026-06-05T23:00:00Z'); // Fri 19:00 New York, Sat 08:00 Tokyo
    expect(stepDueAt(fridayEveningNy, { days: 1, businessDays: true }, 'America/New_York').toISOString()).toBe('2026-06-08T23:00:00.000Z'); // Mon 19:00 NY
    expect(stepDueAt(fridayEveningNy, { days: 1, businessDays: true }, 'Asia/Tokyo').toISOString()).toBe('2026-06-07T23:00:00.000Z'); // Mon 08:00 Tokyo
  });

  it('is due at once with no delay, and keeps seconds', () => {
    const sent = new Date('2026-06-04T14:00:07.250Z');
    expect(stepDueAt(sent, { days: 0, businessDays: true }, 'UTC')).toBe(sent);
    expect(stepDueAt(sent, { days: 1, businessDays: false }, 'UTC').toISOString()).toBe('2026-06-05T14:00:07.250Z');
  });
});
