import { canonicalTimeZone, localDateOf } from './local-time.js';
import { DEFAULT_GAP_JITTER, mailboxDailyCap, meanGapSeconds, nextSendAllowedAt, type MailboxPacing } from './mailbox-pacing.js';
import type { MessageHold } from './render-message.js';
import { nextWindowOpening, windowOnDate, windowProblem, type WindowProblem } from './send-window.js';

/**
 * How many messages can still leave today, and which limit binds, with codes the UI translates:
 * "why did only 20 go out today?" has an answer. Every limit is evaluated and listed, so the view
 * can show the runner-up too (a daily cap of 50 behind a warm-up step of 9).
 */

export type MailboxUsage = {
  /** Messages this mailbox sent (or has claimed) since the start of its local day, all campaigns. */
  sentToday: number;
  lastSentAt: Date | null;
};

export type MailboxLimit =
  | { code: 'mailbox_paused'; remaining: 0; params: Record<string, never> }
  | { code: 'mailbox_error'; remaining: 0; params: Record<string, never> }
  | { code: 'window_closed'; remaining: 0; params: { reason: 'not_a_sending_day' | 'window_ended' | WindowProblem; nextOpening: Date | null } }
  | { code: 'warmup'; remaining: number; params: { limit: number; sent: number; day: number; dailyLimit: number } }
  | { code: 'daily_cap'; remaining: number; params: { limit: number; sent: number } }
  /** What fits in the rest of today's window at the mean gap (jitter included). */
  | { code: 'gap'; remaining: number; params: { gapSeconds: number; windowSecondsLeft: number; nextSendAt: Date } };

export type MailboxLimitCode = MailboxLimit['code'];

export type MailboxCapacity = {
  mailboxId: string;
  remaining: number;
  /** The limit that sets `remaining` (ties go to the first in `limits`). */
  binding: MailboxLimitCode;
  limits: MailboxLimit[];
  sentToday: number;
  /** Today's cap: min(daily limit, warm-up ramp). */
  capToday: number;
  /** Earliest next send today, or `null` when nothing more leaves today. */
  nextSendAt: Date | null;
};

export function mailboxCapacityToday(mailbox: MailboxPacing, usage: MailboxUsage, now: Date, options: { jitter?: number } = {}): MailboxCapacity {
  const jitter = options.jitter ?? DEFAULT_GAP_JITTER;
  const sent = Math.max(0, usage.sentToday);
  // A zone that is not IANA is reported as a closed window below; warm-up days still need a calendar.
  const daily = mailboxDailyCap({ ...mailbox, timeZone: canonicalTimeZone(mailbox.timeZone) ?? 'UTC' }, now);
  const result = (limits: MailboxLimit[], nextSendAt: Date | null): MailboxCapacity => {
    const binding = limits.reduce((best, limit) => (limit.remaining < best.remaining ? limit : best));
    return { mailboxId: mailbox.id, remaining: binding.remaining, binding: binding.code, limits, sentToday: sent, capToday: daily.cap, nextSendAt: binding.remaining > 0 ? nextSendAt : null };
  };
  switch (mailbox.status) {
    case 'paused':
      return result([{ code: 'mailbox_paused', remaining: 0, params: {} }], null);
    case 'error':
      return result([{ code: 'mailbox_error', remaining: 0, params: {} }], null);
    case 'active':
      break;
    default: {
      const unexpected: never = mailbox.status;
      throw new Error(`Unknown mailbox status ${String(unexpected)}`);
    }
  }

  const limits: MailboxLimit[] = [];
  const problem = windowProblem(mailbox.window, mailbox.timeZone);
  const today = problem ? null : windowOnDate(localDateOf(now, mailbox.timeZone), mailbox.window, mailbox.timeZone);
  if (problem || !today || now >= today.closes) {
    const reason = problem ?? (today ? 'window_ended' : 'not_a_sending_day');
    limits.push({ code: 'window_closed', remaining: 0, params: { reason, nextOpening: problem ? null : nextWindowOpening(now, mailbox.window, mailbox.timeZone) } });
  }
  if (daily.warmupBinds && daily.warmupDay !== null) {
    limits.push({ code: 'warmup', remaining: Math.max(0, daily.cap - sent), params: { limit: daily.cap, sent, day: daily.warmupDay, dailyLimit: mailbox.dailyLimit } });
  }
  limits.push({ code: 'daily_cap', remaining: Math.max(0, Math.floor(mailbox.dailyLimit) - sent), params: { limit: Math.floor(mailbox.dailyLimit), sent } });

  let nextSendAt: Date | null = null;
  if (today && now < today.closes) {
    const allowed = nextSendAllowedAt(mailbox, usage.lastSentAt, jitter);
    const first = new Date(Math.max(now.getTime(), today.opens.getTime(), allowed?.getTime() ?? 0));
    const gapSeconds = meanGapSeconds(mailbox.minGapSeconds, jitter);
    const leftMs = today.closes.getTime() - first.getTime();
    // Sends at first, first + gap, … strictly before the close.
    const fits = leftMs <= 0 ? 0 : gapSeconds > 0 ? Math.ceil(leftMs / (gapSeconds * 1000)) : Number.MAX_SAFE_INTEGER;
    limits.push({ code: 'gap', remaining: fits, params: { gapSeconds, windowSecondsLeft: Math.max(0, Math.round(leftMs / 1000)), nextSendAt: first } });
    nextSendAt = first;
  }
  return result(limits, nextSendAt);
}

