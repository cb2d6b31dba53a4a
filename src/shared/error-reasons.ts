/**
 * Every reason the API gives for refusing a request, with the names of the params it carries.
 * The server throws `AppError` with one of these (a typo or a missing param fails the type check);
 * the envelope sends it as `error.reason` beside the English `message`; the client shows its own
 * sentence for it (src/client/i18n/messages/errors.ts), in the user's language. A reason is a
 * contract: rename one only with the client catalogue, and never reuse one for another meaning.
 */
export const ERROR_REASONS = {
  // Requests and input as a whole
  'input.invalid': [],
  'request.failed': [],
  'request.cross_origin': [],
  'request.malformed_url': [],
  'request.unknown_endpoint': ['method', 'path'],
  'request.method_not_allowed': ['method'],
  'request.too_large': ['limitKib'],
  'request.media_type': ['type'],
  'request.invalid_json': [],
  'request.not_object': [],
  'request.too_deep': ['maxDepth'],
  // Inbound provider webhooks (Cal.com, Calendly, Instantly)
  'webhook.unknown': [],
  'webhook.unauthorized': [],
  'webhook.invalid_payload': [],
  'instantly.campaign_has_scheduled_mail': [],
  'server.internal': [],
  'list.invalid_cursor': [],

  // Sign-in, sessions, accounts
  'auth.sign_in_required': [],
  'auth.session_expired': [],
  'auth.token_invalid': [],
  'auth.admin_only': [],
  'auth.invalid_credentials': [],
  'auth.too_many_attempts': ['minutes'],
  'auth.sign_in_delayed': ['seconds'],
  'auth.too_many_sign_ups': ['minutes'],
  'auth.email_taken': [],
  'auth.no_workspace': [],
  'auth.not_a_member': [],
  'auth.token_one_workspace': [],
  'auth.password_in_app': [],
  'auth.wrong_current_password': [],
  'auth.reset_link_invalid': [],
  'auth.too_many_reset_requests': ['minutes'],
  'account.not_found': [],
  'workspace.not_found': [],
  'member.not_found': [],
  'member.last_admin_demote': [],
  'member.last_admin_remove': [],
  'api_token.limit': ['max'],
  'api_token.not_found': [],

  // Invitations
  'invitation.not_found': [],
  'invitation.not_pending': [],
  'invitation.expired': [],
  'invitation.used': [],
  'invitation.revoked': [],
  'invitation.account_needed': [],
  'invitation.account_exists': [],
  'invitation.other_email': ['email'],
  'invitation.already_member': [],

  // Campaigns
  'campaign.not_found': [],
  'campaign.archived_readonly': [],
  'campaign.pause_before_delete': [],
  'campaign.not_archived': [],
  'campaign.archived_final': [],
  'campaign.pause_before_archive': [],
  'campaign.launched_no_draft': [],
  'campaign.paused_no_draft': [],
  'campaign.completed_no_resume': [],
  'campaign.completed_no_draft': [],
  'campaign.draft_no_pause': [],
  'campaign.draft_no_complete': [],
  'campaign.transition': ['from', 'to'],
  'campaign.preflight_failed': ['unmet'],
  'sequence.campaign_completed': [],
  'sequence.step_not_found': ['step'],
  'sequence.variant_not_found': ['step', 'variant'],
  'sequence.test_no_mailbox': [],
  'sequence.test_no_postal_address': [],
  'sequence.test_held': ['problem'],
  'sequence.test_failed': ['error'],
  'enrollment.already_enrolled': ['campaignName'],
  'scrape.already_running': [],
  'scrape.no_agent': [],
  'scrape.no_search': [],
  'scrape.no_key': [],
  'scrape.run_not_found': [],
  'message.not_found': [],
  'message.not_resolvable': ['state'],
  'suppression.not_found': [],
  'suppression.csv_unreadable': [],

  // Prospects and imports
  'prospect.not_found': [],
  'prospect.duplicate_email': ['email'],
  'prospect.duplicate_linkedin': ['linkedinUrl'],
  'prospect.needs_contact': [],
  'prospect.excluded_domain': ['domain'],
  'prospect.excluded_company': ['company'],
  'prospect.bulk_count_changed': ['expected', 'actual'],
  'import.not_found': [],
  'import.id_taken': [],
  'import.file_empty': [],
  'import.no_header': [],
  'import.too_many_columns': ['columns', 'max'],
  'import.mapping_length': ['mappingColumns', 'fileColumns'],
  'import.mapping_contact': [],
  'import.too_many_custom': ['max'],

  // Agents
  'agent.not_found': [],
  'agent.no_default': [],
  'agent.limit': ['max'],
  'agent.default_required': [],
  'agent.default_undeletable': [],

  // Replies, the AI agent's decisions and the review queue
  'inbound_webhook.bad_signature': ['problem'],
  'inbound_webhook.invalid_body': [],
  // Registering our webhook with Calendly through its API
  'calendly.token_refused': [],
  'calendly.paid_plan_required': [],
  'calendly.request_failed': ['detail'],
  'calendly.subscription_conflict': [],
  'reply.not_simulable': [],
  'decision.not_found': [],
  'decision.not_cancellable': ['status'],
  'reminder.not_found': [],
  'reminder.not_changeable': ['status'],
  'reminder.date_past': [],
  'review.not_found': [],
  'review.already_resolved': ['status'],
  'review.no_draft': [],
  'review.send_refused': ['why'],
  // The inbox (hand-written answers)
  'inbox.message_not_found': [],
  'inbox.nothing_to_answer': [],
  'inbox.nothing_to_mark': [],
  'inbox.reply_refused': ['why'],
  'inbox.suppressed': [],
  'inbox.no_mailbox': [],

  // Mailboxes and domains
  'mailbox.not_found': [],
  'mailbox.address_taken': ['email'],
  'mailbox.warmup_above_limit': ['dailyLimit'],
  'mailbox.password_required': [],
  'mailbox.sandbox_locked': [],
  'mailbox.sandbox_undeletable': [],
  'mailbox.sandbox_no_imap': [],
  'mailbox.no_smtp': [],
  'mailbox.imap_missing': [],
  'mailbox.in_use': ['campaigns'],
  'mailbox.smtp_password_unreadable': [],
  'mailbox.imap_password_unreadable': [],
  'domain.not_found': [],
  'domain.dkim_key_unreadable': [],

  // Third-party credentials
  'credential.not_saved': ['service'],
  'credential.unreadable': ['service'],
} as const satisfies Record<string, readonly string[]>;

