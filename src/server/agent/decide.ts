import type { ReplyIntent } from './intents.js';
import { decisionReason, type DecisionReasonCode, type Reason, type ReasonParams } from './reasons.js';
import { findReferralContact, type ReferralContact } from './referral-contact.js';
import { DEFAULT_REMINDER_DAYS, findReminderDate, findReturnDate } from './reply-dates.js';
import { escalationTerms, findTerm, injectionSignals, linksIn } from './reply-risk.js';
import { latestReplyText } from './reply-text.js';

/** The actions the public API names (`POST /api/admin/agents/:id/classify` → `action`). */
export const REPLY_ACTIONS = ['auto_reply', 'review', 'suppress', 'stop', 'reschedule', 'create_referral', 'bounce'] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

/** The agent settings a decision depends on (a subset of the `agents` row). */
export type DecisionAgent = {
  confidenceThreshold: number;
  autoSend: boolean;
  bookingUrl: string | null;
  escalationWords: readonly string[];
  forbiddenTopics: readonly string[];
};

export type DecideReplyInput = {
  /**
   * From the offline classifier or the LLM. `certain` marks a rule verdict (delivery failure,
   * automatic reply, plain opt-out): it is acted on whatever the agent's threshold, which measures
   * trust in a model's guess, not in a DSN.
   */
  classification: { intent: ReplyIntent; confidence: number; certain?: boolean };
  agent: DecisionAgent;
  /** The inbound text as received; quotes and signature are set aside here, not by the caller. */
  replyText: string;
  subject?: string;
  now: Date;
  /** The prospect's address and our mailboxes: never taken for a referral. */
  knownAddresses?: readonly string[];
};

export type RescheduleKind = 'remind' | 'resume_sequence';
export type Schedule = { kind: RescheduleKind; at: Date; date: string; dateFound: boolean };

type DecisionBase = {
  reasons: Reason<DecisionReasonCode>[];
  /** A person must see this even though the action runs alone (an opt-out that threatens a complaint). */
  escalate: boolean;
};
export type ReplyDecision =
  | (DecisionBase & { action: 'auto_reply' | 'review' | 'suppress' | 'stop' | 'bounce' })
  | (DecisionBase & { action: 'reschedule'; schedule: Schedule })
  | (DecisionBase & { action: 'create_referral'; referral: ReferralContact });

/** How long an out-of-office that gives no date is left alone before the sequence resumes. */
export const DEFAULT_RESUME_DAYS = 7;
const DAY_MS = 86_400_000;

const reason = (code: DecisionReasonCode, params: ReasonParams = {}) => decisionReason(code, params);
const percent = (value: number) => value.toFixed(2);
const dayAfter = (now: Date, days: number) => {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS);
  return { at, date: at.toISOString().slice(0, 10) };
};

