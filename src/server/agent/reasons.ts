/**
 * Stable reason codes for classifications and decisions. The code and its params are what the
 * database, the API and the UI (which translates them) rely on; `text` is the English one-liner for
 * logs, the activity stream fallback and the playground.
 */
import { CLASSIFICATION_REASON_CODES, DECISION_REASON_CODES, type ClassificationReasonCode, type DecisionReasonCode } from '../../shared/agent-reasons.js';

export { CLASSIFICATION_REASON_CODES, DECISION_REASON_CODES, type ClassificationReasonCode, type DecisionReasonCode };

export type ReasonParams = Readonly<Record<string, string>>;
export type Reason<C extends string> = { code: C; params: ReasonParams; text: string };

const CLASSIFICATION_TEXT: Record<ClassificationReasonCode, (p: ReasonParams) => string> = {
  delivery_failure_sender: (p) => `Delivery failure report from ${p.from ?? 'a mail server'}`,
  delivery_report_header: (p) => `Delivery status report (${p.header ?? 'multipart/report'})`,
  delivery_failure_wording: (p) => `Delivery failure wording: "${p.phrase ?? ''}"`,
  auto_reply_header: (p) => `Automatic reply header ${p.header ?? ''}`.trim(),
  auto_reply_wording: (p) => `Automatic reply wording: "${p.phrase ?? ''}"`,
  unsubscribe_wording: (p) => `Asks to be removed: "${p.phrase ?? ''}"`,
  left_company: (p) => (p.email ? `No longer at the company; points to ${p.email}` : `No longer at the company: "${p.phrase ?? ''}"`),
  empty_reply: () => 'Nothing written besides quoted text or a signature',
  no_known_words: () => 'No word the offline model knows: a person should read it',
  model: (p) => `Reads like ${p.intent ?? 'other'} replies${p.cues ? ` (${p.cues})` : ''}`,
  model_with_cue: (p) => `Reads like ${p.intent ?? 'other'} replies: "${p.phrase ?? ''}"${p.cues ? ` (${p.cues})` : ''}`,
};

const DECISION_TEXT: Record<DecisionReasonCode, (p: ReasonParams) => string> = {
  confident_positive: (p) => `${p.intent ?? 'Positive'} at ${p.confidence ?? '?'} ≥ threshold ${p.threshold ?? '?'}: answer with the booking link`,
  below_threshold: (p) => `Confidence ${p.confidence ?? '?'} is below the agent's threshold ${p.threshold ?? '?'}`,
  auto_send_off: () => 'Automatic sending is off for this agent',
  no_booking_link: () => 'The agent has no booking link to offer',
  escalation_word: (p) => `Escalation word "${p.word ?? ''}": a person must handle this reply`,
  forbidden_topic: (p) => `Mentions the forbidden topic "${p.topic ?? ''}"`,
  link_in_reply: (p) => `The reply contains a link (${p.link ?? ''}): a person should look before answering`,
  injection_suspected: (p) => `The reply contains instructions aimed at the agent (${p.signal ?? 'suspicious content'})`,
  unsubscribe_requested: () => 'Opt-out: suppress the address and never answer',
  declined: () => 'Declined: stop the sequence without answering',
  delivery_failure: () => 'Delivery failure: hand to the bounce handler',
  reminder_date_found: (p) => `Asked to be contacted later ("${p.phrase ?? ''}"): reminder on ${p.date ?? '?'}`,
  reminder_date_default: (p) => `Asked to be contacted later, no date given: reminder on ${p.date ?? '?'}`,
  reminder_due: (p) => `Reminder due: the prospect asked to be contacted again around ${p.date ?? '?'}`,
  return_date_found: (p) => `Away until "${p.phrase ?? ''}": sequence resumes on ${p.date ?? '?'}`,
  return_date_default: (p) => `Away, no return date found: sequence resumes on ${p.date ?? '?'}`,
  referral_address: (p) => `Points to ${p.email ?? 'someone else'}: create them as a prospect`,
  referral_without_address: () => 'Points to someone else without an address: a person must follow up',
  needs_human: (p) => `${p.intent ?? 'This reply'} needs a person to answer`,
  draft_rejected: (p) => `The draft failed the safety check (${p.violations ?? ''}): a person must approve it`,
  not_certain_offline: (p) => `No AI model is configured and the offline reading (${p.intent ?? '?'}) is not certain: a person decides`,
  model_unavailable: (p) => `The AI model could not be used (${p.error ?? 'error'}): the offline reading was kept and a person decides`,
};

export function classificationReason(code: ClassificationReasonCode, params: ReasonParams = {}): Reason<ClassificationReasonCode> {
  return { code, params, text: CLASSIFICATION_TEXT[code](params) };
}

export function decisionReason(code: DecisionReasonCode, params: ReasonParams = {}): Reason<DecisionReasonCode> {
  return { code, params, text: DECISION_TEXT[code](params) };
}
