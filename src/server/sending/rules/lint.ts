import { SPAM_PHRASES, type SpamLanguage } from './spam-words.js';
import { longestRenderLength, parseTemplate, templateLiteralText, templateVariables, type ParsedTemplate, type TemplateIssueCode } from './template.js';
import { findVariable } from './template-variables.js';
import type { BodyFormat } from './render-message.js';

/**
 * Checks run by the sequence editor before save. Nothing here blocks a save; severity says what
 * follows at send time: `error` = every (or many) prospect(s) will be held, `warning` = it sends
 * but hurts deliverability or reads badly. The UI translates `code` + `params`.
 */

export const SUBJECT_MAX_LENGTH = 60;
export const MAX_LINKS = 2;

export type LintField = 'subject' | 'body';
export type LintSeverity = 'error' | 'warning';

export type LintWarning =
  | { code: 'template_syntax'; severity: 'error'; field: LintField; params: { issue: TemplateIssueCode; offset: number; excerpt: string } }
  | { code: 'unknown_variable'; severity: LintSeverity; field: LintField; params: { variable: string; hasFallback: boolean } }
  | { code: 'variable_may_be_missing'; severity: 'warning'; field: LintField; params: { variable: string; prospects: number } }
  | { code: 'empty_subject_first_step'; severity: 'error'; field: 'subject'; params: Record<string, never> }
  | { code: 'empty_body'; severity: 'error'; field: 'body'; params: Record<string, never> }
  | { code: 'too_many_links'; severity: 'warning'; field: 'body'; params: { count: number; max: number } }
  | { code: 'subject_too_long'; severity: 'warning'; field: 'subject'; params: { length: number; max: number } }
  | { code: 'subject_all_caps'; severity: 'warning'; field: 'subject'; params: Record<string, never> }
  | { code: 'caps_words'; severity: 'warning'; field: LintField; params: { words: string[] } }
  | { code: 'spam_words'; severity: 'warning'; field: LintField; params: { words: string[]; languages: SpamLanguage[] } }
  | { code: 'excessive_punctuation'; severity: 'warning'; field: LintField; params: { sequences: string[] } };

export type LintCode = LintWarning['code'];

export const LINT_CODES = [
  'template_syntax',
  'unknown_variable',
  'variable_may_be_missing',
  'empty_subject_first_step',
  'empty_body',
  'too_many_links',
  'subject_too_long',
  'subject_all_caps',
  'caps_words',
  'spam_words',
  'excessive_punctuation',
] as const satisfies readonly LintCode[];

export type LintInput = {
  /** 0 = the first email of the sequence (its subject cannot be empty). */
  stepIndex: number;
  subject: string;
  body: string;
  bodyFormat: BodyFormat;
  /** Custom field keys the campaign's prospects carry (`custom.*` outside them are unknown). */
  customFieldKeys: readonly string[];
  /** Optional: per variable path as written, how many prospects have no value (`countMissingValues`). */
  missing?: Readonly<Record<string, number>>;
  maxLinks?: number;
  subjectMaxLength?: number;
};

/** Four-letter-or-longer upper-case words that are ordinary in B2B mail, not shouting. */
const ACRONYMS = new Set(['HTML', 'HTTP', 'HTTPS', 'JSON', 'GDPR', 'RGPD', 'CNIL', 'NASA', 'SIRET', 'SIREN', 'URSSAF', 'HIPAA', 'SMTP', 'IMAP', 'CSRD', 'OKRS', 'KPIS', 'SAAS', 'NATO', 'UNESCO']);
const CAPS_WORD_MIN_LETTERS = 4;
const ALL_CAPS_MIN_LETTERS = 6;
const ALL_CAPS_RATIO = 0.8;

