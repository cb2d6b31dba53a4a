import cron from 'node-cron';
import type { AppServices } from '../services.js';
import type { ReplyReading } from './mailbox.schemas.js';

/**
 * How replies to a mailbox are read, from what this process knows: its IMAP IDLE watchers
 * (replies/imap-idle.service.ts) and IMAP_POLL_CRON, the poll that runs for every mailbox with
 * IMAP whether or not IDLE is up (it is the net under a dropped connection).
 */
export type ReplyReadingSources = Pick<AppServices, 'config' | 'imapWatchers'>;

type ReadMailbox = { id: string; kind: string; imapHost: string | null; imapUser: string | null };

// A server message is shown as is (the watcher already masked the password); a page gets no essay.
const MAX_ERROR_LENGTH = 300;
const DAY_SECONDS = 86_400;

const gaps = new Map<string, number | null>();

/**
 * The longest wait, in seconds, between two runs of a cron schedule that fires the same way every
 * day (120 for the default, every second minute; 3600 for `0 * * * *`): what "checked every N
 * minutes" can honestly promise. Null for a schedule that depends on the day (`0 9 * * 1-5`).
 */
export function longestPollGapSeconds(expression: string): number | null {
  if (gaps.has(expression)) return gaps.get(expression)!;
  let gap: number | null = null;
  try {
    const fields = cron.parse(expression);
    const everyDay = fields.dayOfMonth.length === 31 && fields.month.length === 12 && new Set(fields.dayOfWeek.map((day) => Number(day) % 7)).size === 7;
    const times = fields.hour.flatMap((hour) => fields.minute.flatMap((minute) => fields.second.map((second) => hour * 3600 + minute * 60 + second))).sort((a, b) => a - b);
    if (everyDay && times.length > 0) {
      gap = times[0]! + DAY_SECONDS - times.at(-1)!;
      for (let index = 1; index < times.length; index++) gap = Math.max(gap, times[index]! - times[index - 1]!);
    }
  } catch {
    gap = null;
  }
  gaps.set(expression, gap);
  return gap;
}

export function replyReadingOf(mailbox: ReadMailbox, sources: ReplyReadingSources): ReplyReading {
  const none = { reason: null, since: null, lastError: null, nextAttemptAt: null };
  if (mailbox.kind === 'sandbox') return { ...none, mode: 'off', reason: 'sandbox', pollEverySeconds: null };
  // The watchers and the poll read only mailboxes with both a host and a user.
  if (!mailbox.imapHost || !mailbox.imapUser) return { ...none, mode: 'off', reason: 'no_imap', pollEverySeconds: null };
  const { config, imapWatchers } = sources;
  const polled = { ...none, pollEverySeconds: longestPollGapSeconds(config.jobs.imapPollCron) };
  if (!config.jobs.imapIdle) return { ...polled, mode: 'polling', reason: 'idle_disabled' };
  if (!imapWatchers.started) return { ...polled, mode: 'polling', reason: 'other_process' };
  const state = imapWatchers.state(mailbox.id);
  // Not watched yet (saved a moment ago), or its watcher is being replaced after a change.
  if (!state || state.mode === 'stopped') return { ...polled, mode: 'connecting', since: state?.since ?? null };
  switch (state.mode) {
    case 'idle':
      return { ...polled, mode: 'live', since: state.since };
    case 'no_idle':
      return { ...polled, mode: 'polling', reason: 'idle_unsupported', since: state.since };
    case 'connecting':
    case 'retrying': {
      // An attempt after a failure is still a reconnection: the card does not flicker back to "connecting".
      if (state.mode === 'connecting' && state.failures === 0) return { ...polled, mode: 'connecting', since: state.since };
      const lastError = state.lastError ? state.lastError.slice(0, MAX_ERROR_LENGTH) : null;
      return { ...polled, mode: 'retrying', since: state.since, lastError, nextAttemptAt: state.mode === 'retrying' ? state.retryAt : null };
    }
  }
}