/** Why prospects due today are held instead of sent (counted by the engine, shown beside capacity). */
export type HoldCode =
  | MessageHold['code']
  | 'address_invalid'
  | 'address_risky'
  | 'address_unknown'
  /** The campaign window in the prospect's zone never meets the mailbox's window. */
  | 'no_common_window'
  /** A follow-up whose thread's mailbox is paused, in error or gone. */
  | 'thread_mailbox_unavailable';

export type HoldCount = { code: HoldCode; count: number };

export type CampaignLimit =
  | { code: 'no_mailbox'; remaining: 0; params: Record<string, never> }
  | { code: 'campaign_cap'; remaining: number; params: { limit: number; sent: number } }
  /** The sum of what the campaign's mailboxes can still send (shared with their other campaigns). */
  | { code: 'mailboxes'; remaining: number; params: { mailboxes: number; bindingCounts: Partial<Record<MailboxLimitCode, number>> } }
  /** Fewer messages are due than could leave. */
  | { code: 'due'; remaining: number; params: { due: number } };

export type CampaignCapacity = {
  remaining: number;
  binding: CampaignLimit['code'];
  limits: CampaignLimit[];
  mailboxes: MailboxCapacity[];
  holds: HoldCount[];
};

export type CampaignCapacityInput = {
  /** `null` = no campaign cap. */
  dailyLimit: number | null;
  /** Sent by this campaign since the start of its local day (campaign time zone). */
  sentToday: number;
  mailboxes: readonly MailboxCapacity[];
  /** Messages due today and sendable (holds excluded). */
  due: number;
  holds?: readonly HoldCount[];
};

/**
 * The campaign's "today": min(campaign cap left, Σ mailbox capacity, due). A mailbox shared with
 * other campaigns counts in full here, so with sharing this is an upper bound.
 */
export function campaignCapacityToday(input: CampaignCapacityInput): CampaignCapacity {
  const limits: CampaignLimit[] = [];
  if (input.mailboxes.length === 0) limits.push({ code: 'no_mailbox', remaining: 0, params: {} });
  if (input.dailyLimit !== null) {
    const limit = Math.max(0, Math.floor(input.dailyLimit));
    limits.push({ code: 'campaign_cap', remaining: Math.max(0, limit - input.sentToday), params: { limit, sent: input.sentToday } });
  }
  if (input.mailboxes.length) {
    const bindingCounts: Partial<Record<MailboxLimitCode, number>> = {};
    for (const mailbox of input.mailboxes) bindingCounts[mailbox.binding] = (bindingCounts[mailbox.binding] ?? 0) + 1;
    const remaining = input.mailboxes.reduce((sum, mailbox) => sum + mailbox.remaining, 0);
    limits.push({ code: 'mailboxes', remaining, params: { mailboxes: input.mailboxes.length, bindingCounts } });
  }
  limits.push({ code: 'due', remaining: Math.max(0, input.due), params: { due: Math.max(0, input.due) } });
  const binding = limits.reduce((best, limit) => (limit.remaining < best.remaining ? limit : best));
  const holds = (input.holds ?? []).filter((hold) => hold.count > 0);
  return { remaining: binding.remaining, binding: binding.code, limits, mailboxes: [...input.mailboxes], holds };
}