function isHttpUrl(value: string | null): boolean {
  if (!value?.trim()) return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Why an interested reply may not be answered automatically; empty when it may. */
function autoReplyBlockers(input: DecideReplyInput, latest: string): Reason<DecisionReasonCode>[] {
  const { classification, agent } = input;
  const blockers: Reason<DecisionReasonCode>[] = [];
  if (classification.confidence < agent.confidenceThreshold) {
    blockers.push(reason('below_threshold', { confidence: percent(classification.confidence), threshold: percent(agent.confidenceThreshold) }));
  }
  if (!agent.autoSend) blockers.push(reason('auto_send_off'));
  if (!isHttpUrl(agent.bookingUrl)) blockers.push(reason('no_booking_link'));
  const topic = findTerm(latest, agent.forbiddenTopics);
  if (topic) blockers.push(reason('forbidden_topic', { topic }));
  const links = linksIn(latest);
  if (links.length > 0) blockers.push(reason('link_in_reply', { link: links[0] ?? '' }));
  return blockers;
}

/**
 * What the agent does with a classified reply. Pure: the same reply, settings and `now` always give
 * the same decision. Order matters: a delivery failure or an opt-out is acted on whatever else the
 * reply says (they send nothing); then escalation words and injected instructions send everything
 * else to a person; then each intent has its action.
 */
export function decideReply(input: DecideReplyInput): ReplyDecision {
  const { classification, agent, now } = input;
  const latest = latestReplyText(input.replyText);
  const scanned = `${input.subject ?? ''}\n${latest}`;
  const escalation = findTerm(scanned, escalationTerms(agent.escalationWords));
  const signals = injectionSignals(latest);
  const confident = classification.certain === true || classification.confidence >= agent.confidenceThreshold;
  const lowConfidence = () =>
    reason('below_threshold', { confidence: percent(classification.confidence), threshold: percent(agent.confidenceThreshold) });

  if (classification.intent === 'bounce' && confident) return { action: 'bounce', reasons: [reason('delivery_failure')], escalate: false };
  if (classification.intent === 'unsubscribe' && confident) {
    const reasons = [reason('unsubscribe_requested')];
    if (escalation) reasons.push(reason('escalation_word', { word: escalation }));
    return { action: 'suppress', reasons, escalate: escalation !== null };
  }
  if (escalation) return { action: 'review', reasons: [reason('escalation_word', { word: escalation })], escalate: true };
  const firstSignal = signals[0];
  if (firstSignal) {
    return { action: 'review', reasons: [reason('injection_suspected', { signal: firstSignal.signal, phrase: firstSignal.phrase })], escalate: true };
  }
  // An unsure reading must not trigger an action that runs alone (stop, reschedule, referral…).
  const answeredByPerson = ['interested', 'meeting_request', 'question', 'other'].includes(classification.intent);
  if (!confident && !answeredByPerson) return { action: 'review', reasons: [lowConfidence()], escalate: false };

  switch (classification.intent) {
    case 'interested':
    case 'meeting_request': {
      const blockers = autoReplyBlockers(input, latest);
      if (blockers.length > 0) return { action: 'review', reasons: blockers, escalate: false };
      const params = { intent: classification.intent, confidence: percent(classification.confidence), threshold: percent(agent.confidenceThreshold) };
      return { action: 'auto_reply', reasons: [reason('confident_positive', params)], escalate: false };
    }
    case 'not_interested':
      return { action: 'stop', reasons: [reason('declined')], escalate: false };
    case 'not_now': {
      const found = findReminderDate(latest, now);
      const schedule: Schedule = found
        ? { kind: 'remind', at: found.at, date: found.date, dateFound: true }
        : { kind: 'remind', ...dayAfter(now, DEFAULT_REMINDER_DAYS), dateFound: false };
      const why = found ? reason('reminder_date_found', { date: found.date, phrase: found.phrase }) : reason('reminder_date_default', { date: schedule.date });
      return { action: 'reschedule', schedule, reasons: [why], escalate: false };
    }
    case 'out_of_office': {
      const found = findReturnDate(latest, now);
      // A stale autoresponder names a day already past: the prospect is back, resume now.
      const at = found && found.at > now ? found.at : found ? now : dayAfter(now, DEFAULT_RESUME_DAYS).at;
      const schedule: Schedule = { kind: 'resume_sequence', at, date: at.toISOString().slice(0, 10), dateFound: found !== null };
      const why = found ? reason('return_date_found', { date: schedule.date, phrase: found.phrase }) : reason('return_date_default', { date: schedule.date });
      return { action: 'reschedule', schedule, reasons: [why], escalate: false };
    }
    case 'referral': {
      const referral = findReferralContact(latest, input.knownAddresses ?? []);
      if (!referral) return { action: 'review', reasons: [reason('referral_without_address')], escalate: false };
      return { action: 'create_referral', referral, reasons: [reason('referral_address', { email: referral.email })], escalate: false };
    }
    case 'bounce':
    case 'unsubscribe':
    case 'question':
    case 'other':
      return { action: 'review', reasons: [reason('needs_human', { intent: classification.intent })], escalate: false };
  }
}
