import { describe, expect, it } from 'vitest';
import { campaignCapacityToday, mailboxCapacityToday, type MailboxCapacity } from './capacity.js';
import { localDayBounds } from './local-time.js';
import { nextSendAllowedAt, type MailboxPacing } from './mailbox-pacing.js';
import { isWithinWindow } from './send-window.js';

const mailbox = (patch: Partial<MailboxPacing> = {}): MailboxPacing => ({
  id: 'mb-1',
  status: 'active',
  dailyLimit: 20,
  minGapSeconds: 120,
  window: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  timeZone: 'Europe/Paris',
  warmup: { enabled: true, startPerDay: 5, incrementPerDay: 2, startedAt: new Date('2026-06-01T05:00:00Z') },
  ...patch,
});
const noWarmup = { enabled: false, startPerDay: 5, incrementPerDay: 2, startedAt: null };
const at = (iso: string) => new Date(iso);

describe('mailboxCapacityToday', () => {
  it('names the warm-up step as the binding limit and lists the others', () => {
    const capacity = mailboxCapacityToday(mailbox(), { sentToday: 2, lastSentAt: null }, at('2026-06-01T08:00:00Z')); // Monday 10:00 Paris
    expect(capacity.remaining).toBe(3);
    expect(capacity.binding).toBe('warmup');
    expect(capacity.capToday).toBe(5);
    expect(capacity.limits).toEqual([
      { code: 'warmup', remaining: 3, params: { limit: 5, sent: 2, day: 0, dailyLimit: 20 } },
      { code: 'daily_cap', remaining: 18, params: { limit: 20, sent: 2 } },
      // 7 hours left at a mean gap of 150 s (120 s plus on average half of the 50 % jitter).
      { code: 'gap', remaining: 168, params: { gapSeconds: 150, windowSecondsLeft: 25_200, nextSendAt: at('2026-06-01T08:00:00Z') } },
    ]);
    expect(capacity.nextSendAt).toEqual(at('2026-06-01T08:00:00Z'));
  });

  it('respects caps, warm-up, gap and window over a simulated week (a tick every minute)', () => {
    const box = mailbox();
    const sentPerDay: number[] = [];
    const sends: Date[] = [];
    for (let day = 0; day < 7; day++) {
      let sentToday = 0;
      for (let minute = 0; minute < 24 * 60; minute++) {
        const now = new Date(Date.UTC(2026, 5, 1 + day) - 2 * 3_600_000 + minute * 60_000); // Paris midnight = 22:00 UTC the day before
        const capacity = mailboxCapacityToday(box, { sentToday, lastSentAt: sends.at(-1) ?? null }, now);
        if (capacity.remaining > 0 && capacity.nextSendAt && capacity.nextSendAt <= now) {
          sentToday++;
          sends.push(now);
        }
      }
      sentPerDay.push(sentToday);
    }
    expect(sentPerDay).toEqual([5, 7, 9, 11, 13, 0, 0]);
    for (const [index, sent] of sends.entries()) {
      expect(isWithinWindow(sent, box.window, box.timeZone)).toBe(true);
      const previous = sends[index - 1];
      if (previous && localDayBounds(previous, box.timeZone).date.day === localDayBounds(sent, box.timeZone).date.day) {
        expect(sent.getTime() - previous.getTime()).toBeGreaterThanOrEqual(120_000);
      }
    }
  });

  it('lets the gap bind late in the window', () => {
    const last = at('2026-06-03T14:49:00Z'); // Wednesday 16:49 Paris
    const box = mailbox({ warmup: noWarmup });
    const capacity = mailboxCapacityToday(box, { sentToday: 4, lastSentAt: last }, at('2026-06-03T14:50:00Z'));
    const allowed = nextSendAllowedAt(box, last) ?? last;
    expect(capacity.binding).toBe('gap');
    expect(capacity.remaining).toBe(Math.ceil((at('2026-06-03T15:00:00Z').getTime() - allowed.getTime()) / 150_000));
    // 8 to 9 minutes left at 150 s each.
    expect(capacity.remaining).toBeGreaterThanOrEqual(3);
    expect(capacity.remaining).toBeLessThanOrEqual(4);
    expect(capacity.nextSendAt).toEqual(allowed);
  });

  it('says the window is closed after hours and on days off, with the next opening', () => {
    const evening = mailboxCapacityToday(mailbox(), { sentToday: 0, lastSentAt: null }, at('2026-06-01T15:30:00Z'));
    expect(evening.remaining).toBe(0);
    expect(evening.binding).toBe('window_closed');
    expect(evening.limits[0]).toEqual({ code: 'window_closed', remaining: 0, params: { reason: 'window_ended', nextOpening: at('2026-06-02T07:00:00Z') } });
    expect(evening.nextSendAt).toBeNull();
    const saturday = mailboxCapacityToday(mailbox(), { sentToday: 0, lastSentAt: null }, at('2026-06-06T10:00:00Z'));
    expect(saturday.limits[0]).toEqual({ code: 'window_closed', remaining: 0, params: { reason: 'not_a_sending_day', nextOpening: at('2026-06-08T07:00:00Z') } });
  });

  it('stops at the daily cap and for a paused, failing or misconfigured mailbox', () => {
    const full = mailboxCapacityToday(mailbox({ warmup: noWarmup }), { sentToday: 20, lastSentAt: null }, at('2026-06-01T08:00:00Z'));
    expect([full.remaining, full.binding, full.nextSendAt]).toEqual([0, 'daily_cap', null]);
    expect(mailboxCapacityToday(mailbox({ status: 'paused' }), { sentToday: 0, lastSentAt: null }, at('2026-06-01T08:00:00Z')).binding).toBe('mailbox_paused');
    expect(mailboxCapacityToday(mailbox({ status: 'error' }), { sentToday: 0, lastSentAt: null }, at('2026-06-01T08:00:00Z')).binding).toBe('mailbox_error');
    const badZone = mailboxCapacityToday(mailbox({ timeZone: 'Paris' }), { sentToday: 0, lastSentAt: null }, at('2026-06-01T08:00:00Z'));
    expect(badZone.remaining).toBe(0);
    expect(badZone.limits[0]).toEqual({ code: 'window_closed', remaining: 0, params: { reason: 'invalid_time_zone', nextOpening: null } });
  });
});

