import { EMAIL_PATTERN, foldText, URL_PATTERN } from './reply-text.js';

/**
 * The last check before anything is sent without a person: a draft, from the LLM or a template,
 * may only carry what the agent's settings allow. Pure; a draft with any violation goes to review.
 */
export type DraftPolicy = {
  /** The agent's booking URL; prefilled variants (same host and path, any query) are allowed. */
  bookingUrl: string | null;
  /** Further links the agent may send (host and path prefix). */
  allowedUrls?: readonly string[];
  /** Addresses the draft may name (the sender's own, say). */
  allowedEmails?: readonly string[];
  /** The agent's templates (subjects and bodies): prices and dates they hold may be repeated. */
  templateTexts?: readonly string[];
  maxLength?: number;
};

export const DRAFT_VIOLATION_CODES = [
  'empty',
  'too_long',
  'subject_invalid',
  'link_not_allowed',
  'email_not_allowed',
  'secret',
  'price_not_in_templates',
  'date_not_in_templates',
  'instruction_leak',
  'unrendered_variable',
] as const;
export type DraftViolationCode = (typeof DRAFT_VIOLATION_CODES)[number];
export type DraftViolation = { code: DraftViolationCode; detail: string };
export type DraftCheck = { ok: boolean; violations: DraftViolation[] };

export const DRAFT_MAX_LENGTH = 1200;
const SUBJECT_MAX_LENGTH = 200;

// Bare domains as a model writes them ("see acme.io/pricing"); email addresses are removed first.
const BARE_DOMAIN = /\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|fr|eu|ai|app|dev|me|ly|link|xyz|info|biz|de|uk|us|be|ch|ca|es|it|nl|sh|gg|to)\b(?:\/[^\s)>\]]*)?/gi;

const SECRETS: [string, RegExp][] = [
  ['OpenAI-style key', /\bsk-[A-Za-z0-9_-]{10,}/],
  ['GitHub token', /\b(?:ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{30,}/],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['long hex token', /(?<![A-Za-z0-9])[0-9a-f]{32,}(?![A-Za-z0-9])/i],
  ['long base64 token', /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Za-z])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/],
  ['credential word', /\b(password|passwd|passcode|api[ -]?key|secret key|access token|mot de passe|cle api|cle d'api|identifiants de connexion)\b/i],
];

const LEAKS = /\b(as an ai|as a language model|i am an ai|i'm an ai|an ai assistant|language model|system prompt|my instructions|i was instructed|i have been instructed|openai|chatgpt|en tant qu'ia|modele de langage|prompt systeme|mes instructions|on m'a demande de)\b|<\|[a-z_]+\|>|\[\/?inst\]|(^|\n)\s*(system|assistant)\s*:/i;

const MONEY = [
  /[$€£]\s?\d[\d\s.,]*(?:\s?[km]\b)?/gi,
  /\b\d[\d\s.,]*\s?(?:[km]\s?)?(?:€|\$|£|eur|euros?|usd|dollars?|gbp|chf|ht|ttc)(?![a-z])/gi,
  /\b\d+\s?%\s?(?:off|discount|de remise|de reduction|de rabais)/gi,
];
const DISCOUNT_WORDS = /\b(discount|rabais|remise|reduction|free trial|essai gratuit|gratuit|free of charge|promo code|code promo)\b/gi;

const DATES = [
  /\b\d{1,2}(?:st|nd|rd|th|er)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|fev|avr|mai|juin|juil|aout|sept)[a-z]*\b/gi,
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)?\b/gi,
  /\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b/g,
  /\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b\d{1,2}\s?h\s?\d{0,2}\b|\b\d{1,2}:\d{2}\b/gi,
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/gi,
  /\b(?:tomorrow|tonight|demain|ce soir|next week|next month|la semaine prochaine|le mois prochain)\b/gi,
];

