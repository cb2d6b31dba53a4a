import { describe, expect, it } from 'vitest';
import { forecastCampaign, type ForecastInput, type ForecastMailbox } from './forecast.js';

// Monday 2 March 2026, 08:00 in Paris: before the window opens, so today counts in full.
const now = new Date('2026-03-02T07:00:00Z');
const weekdays = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

const mailbox = (patch: Partial<ForecastMailbox> = {}): ForecastMailbox => ({
  id: 'mb-1',
  status: 'active',
  dailyLimit: 10,
  minGapSeconds: 60,
  window: weekdays,
  timeZone: 'Europe/Paris',
  warmup: { enabled: true, startPerDay: 4, incrementPerDay: 2, startedAt: now },
  sentToday: 0,
  ...patch,
});

const input = (patch: Partial<ForecastInput> = {}): ForecastInput => ({
  now,
  timeZone: 'Europe/Paris',
  campaignWindow: weekdays,
  campaignDailyLimit: null,
  campaignSentToday: 0,
  steps: [
    { days: 0, businessDays: false },
    { days: 2, businessDays: false },
  ],
  pending: [{ stepIndex: 0, count: 20, dueAt: null }],
  mailboxes: [mailbox()],
  ...patch,
});

describe('forecastCampaign', () => {
  it('matches the hand-computed small case: warm-up 4 +2/day to 10, weekdays, follow-up 2 days later', () => {
    // Mon: cap 4 → 4 first emails.          Tue: 6 → 6 first.
    // Wed: 8 → 4 follow-ups (Mon's), 4 first. Thu: 10 → 6 follow-ups (Tue's), 4 first.
    // Fri: 10 → 4 follow-ups (Wed's), the last 2 first emails: step 1 done on Friday 6 March.
    // Sat/Sun: closed; the 4 (Thu's) and 2 (Fri's) follow-ups wait. Mon 9: 6 → all 40 sent.
    const forecast = forecastCampaign(input());
    expect(forecast.days.map((day) => day.sent)).toEqual([4, 6, 8, 10, 6, 0, 0, 6]);
    expect(forecast.days.map((day) => day.capacity)).toEqual([4, 6, 8, 10, 10, 0, 0, 10]);
    expect(forecast.firstStep).toEqual({ kind: 'on', date: '2026-03-06', day: 4 });
    expect(forecast.lastStep).toEqual({ kind: 'on', date: '2026-03-09', day: 7 });
    expect(forecast).toMatchObject({ firstSendOn: '2026-03-02', totalMessages: 40, sentWithinHorizon: 40, outcome: 'complete' });
  });

  it('counts business-day delays over the weekend', () => {
    // No warm-up, 10/day, 10 prospects: all first emails on Friday 6 March (start on Friday), follow-up 1 business day later = Monday.
    const friday = new Date('2026-03-06T07:00:00Z');
    const forecast = forecastCampaign(
      input({
        now: friday,
        steps: [
          { days: 0, businessDays: false },
          { days: 1, businessDays: true },
        ],
        pending: [{ stepIndex: 0, count: 10, dueAt: null }],
        mailboxes: [mailbox({ warmup: { enabled: false, startPerDay: 4, incrementPerDay: 2, startedAt: null } })],
      }),
    );
    expect(forecast.firstStep).toEqual({ kind: 'on', date: '2026-03-06', day: 0 });
    expect(forecast.lastStep).toEqual({ kind: 'on', date: '2026-03-09', day: 3 });
  });

  it('applies the campaign cap, what was sent today, and prospects due later', () => {
    const forecast = forecastCampaign(
      input({
        campaignDailyLimit: 3,
        campaignSentToday: 2,
        steps: [{ days: 0, businessDays: false }],
        pending: [
          { stepIndex: 0, count: 2, dueAt: null },
          { stepIndex: 0, count: 3, dueAt: new Date('2026-03-04T10:00:00Z') },
        ],
      }),
    );
    // Mon: 1 left under the cap; Tue: the other 1 due; Wed: the 3 due that day.
    expect(forecast.days.map((day) => day.sent)).toEqual([1, 1, 3]);
    expect(forecast.firstStep).toEqual({ kind: 'on', date: '2026-03-04', day: 2 });
  });

  it('limits today to what the window still fits at the mean gap', () => {
    // Monday 16:30 in Paris, 30 minutes left at 150 s (gap 120 s + mean jitter) = 12 sends.
    const late = new Date('2026-03-02T15:30:00Z');
    const forecast = forecastCampaign(input({ now: late, mailboxes: [mailbox({ minGapSeconds: 120, dailyLimit: 50, warmup: { enabled: false, startPerDay: 1, incrementPerDay: 0, startedAt: null } })], steps: [{ days: 0, businessDays: false }] }));
    expect(forecast.days[0]?.capacity).toBe(12);
    expect(forecast.days[1]?.capacity).toBe(50);
  });

  it('reports no capacity when every mailbox is paused, and the horizon when it is too slow', () => {
    const paused = forecastCampaign(input({ mailboxes: [mailbox({ status: 'paused' })], horizonDays: 30 }));
    expect(paused).toMatchObject({ outcome: 'no_capacity', firstStep: { kind: 'beyond_horizon' }, firstSendOn: null, sentWithinHorizon: 0 });
    const slow = forecastCampaign(input({ pending: [{ stepIndex: 0, count: 10_000, dueAt: null }], horizonDays: 30 }));
    expect(slow.outcome).toBe('beyond_horizon');
    expect(slow.days).toHaveLength(30);
  });

  it('has nothing to forecast with no pending prospect, and ignores groups for steps that do not exist', () => {
    const none = forecastCampaign(input({ pending: [{ stepIndex: 5, count: 10, dueAt: null }] }));
    expect(none).toMatchObject({ outcome: 'nothing_to_send', firstStep: { kind: 'nothing_pending' }, lastStep: { kind: 'nothing_pending' }, totalMessages: 0 });
    const followUpsOnly = forecastCampaign(input({ pending: [{ stepIndex: 1, count: 3, dueAt: null }] }));
    expect(followUpsOnly.firstStep).toEqual({ kind: 'nothing_pending' });
    expect(followUpsOnly.lastStep).toEqual({ kind: 'on', date: '2026-03-02', day: 0 });
  });

  it('sends a 0-day follow-up the same day when capacity remains', () => {
    const forecast = forecastCampaign(
      input({
        steps: [
          { days: 0, businessDays: false },
          { days: 0, businessDays: false },
        ],
        pending: [{ stepIndex: 0, count: 2, dueAt: null }],
      }),
    );
    expect(forecast.days.map((day) => day.sent)).toEqual([4]);
  });
});