export type ErrorReason = keyof typeof ERROR_REASONS;

/** What a reason or an issue rule may carry: shown in a sentence, so text, numbers or lists of them. */
export type ParamValue = string | number | boolean | null | (string | number)[];
export type ErrorParams = Record<string, ParamValue>;

export type ReasonParams<R extends ErrorReason> = Record<(typeof ERROR_REASONS)[R][number], string | number>;

/** `{reason}` alone for a reason without params, `{reason, params}` with exactly its params otherwise. */
export type ReasonWithParams = {
  [R in ErrorReason]: (typeof ERROR_REASONS)[R] extends readonly [] ? { reason: R; params?: undefined } : { reason: R; params: ReasonParams<R> };
}[ErrorReason];

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && Object.hasOwn(ERROR_REASONS, value);
}

/** One refused field as the API sends it: zod's issue code (or `custom`) and its params beside the English message. */
export type WireIssue = { path: (string | number)[]; message: string; code: string; params?: ErrorParams };

/**
 * Why one CSV row was not imported (the import report's `errors[].code`); `row.invalid` carries the
 * refused fields as `params.issues`, each one like an API issue (`path: ['email']`, zod code, params).
 */
export const IMPORT_ROW_CODES = ['row.unreadable', 'row.shifted', 'row.no_contact', 'row.invalid', 'row.empty', 'row.excluded_domain', 'row.excluded_company'] as const;
export type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];