describe('campaignCapacityToday', () => {
  const box = (id: string, remaining: number, binding: MailboxCapacity['binding']): MailboxCapacity => ({
    mailboxId: id,
    remaining,
    binding,
    limits: [],
    sentToday: 0,
    capToday: remaining,
    nextSendAt: null,
  });

  it('lets the campaign cap bind over the mailboxes', () => {
    const capacity = campaignCapacityToday({ dailyLimit: 10, sentToday: 4, mailboxes: [box('a', 5, 'warmup'), box('b', 7, 'daily_cap')], due: 100 });
    expect(capacity.remaining).toBe(6);
    expect(capacity.binding).toBe('campaign_cap');
    expect(capacity.limits).toContainEqual({ code: 'mailboxes', remaining: 12, params: { mailboxes: 2, bindingCounts: { warmup: 1, daily_cap: 1 } } });
  });

  it('says when too few messages are due, and keeps the holds with a count', () => {
    const capacity = campaignCapacityToday({
      dailyLimit: null,
      sentToday: 0,
      mailboxes: [box('a', 5, 'warmup')],
      due: 3,
      holds: [
        { code: 'unresolved_variables', count: 4 },
        { code: 'address_invalid', count: 0 },
      ],
    });
    expect([capacity.remaining, capacity.binding]).toEqual([3, 'due']);
    expect(capacity.holds).toEqual([{ code: 'unresolved_variables', count: 4 }]);
  });

  it('sends nothing without a mailbox', () => {
    expect(campaignCapacityToday({ dailyLimit: null, sentToday: 0, mailboxes: [], due: 50 })).toMatchObject({ remaining: 0, binding: 'no_mailbox' });
  });
});
