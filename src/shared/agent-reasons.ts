/**
 * The codes of the AI agent's reasons (why an intent, why an action): stable names the database,
 * the API and the client's catalogue (src/client/i18n/messages/agentReasons.ts) share. The server's
 * English lines and their params are in src/server/agent/reasons.ts.
 */
export const CLASSIFICATION_REASON_CODES = [
  'delivery_failure_sender',
  'delivery_report_header',
  'delivery_failure_wording',
  'auto_reply_header',
  'auto_reply_wording',
  'unsubscribe_wording',
  'left_company',
  'empty_reply',
  'no_known_words',
  'model',
  'model_with_cue',
] as const;
export type ClassificationReasonCode = (typeof CLASSIFICATION_REASON_CODES)[number];

export const DECISION_REASON_CODES = [
  'confident_positive',
  'below_threshold',
  'auto_send_off',
  'no_booking_link',
  'escalation_word',
  'forbidden_topic',
  'link_in_reply',
  'injection_suspected',
  'unsubscribe_requested',
  'declined',
  'delivery_failure',
  'reminder_date_found',
  'reminder_date_default',
  'reminder_due',
  'return_date_found',
  'return_date_default',
  'referral_address',
  'referral_without_address',
  'needs_human',
  'draft_rejected',
  'not_certain_offline',
  'model_unavailable',
] as const;
export type DecisionReasonCode = (typeof DECISION_REASON_CODES)[number];
