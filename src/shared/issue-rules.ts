/**
 * Field rules that zod's own issue codes (too_small, invalid_format…) cannot say: a refinement or a
 * service check refuses a field with `code: 'custom'` and `params: {rule, …}`, and the client words
 * the rule in the user's language, naming the field by its label (src/client/i18n/messages/errors.ts).
 * Each rule lists the params its sentence uses.
 */
export const ISSUE_RULES = {
  required: [],
  'text.nul': [],
  'text.line_break': [],
  'text.control': [],
  'text.surrogate': [],
  'key.reserved': ['key'],
  'password.common': [],
  'password.variety': ['minimum'],
  'password.current_wrong': [],
  'email.invalid': [],
  'linkedin.invalid': [],
  'linkedin.search_url': [],
  'domain.invalid': [],
  'domain.invalid_item': ['value'],
  'timezone.invalid': [],
  'url.invalid': [],
  'url.http': [],
  'url.private': ['host'],
  'url.credentials': [],
  'host.invalid': [],
  'host.private': ['host'],
  'template.unknown_variables': ['variables', 'allowed'],
  'template.unbalanced': ['allowed'],
  'list.duplicates': [],
  'record.too_many': ['max'],
  'range.end_before_start': [],
  'window.end_before_start': [],
  'prospect.needs_contact': [],
  'prospect.duplicate': [],
  'prospect.excluded': [],
  'bulk.ids_or_filter': [],
  'credential.unknown_field': ['service'],
  'credential.top_level': ['name'],
  'mailbox.address_taken': [],
  'mailbox.warmup_above_limit': ['dailyLimit'],
  'mailbox.sandbox_locked': [],
  'mailbox.imap_missing': [],
  'agent.unknown': [],
  'mailbox.unknown': [],
  'campaign.unknown': [],
  'campaign.archived': [],
  'cursor.invalid': [],
  'file.empty': [],
  'import.mapping': [],
  'preflight.no_steps': [],
  'preflight.no_eligible_prospects': [],
  'preflight.no_healthy_mailbox': [],
  'preflight.no_postal_address': [],
} as const satisfies Record<string, readonly string[]>;

export type IssueRule = keyof typeof ISSUE_RULES;

type RuleParams<R extends IssueRule> = Record<(typeof ISSUE_RULES)[R][number], string | number>;

/** The `params` of a custom issue: the rule, and exactly the params its sentence names. */
export type RuleWithParams = {
  [R in IssueRule]: (typeof ISSUE_RULES)[R] extends readonly [] ? { rule: R } : { rule: R } & RuleParams<R>;
}[IssueRule];

/** The rules whose sentence needs no params: named by their key alone. */
export type RuleWithoutParams = { [R in IssueRule]: (typeof ISSUE_RULES)[R] extends readonly [] ? R : never }[IssueRule];
/** The `params` of a custom issue as sent. */
export type RefusalParams = RuleWithParams | { rule: RuleWithoutParams };

export function isIssueRule(value: unknown): value is IssueRule {
  return typeof value === 'string' && Object.hasOwn(ISSUE_RULES, value);
}

/**
 * Options for zod's `.refine(check, refused('password.common', 'Password is too common'))`, or
 * `refused({rule: 'password.variety', minimum: 4}, …)` for a rule with params: the English message
 * for API users, the rule for the UI.
 */
export function refused(rule: RuleWithoutParams | RuleWithParams, message: string): { message: string; params: RefusalParams } {
  return { message, params: typeof rule === 'string' ? { rule } : rule };
}
