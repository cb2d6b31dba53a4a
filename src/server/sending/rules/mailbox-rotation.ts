import type { MailboxCapacity } from './capacity.js';

/**
 * Which mailbox sends which due message. A follow-up stays on the mailbox that started its thread
 * (a reply from another address breaks the thread and looks like spoofing), so it waits for that
 * mailbox rather than moving. A new thread goes to the least-used mailbox today; ties go to the one
 * that sent least recently, then by id, which rotates evenly and deterministically.
 */

export type RotationCandidate = {
  mailboxId: string;
  /** Active and attached to the campaign. */
  healthy: boolean;
  /** Sends it may still make now (this tick): capacity left today and the gap elapsed. */
  available: number;
  sentToday: number;
  lastSentAt: Date | null;
};

/**
 * A mailbox's capacity as a rotation candidate for the tick at `now`: one send when something is
 * left today and its gap has elapsed. One per tick is deliberate: the gap (≥ the tick in practice)
 * is what spaces sends, and `nextSendAllowedAt` re-checks it at claim time.
 */
export function rotationCandidate(capacity: MailboxCapacity, usage: { healthy: boolean; lastSentAt: Date | null }, now: Date): RotationCandidate {
  const ready = capacity.remaining > 0 && capacity.nextSendAt !== null && capacity.nextSendAt <= now;
  return { mailboxId: capacity.mailboxId, healthy: usage.healthy, available: ready ? 1 : 0, sentToday: capacity.sentToday, lastSentAt: usage.lastSentAt };
}

export type DueItem = {
  /** The caller's id for the message/enrollment. */
  key: string;
  /** The mailbox of the thread's earlier messages; `null` for a first email. */
  threadMailboxId: string | null;
};

export type WaitReason =
  /** The thread's mailbox is fine but has nothing left now: try on a later tick. */
  | 'thread_mailbox_busy'
  /** The thread's mailbox is paused, in error or no longer on the campaign: hold the prospect. */
  | 'thread_mailbox_unavailable'
  /** No healthy mailbox can take a new thread now. */
  | 'no_mailbox_available';

export type MailboxAssignment = { key: string; mailboxId: string; reason: 'thread' | 'rotation' };
export type MailboxWait = { key: string; reason: WaitReason };

export type AssignmentPlan = { assigned: MailboxAssignment[]; waiting: MailboxWait[] };

type Slot = { mailboxId: string; used: number; lastSentMs: number; left: number };

/**
 * Assigns due items to mailboxes for one tick. Follow-ups are placed first (they have no
 * alternative), then first emails in the given order. Results keep the input order.
 */
export function assignMailboxes(candidates: readonly RotationCandidate[], items: readonly DueItem[]): AssignmentPlan {
  const slots = new Map<string, Slot>();
  for (const candidate of candidates) {
    if (!candidate.healthy) continue;
    slots.set(candidate.mailboxId, {
      mailboxId: candidate.mailboxId,
      used: Math.max(0, candidate.sentToday),
      lastSentMs: candidate.lastSentAt?.getTime() ?? Number.NEGATIVE_INFINITY,
      left: Math.max(0, Math.floor(candidate.available)),
    });
  }
  const outcome = new Array<MailboxAssignment | MailboxWait>(items.length);

  items.forEach((item, index) => {
    if (item.threadMailboxId === null) return;
    const slot = slots.get(item.threadMailboxId);
    if (!slot) outcome[index] = { key: item.key, reason: 'thread_mailbox_unavailable' };
    else if (slot.left <= 0) outcome[index] = { key: item.key, reason: 'thread_mailbox_busy' };
    else {
      slot.left--;
      slot.used++;
      outcome[index] = { key: item.key, mailboxId: slot.mailboxId, reason: 'thread' };
    }
  });

  const heap = new SlotHeap([...slots.values()].filter((slot) => slot.left > 0));
  items.forEach((item, index) => {
    if (item.threadMailboxId !== null) return;
    const slot = heap.pop();
    if (!slot) {
      outcome[index] = { key: item.key, reason: 'no_mailbox_available' };
      return;
    }
    slot.left--;
    slot.used++;
    outcome[index] = { key: item.key, mailboxId: slot.mailboxId, reason: 'rotation' };
    if (slot.left > 0) heap.push(slot);
  });

  const assigned: MailboxAssignment[] = [];
  const waiting: MailboxWait[] = [];
  for (const entry of outcome) {
    if ('mailboxId' in entry) assigned.push(entry);
    else waiting.push(entry);
  }
  return { assigned, waiting };
}

export type MailboxChoice = { kind: 'mailbox'; mailboxId: string; reason: 'thread' | 'rotation' } | { kind: 'wait'; reason: WaitReason };

/** The mailbox for one message (the same rule as `assignMailboxes`). */
export function chooseMailbox(candidates: readonly RotationCandidate[], threadMailboxId: string | null): MailboxChoice {
  const plan = assignMailboxes(candidates, [{ key: '', threadMailboxId }]);
  const assigned = plan.assigned[0];
  if (assigned) return { kind: 'mailbox', mailboxId: assigned.mailboxId, reason: assigned.reason };
  return { kind: 'wait', reason: plan.waiting[0]?.reason ?? 'no_mailbox_available' };
}

function before(a: Slot, b: Slot): boolean {
  if (a.used !== b.used) return a.used < b.used;
  if (a.lastSentMs !== b.lastSentMs) return a.lastSentMs < b.lastSentMs;
  return a.mailboxId < b.mailboxId;
}

/** A binary min-heap on (used today, last sent, id): a tick over 1 000 mailboxes stays O(n log m). */
class SlotHeap {
  private readonly items: Slot[] = [];

  constructor(initial: Slot[]) {
    for (const slot of initial) this.push(slot);
  }

  push(slot: Slot): void {
    const items = this.items;
    items.push(slot);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(items[index]!, items[parent]!)) break;
      [items[index], items[parent]] = [items[parent]!, items[index]!];
      index = parent;
    }
  }

  pop(): Slot | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last || items.length === 0) return top;
    items[0] = last;
    for (let index = 0; ; ) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === index) break;
      [items[index], items[smallest]] = [items[smallest]!, items[index]!];
      index = smallest;
    }
    return top;
  }
}
