import { addDays, canonicalTimeZone, daysBetween, formatLocalDate, isoWeekdayOf, localDateOf } from './local-time.js';
import { dailyCapOnWarmupDay, DEFAULT_GAP_JITTER, meanGapSeconds, warmupDay, type MailboxPacing } from './mailbox-pacing.js';
import { windowOnDate, windowProblem, type SendWindow } from './send-window.js';
import { addStepDelay, type StepDelay } from './step-delay.js';

/**
 * "At today's pacing, when will everyone have had step 1, and the last step?" Simulated day by day
 * on aggregate counts (no per-message loop): each day's capacity is Σ over mailboxes of
 * min(cap that day with warm-up, what the window fits at the mean gap), then the campaign cap.
 *
 * Approximations, stated so the UI can say "about": days are the campaign zone's calendar days
 * (mailbox weekdays are read on that calendar); the prospect-zone windows are not modelled; a
 * mailbox is assumed to serve only this campaign; nobody leaves the sequence (replies, bounces),
 * so dates are the latest they would be; follow-ups can go out from any mailbox. Each day the
 * oldest due messages go first and, on equal footing, later steps before new first emails.
 */

export type ForecastMailbox = MailboxPacing & {
  sentToday: number;
  /** Optional: today's remaining from `mailboxCapacityToday` (window and gap already applied). */
  remainingToday?: number;
};

export type PendingGroup = {
  /** The step these prospects wait for (0 = the first email). */
  stepIndex: number;
  count: number;
  /** When that step is due; `null` or past = today. */
  dueAt: Date | null;
};

export type ForecastInput = {
  now: Date;
  /** The campaign's zone: its calendar days are the forecast's days. */
  timeZone: string;
  campaignWindow: SendWindow;
  campaignDailyLimit: number | null;
  campaignSentToday: number;
  /** `steps[i]` is the delay before step i (the first one counts from enrolment). */
  steps: readonly StepDelay[];
  pending: readonly PendingGroup[];
  mailboxes: readonly ForecastMailbox[];
  horizonDays?: number;
  jitter?: number;
};

export type Milestone = { kind: 'on'; date: string; day: number } | { kind: 'nothing_pending' } | { kind: 'beyond_horizon' };

export type ForecastDay = { date: string; capacity: number; sent: number };

export type Forecast = {
  /** Every pending prospect has had the first email. */
  firstStep: Milestone;
  /** Every pending prospect has had the last step. */
  lastStep: Milestone;
  firstSendOn: string | null;
  totalMessages: number;
  sentWithinHorizon: number;
  /** Day 0 (today) to the last simulated day. */
  days: ForecastDay[];
  outcome: 'complete' | 'beyond_horizon' | 'no_capacity' | 'nothing_to_send';
};

export const FORECAST_HORIZON_DAYS = 365;
const MAX_HORIZON_DAYS = 3650;

type PreparedMailbox = { pacing: Pick<MailboxPacing, 'dailyLimit' | 'warmup'>; warmupDay0: number; weekdays: boolean[]; fitFull: number; today: number };

