import type { MAILBOX_STATUSES } from '../../../shared/enums.js';
import { warmupCapOnDay } from '../../../shared/mailbox-rules.js';
import { daysBetween, localDateOf } from './local-time.js';
import { seededRandom } from './seeded-random.js';
import type { SendWindow } from './send-window.js';

/** The sending settings of one mailbox, as the rules need them (a plain copy of its row). */
export type MailboxPacing = {
  id: string;
  status: (typeof MAILBOX_STATUSES)[number];
  dailyLimit: number;
  minGapSeconds: number;
  window: SendWindow;
  /** The mailbox's own zone: its window and its "today" (daily cap, warm-up day) are counted there. */
  timeZone: string;
  warmup: WarmupSettings;
};

export type WarmupSettings = {
  enabled: boolean;
  startPerDay: number;
  incrementPerDay: number;
  /** `null` = not started yet: today is day 0 (the engine stamps it at the first send). */
  startedAt: Date | null;
};

/** Extra gap drawn on top of the minimum, as a fraction of it: 120 s → 120–180 s. */
export const DEFAULT_GAP_JITTER = 0.5;

/** Days since warm-up started, in the mailbox's local calendar (day 0 = the day it started). */
export function warmupDay(warmup: WarmupSettings, now: Date, timeZone: string): number {
  if (!warmup.startedAt) return 0;
  return Math.max(0, daysBetween(localDateOf(warmup.startedAt, timeZone), localDateOf(now, timeZone)));
}

/** min(daily limit, start + increment × day): the one formula the settings page also shows. */
export function dailyCapOnWarmupDay(mailbox: Pick<MailboxPacing, 'dailyLimit' | 'warmup'>, day: number): number {
  return Math.max(0, Math.floor(warmupCapOnDay({ dailyLimit: mailbox.dailyLimit, warmup: mailbox.warmup }, day)));
}

export type DailyCap = {
  /** Messages the mailbox may send on its local day: min(daily limit, warm-up ramp). */
  cap: number;
  /** True when the warm-up ramp, not the daily limit, sets the cap. */
  warmupBinds: boolean;
  warmupDay: number | null;
};

export function mailboxDailyCap(mailbox: Pick<MailboxPacing, 'dailyLimit' | 'warmup' | 'timeZone'>, now: Date): DailyCap {
  const dailyLimit = Math.max(0, Math.floor(mailbox.dailyLimit));
  if (!mailbox.warmup.enabled) return { cap: dailyLimit, warmupBinds: false, warmupDay: null };
  const day = warmupDay(mailbox.warmup, now, mailbox.timeZone);
  const cap = dailyCapOnWarmupDay(mailbox, day);
  return { cap, warmupBinds: cap < dailyLimit, warmupDay: day };
}

/**
 * The gap to wait after a send: the minimum plus up to `jitter` × minimum, drawn from `random`.
 * Jitter only ever adds, so the configured minimum always holds.
 */
export function jitteredGapMs(minGapSeconds: number, random: () => number, jitter = DEFAULT_GAP_JITTER): number {
  const base = Math.max(0, minGapSeconds) * 1000;
  return Math.round(base * (1 + Math.max(0, jitter) * clampUnit(random())));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}

/**
 * Earliest time the mailbox may send again after `lastSentAt`. The jitter is seeded by the mailbox
 * and that send, so every tick computes the same answer: re-drawing it on each tick would let the
 * first lucky short draw through and shrink the real gap towards the minimum.
 */
export function nextSendAllowedAt(mailbox: Pick<MailboxPacing, 'id' | 'minGapSeconds'>, lastSentAt: Date | null, jitter = DEFAULT_GAP_JITTER): Date | null {
  if (!lastSentAt) return null;
  const random = seededRandom(`${mailbox.id}@${lastSentAt.toISOString()}`);
  return new Date(lastSentAt.getTime() + jitteredGapMs(mailbox.minGapSeconds, random, jitter));
}

/** The mean gap with jitter, in seconds: what capacity and forecast divide the window by. */
export function meanGapSeconds(minGapSeconds: number, jitter = DEFAULT_GAP_JITTER): number {
  return Math.max(0, minGapSeconds) * (1 + Math.max(0, jitter) / 2);
}