export function lintStep(input: LintInput): LintWarning[] {
  const subject = parseTemplate(input.subject);
  const body = parseTemplate(input.body);
  const warnings: LintWarning[] = [
    ...syntaxWarnings(subject, 'subject'),
    ...syntaxWarnings(body, 'body'),
    ...variableWarnings(subject, 'subject', input),
    ...variableWarnings(body, 'body', input),
  ];
  const subjectText = templateLiteralText(subject);
  const bodyText = templateLiteralText(body);

  if (input.stepIndex === 0 && input.subject.trim() === '') warnings.push({ code: 'empty_subject_first_step', severity: 'error', field: 'subject', params: {} });
  if (input.body.trim() === '') warnings.push({ code: 'empty_body', severity: 'error', field: 'body', params: {} });

  const links = countLinks(input.body, input.bodyFormat);
  const maxLinks = input.maxLinks ?? MAX_LINKS;
  if (links > maxLinks) warnings.push({ code: 'too_many_links', severity: 'warning', field: 'body', params: { count: links, max: maxLinks } });

  const maxLength = input.subjectMaxLength ?? SUBJECT_MAX_LENGTH;
  const length = longestRenderLength(subject, (path, fallback) => findVariable(path, input.customFieldKeys)?.example?.length ?? fallback?.length ?? 10);
  if (length > maxLength) warnings.push({ code: 'subject_too_long', severity: 'warning', field: 'subject', params: { length, max: maxLength } });

  if (isAllCaps(subjectText)) warnings.push({ code: 'subject_all_caps', severity: 'warning', field: 'subject', params: {} });
  else warnings.push(...capsWordWarning(subjectText, 'subject'));
  warnings.push(...capsWordWarning(input.bodyFormat === 'html' ? stripTags(bodyText) : bodyText, 'body'));

  warnings.push(...spamWarning(subjectText, 'subject'), ...spamWarning(input.bodyFormat === 'html' ? stripTags(bodyText) : bodyText, 'body'));
  warnings.push(...punctuationWarning(subjectText, 'subject', 1), ...punctuationWarning(bodyText, 'body', Number.POSITIVE_INFINITY));

  return warnings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

/** The variable paths a step uses (subject and body, each once): feed them to `countMissingValues` for `missing`. */
export function stepVariablePaths(content: { subject: string; body: string }): string[] {
  const paths = [...templateVariables(parseTemplate(content.subject)), ...templateVariables(parseTemplate(content.body))].map((reference) => reference.path);
  return [...new Set(paths)];
}

function severityRank(severity: LintSeverity): number {
  return severity === 'error' ? 0 : 1;
}

function syntaxWarnings(parsed: ParsedTemplate, field: LintField): LintWarning[] {
  return parsed.issues.map((issue) => ({ code: 'template_syntax', severity: 'error', field, params: { issue: issue.code, offset: issue.offset, excerpt: issue.excerpt } }));
}

function variableWarnings(parsed: ParsedTemplate, field: LintField, input: LintInput): LintWarning[] {
  const warnings: LintWarning[] = [];
  const seen = new Set<string>();
  for (const { path, fallback } of templateVariables(parsed)) {
    const key = `${path}|${fallback === null}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const definition = findVariable(path, input.customFieldKeys);
    if (!definition) {
      // With a fallback it always renders the fallback (likely a typo); without one, every prospect is held.
      warnings.push({ code: 'unknown_variable', severity: fallback === null ? 'error' : 'warning', field, params: { variable: path, hasFallback: fallback !== null } });
      continue;
    }
    const missing = input.missing?.[path] ?? 0;
    if (fallback === null && !definition.emptyAllowed && missing > 0) {
      warnings.push({ code: 'variable_may_be_missing', severity: 'warning', field, params: { variable: path, prospects: missing } });
    }
  }
  return warnings;
}

export function countLinks(body: string, format: BodyFormat): number {
  if (format === 'html') return (body.match(/<a\b[^>]*\bhref\s*=/gi) ?? []).length;
  return (body.match(/\b(?:https?:\/\/|www\.)[^\s<>"']+/gi) ?? []).length;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ');
}

function letters(text: string): string[] {
  return text.match(/\p{L}/gu) ?? [];
}

function isAllCaps(text: string): boolean {
  const all = letters(text);
  if (all.length < ALL_CAPS_MIN_LETTERS) return false;
  const upper = all.filter((letter) => letter !== letter.toLowerCase()).length;
  return upper / all.length >= ALL_CAPS_RATIO;
}

function capsWordWarning(text: string, field: LintField): LintWarning[] {
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => /^\p{Lu}+$/u.test(word) && word.length >= CAPS_WORD_MIN_LETTERS && !ACRONYMS.has(word),
  );
  return words.length ? [{ code: 'caps_words', severity: 'warning', field, params: { words: [...new Set(words)] } }] : [];
}

/** Lower case, accents dropped, typographic apostrophes straightened: what spam phrases match on. */
function normaliseForMatching(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[’‘`]/g, "'");
}

const SPAM_MATCHERS: { phrase: string; language: SpamLanguage; pattern: RegExp }[] = (Object.keys(SPAM_PHRASES) as SpamLanguage[]).flatMap((language) =>
  SPAM_PHRASES[language].map((phrase) => {
    const body = normaliseForMatching(phrase)
      .split(/\s+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    return { phrase, language, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u') };
  }),
);

function spamWarning(text: string, field: LintField): LintWarning[] {
  const normalised = normaliseForMatching(text);
  const hits = SPAM_MATCHERS.filter((matcher) => matcher.pattern.test(normalised));
  if (!hits.length) return [];
  const words = [...new Set(hits.map((hit) => hit.phrase))];
  const languages = [...new Set(hits.map((hit) => hit.language))].sort();
  return [{ code: 'spam_words', severity: 'warning', field, params: { words, languages } }];
}

function punctuationWarning(text: string, field: LintField, maxExclamations: number): LintWarning[] {
  const sequences = [...new Set(text.match(/[!?]{2,}|[$€£]{2,}/g) ?? [])];
  const exclamations = (text.match(/!/g) ?? []).length;
  if (!sequences.length && exclamations <= maxExclamations) return [];
  return [{ code: 'excessive_punctuation', severity: 'warning', field, params: { sequences: sequences.length ? sequences : ['!'.repeat(exclamations)] } }];
}