function hostAndPath(link: string): { host: string; path: string } | null {
  try {
    const url = new URL(/^https?:\/\//i.test(link) ? link : `https://${link}`);
    return { host: url.hostname.toLowerCase().replace(/^www\./, ''), path: url.pathname.replace(/\/+$/, '') };
  } catch {
    return null;
  }
}

function linkAllowed(link: string, allowed: readonly string[]): boolean {
  const target = hostAndPath(link.replace(/[.,;:!?]+$/, ''));
  if (!target) return false;
  return allowed.some((entry) => {
    const rule = hostAndPath(entry);
    return rule !== null && rule.host === target.host && (target.path === rule.path || target.path.startsWith(`${rule.path}/`) || rule.path === '');
  });
}

const digitsOf = (text: string) => text.replace(/\D/g, '');
const unique = (values: string[]) => [...new Set(values)];

/** Checks a draft against the agent's allowances. Each kind of violation is listed once per distinct finding. */
export function checkDraft(draft: { subject?: string; body: string }, policy: DraftPolicy): DraftCheck {
  const violations: DraftViolation[] = [];
  const add = (code: DraftViolationCode, detail: string) => violations.push({ code, detail });
  const subject = draft.subject ?? '';
  const text = `${subject}\n${draft.body}`;
  const templates = foldText((policy.templateTexts ?? []).join('\n'));
  const maxLength = policy.maxLength ?? DRAFT_MAX_LENGTH;

  if (!draft.body.trim()) add('empty', 'The draft has no text');
  if (draft.body.length > maxLength) add('too_long', `${draft.body.length} characters, at most ${maxLength}`);
  if (/[\r\n]/.test(subject) || subject.length > SUBJECT_MAX_LENGTH) add('subject_invalid', 'The subject has a line break or is too long');

  const allowedLinks = [...(policy.bookingUrl ? [policy.bookingUrl] : []), ...(policy.allowedUrls ?? [])];
  const links = text.match(URL_PATTERN) ?? [];
  const withoutLinks = text.replace(URL_PATTERN, ' ');
  const bare = withoutLinks.replace(EMAIL_PATTERN, ' ').match(BARE_DOMAIN) ?? [];
  for (const link of unique([...links, ...bare])) if (!linkAllowed(link, allowedLinks)) add('link_not_allowed', link);

  const allowedEmails = new Set((policy.allowedEmails ?? []).map((email) => email.toLowerCase()));
  for (const email of unique(withoutLinks.match(EMAIL_PATTERN) ?? [])) if (!allowedEmails.has(email.toLowerCase())) add('email_not_allowed', email);

  // Links are set aside first: a prefilled booking link holds the prospect's id and email.
  for (const [label, pattern] of SECRETS) if (pattern.test(foldText(withoutLinks)) || pattern.test(withoutLinks)) add('secret', label);

  const foldedText = foldText(withoutLinks);
  const templateAmounts = new Set(MONEY.flatMap((pattern) => templates.match(pattern) ?? []).map(digitsOf));
  for (const amount of unique(MONEY.flatMap((pattern) => foldedText.match(pattern) ?? []).map((found) => found.trim()))) {
    if (!templateAmounts.has(digitsOf(amount))) add('price_not_in_templates', amount);
  }
  for (const word of unique((foldedText.match(DISCOUNT_WORDS) ?? []).map((found) => found.toLowerCase()))) {
    if (!templates.includes(word)) add('price_not_in_templates', word);
  }
  for (const date of unique(DATES.flatMap((pattern) => foldedText.match(pattern) ?? []).map((found) => found.trim().toLowerCase()))) {
    if (!templates.includes(date)) add('date_not_in_templates', date);
  }

  const leak = LEAKS.exec(foldText(text));
  if (leak) add('instruction_leak', leak[0].trim());
  const unrendered = /\{\{[^}]*\}\}|\{\{|\}\}|\{[a-zA-Z]+\}/.exec(text);
  if (unrendered) add('unrendered_variable', unrendered[0]);

  return { ok: violations.length === 0, violations };
}