export function forecastCampaign(input: ForecastInput): Forecast {
  const horizon = Math.min(Math.max(1, Math.floor(input.horizonDays ?? FORECAST_HORIZON_DAYS)), MAX_HORIZON_DAYS);
  const jitter = input.jitter ?? DEFAULT_GAP_JITTER;
  const stepCount = input.steps.length;
  // An invalid campaign zone falls back to UTC: a rough forecast beats a failed capacity view.
  const timeZone = canonicalTimeZone(input.timeZone) ?? 'UTC';
  const today = localDateOf(input.now, timeZone);

  const campaignOk = windowProblem(input.campaignWindow, timeZone) === null;
  const campaignSeconds = campaignOk ? windowSeconds(input.campaignWindow) : 0;
  const todayInterval = campaignOk ? windowOnDate(today, input.campaignWindow, timeZone) : null;
  const campaignSecondsToday = todayInterval ? Math.max(0, (todayInterval.closes.getTime() - Math.max(input.now.getTime(), todayInterval.opens.getTime())) / 1000) : 0;
  const campaignDays = weekdayMask(input.campaignWindow.days);

  const mailboxes = input.mailboxes.filter((mailbox) => mailbox.status === 'active' && windowProblem(mailbox.window, mailbox.timeZone) === null).map((mailbox) => prepareMailbox(mailbox, input.now, campaignSeconds, campaignSecondsToday, jitter));

  // arrivals[day][step]: prospects becoming due for `step` on `day`.
  const arrivals = new Map<number, number[]>();
  const arrive = (day: number, step: number, count: number) => {
    if (day >= horizon || count <= 0) return;
    let row = arrivals.get(day);
    if (!row) arrivals.set(day, (row = new Array<number>(stepCount).fill(0)));
    row[step] = (row[step] ?? 0) + count;
  };
  let totalFirst = 0;
  let totalMessages = 0;
  for (const group of input.pending) {
    if (!Number.isInteger(group.stepIndex) || group.stepIndex < 0 || group.stepIndex >= stepCount || group.count <= 0) continue;
    const count = Math.floor(group.count);
    if (group.stepIndex === 0) totalFirst += count;
    totalMessages += count * (stepCount - group.stepIndex);
    arrive(group.dueAt ? Math.max(0, daysBetween(today, localDateOf(group.dueAt, timeZone))) : 0, group.stepIndex, count);
  }

  const backlog = new Array<number>(stepCount).fill(0);
  const days: ForecastDay[] = [];
  let sentFirst = 0;
  let sentAll = 0;
  let firstStep: Milestone = totalFirst === 0 ? { kind: 'nothing_pending' } : { kind: 'beyond_horizon' };
  let lastStep: Milestone = totalMessages === 0 ? { kind: 'nothing_pending' } : { kind: 'beyond_horizon' };
  let firstSendOn: string | null = null;
  let anyCapacity = false;

  for (let day = 0; day < horizon && sentAll < totalMessages; day++) {
    const date = addDays(today, day);
    const weekday = isoWeekdayOf(date);
    const row = arrivals.get(day);
    if (row) row.forEach((count, step) => (backlog[step] = (backlog[step] ?? 0) + count));
    arrivals.delete(day);

    let capacity = 0;
    if (campaignDays[weekday]) {
      for (const mailbox of mailboxes) capacity += mailboxCapacityOnDay(mailbox, day, weekday);
      if (input.campaignDailyLimit !== null) {
        const cap = Math.max(0, Math.floor(input.campaignDailyLimit) - (day === 0 ? input.campaignSentToday : 0));
        capacity = Math.min(capacity, cap);
      }
    }
    if (capacity > 0) anyCapacity = true;

    let left = capacity;
    let sentToday = 0;
    // A follow-up with a 0-day delay becomes due the same day: serve again while capacity remains.
    for (let progressed = true; progressed && left > 0; ) {
      progressed = false;
      for (let step = stepCount - 1; step >= 0 && left > 0; step--) {
        const take = Math.min(backlog[step] ?? 0, left);
        if (take <= 0) continue;
        backlog[step] = (backlog[step] ?? 0) - take;
        left -= take;
        sentToday += take;
        if (step === 0) sentFirst += take;
        progressed = true;
        const next = step + 1;
        if (next < stepCount) {
          const delay = input.steps[next] ?? { days: 0, businessDays: false };
          const dueDay = day + daysBetween(date, addStepDelay(date, delay));
          if (dueDay === day) backlog[next] = (backlog[next] ?? 0) + take;
          else arrive(dueDay, next, take);
        }
      }
    }
    sentAll += sentToday;
    const label = formatLocalDate(date);
    days.push({ date: label, capacity, sent: sentToday });
    if (sentToday > 0 && firstSendOn === null) firstSendOn = label;
    if (totalFirst > 0 && firstStep.kind === 'beyond_horizon' && sentFirst >= totalFirst) firstStep = { kind: 'on', date: label, day };
    if (totalMessages > 0 && lastStep.kind === 'beyond_horizon' && sentAll >= totalMessages) lastStep = { kind: 'on', date: label, day };
  }

  const outcome: Forecast['outcome'] = totalMessages === 0 ? 'nothing_to_send' : sentAll >= totalMessages ? 'complete' : anyCapacity ? 'beyond_horizon' : 'no_capacity';
  return { firstStep, lastStep, firstSendOn, totalMessages, sentWithinHorizon: sentAll, days, outcome };
}

function prepareMailbox(mailbox: ForecastMailbox, now: Date, campaignSeconds: number, campaignSecondsToday: number, jitter: number): PreparedMailbox {
  const gap = meanGapSeconds(mailbox.minGapSeconds, jitter);
  const fits = (seconds: number) => (seconds <= 0 ? 0 : gap > 0 ? Math.ceil(seconds / gap) : Number.MAX_SAFE_INTEGER);
  const own = windowSeconds(mailbox.window);
  const day0 = mailbox.warmup.enabled ? warmupDay(mailbox.warmup, now, mailbox.timeZone) : 0;
  const todayLeft = mailbox.remainingToday ?? Math.max(0, dailyCapOnWarmupDay(mailbox, day0) - Math.max(0, mailbox.sentToday));
  return {
    pacing: { dailyLimit: mailbox.dailyLimit, warmup: mailbox.warmup },
    warmupDay0: day0,
    weekdays: weekdayMask(mailbox.window.days),
    fitFull: fits(Math.min(own, campaignSeconds)),
    today: Math.min(todayLeft, fits(Math.min(own, campaignSecondsToday))),
  };
}

function mailboxCapacityOnDay(mailbox: PreparedMailbox, day: number, weekday: number): number {
  if (!mailbox.weekdays[weekday]) return 0;
  if (day === 0) return mailbox.today;
  return Math.min(dailyCapOnWarmupDay(mailbox.pacing, mailbox.warmupDay0 + day), mailbox.fitFull);
}

function windowSeconds(window: SendWindow): number {
  const [startHours, startMinutes] = window.start.split(':').map(Number);
  const [endHours, endMinutes] = window.end.split(':').map(Number);
  return ((endHours ?? 0) * 60 + (endMinutes ?? 0) - (startHours ?? 0) * 60 - (startMinutes ?? 0)) * 60;
}

/** mask[isoWeekday] = allowed. */
function weekdayMask(days: readonly number[]): boolean[] {
  const mask = new Array<boolean>(8).fill(false);
  for (const day of days) if (Number.isInteger(day) && day >= 1 && day <= 7) mask[day] = true;
  return mask;
}
