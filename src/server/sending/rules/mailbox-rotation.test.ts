import { describe, expect, it } from 'vitest';
import { mailboxCapacityToday } from './capacity.js';
import { assignMailboxes, chooseMailbox, rotationCandidate, type RotationCandidate } from './mailbox-rotation.js';

const countBy = (ids: string[]) => ids.reduce<Record<string, number>>((counts, id) => ({ ...counts, [id]: (counts[id] ?? 0) + 1 }), {});

const candidate = (mailboxId: string, patch: Partial<RotationCandidate> = {}): RotationCandidate => ({
  mailboxId,
  healthy: true,
  available: 1,
  sentToday: 0,
  lastSentAt: null,
  ...patch,
});

describe('mailbox rotation', () => {
  it('gives a new thread to the least-used mailbox today, then the one idle longest', () => {
    const candidates = [
      candidate('a', { sentToday: 5 }),
      candidate('b', { sentToday: 2, lastSentAt: new Date('2026-06-01T09:10:00Z') }),
      candidate('c', { sentToday: 2, lastSentAt: new Date('2026-06-01T09:00:00Z') }),
    ];
    expect(chooseMailbox(candidates, null)).toEqual({ kind: 'mailbox', mailboxId: 'c', reason: 'rotation' });
  });

  it('keeps a follow-up on the mailbox that started the thread, even when another is less used', () => {
    const candidates = [candidate('a', { sentToday: 9 }), candidate('b')];
    expect(chooseMailbox(candidates, 'a')).toEqual({ kind: 'mailbox', mailboxId: 'a', reason: 'thread' });
  });

  it('makes a follow-up wait for its busy mailbox, and holds it when that mailbox is unhealthy or gone', () => {
    expect(chooseMailbox([candidate('a', { available: 0 }), candidate('b')], 'a')).toEqual({ kind: 'wait', reason: 'thread_mailbox_busy' });
    expect(chooseMailbox([candidate('a', { healthy: false }), candidate('b')], 'a')).toEqual({ kind: 'wait', reason: 'thread_mailbox_unavailable' });
    expect(chooseMailbox([candidate('b')], 'a')).toEqual({ kind: 'wait', reason: 'thread_mailbox_unavailable' });
  });

  it('never picks an unhealthy mailbox or one with nothing available', () => {
    expect(chooseMailbox([candidate('a', { healthy: false }), candidate('b', { available: 0 })], null)).toEqual({ kind: 'wait', reason: 'no_mailbox_available' });
  });

  it('spreads a tick evenly, follow-ups first, within each mailbox slot count, keeping input order', () => {
    const candidates = [candidate('a', { available: 3, sentToday: 1 }), candidate('b', { available: 3 }), candidate('c', { available: 1 })];
    const items = [
      { key: 'new-1', threadMailboxId: null },
      { key: 'new-2', threadMailboxId: null },
      { key: 'new-3', threadMailboxId: null },
      { key: 'new-4', threadMailboxId: null },
      { key: 'new-5', threadMailboxId: null },
      { key: 'new-6', threadMailboxId: null },
      { key: 'follow-a', threadMailboxId: 'a' },
      { key: 'follow-c', threadMailboxId: 'c' },
    ];
    const plan = assignMailboxes(candidates, items);
    expect(plan.assigned.map((entry) => `${entry.key}>${entry.mailboxId}`)).toEqual(['new-1>b', 'new-2>b', 'new-3>a', 'new-4>b', 'new-5>a', 'follow-a>a', 'follow-c>c']);
    expect(plan.waiting).toEqual([{ key: 'new-6', reason: 'no_mailbox_available' }]);
    expect(countBy(plan.assigned.map((entry) => entry.mailboxId))).toEqual({ a: 3, b: 3, c: 1 });
  });

  it('balances 1 000 first emails over 10 mailboxes to within one', () => {
    const candidates = Array.from({ length: 10 }, (_, index) => candidate(`mb-${index}`, { available: 200 }));
    const plan = assignMailboxes(candidates, Array.from({ length: 1000 }, (_, index) => ({ key: `p${index}`, threadMailboxId: null })));
    expect(Object.values(countBy(plan.assigned.map((entry) => entry.mailboxId)))).toEqual(new Array(10).fill(100));
  });

  it('turns capacity into a candidate: ready only when something is left and the gap has elapsed', () => {
    const box = {
      id: 'mb-1',
      status: 'active' as const,
      dailyLimit: 20,
      minGapSeconds: 120,
      window: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      timeZone: 'UTC',
      warmup: { enabled: false, startPerDay: 5, incrementPerDay: 2, startedAt: null },
    };
    const now = new Date('2026-06-01T10:00:00Z');
    const fresh = mailboxCapacityToday(box, { sentToday: 3, lastSentAt: new Date('2026-06-01T09:00:00Z') }, now);
    expect(rotationCandidate(fresh, { healthy: true, lastSentAt: null }, now)).toEqual({ mailboxId: 'mb-1', healthy: true, available: 1, sentToday: 3, lastSentAt: null });
    const justSent = new Date('2026-06-01T09:59:30Z');
    const waiting = mailboxCapacityToday(box, { sentToday: 3, lastSentAt: justSent }, now);
    expect(rotationCandidate(waiting, { healthy: true, lastSentAt: justSent }, now).available).toBe(0);
    const full = mailboxCapacityToday(box, { sentToday: 20, lastSentAt: null }, now);
    expect(rotationCandidate(full, { healthy: true, lastSentAt: null }, now).available).toBe(0);
  });
});
