import { TRPCClientError } from '@trpc/react-query';
import { isErrorReason, type ErrorParams, type ErrorReason, type WireIssue } from '../../shared/error-reasons.js';
import { isIssueRule } from '../../shared/issue-rules.js';
import type { MessageKey, PluralKey, Translator } from '../i18n/index.js';
import { errorFields } from '../i18n/messages/errors.js';

/**
 * An API error as a sentence in the user's language. The server sends a stable `reason` (and its
 * params) and, per refused field, zod's issue code or a custom `rule`; this words them, naming each
 * field by the label the form showed for it. The server's English `message` is the last resort,
 * for a reason this client does not know yet.
 *
 * Labels are keyed by issue path: exact (`templates.0.subject`), with `*` for list indexes
 * (`templates.*.subject`), or by the field's own name (`subject`). A field no form labelled gets a
 * generic label from its name (messages/errors.ts), else its name made readable.
 */
export type FieldLabels = Readonly<Record<string, string>>;

type Envelope = { reason?: unknown; params?: ErrorParams; issues?: WireIssue[] };

/** A refused REST call (`fetch` to /api: uploads, downloads), carrying the `{error}` envelope when there was one. */
export class RestError extends Error {
  override name = 'RestError';
  constructor(
    readonly status: number,
    readonly envelope: (Envelope & { message?: string }) | null,
  ) {
    super(envelope?.message ?? `HTTP ${status}`);
  }
}

/** The RestError for a failed response, whatever its body. */
export async function restErrorOf(response: Response): Promise<RestError> {
  const body = (await response.json().catch(() => null)) as { error?: Envelope & { message?: string } } | null;
  return new RestError(response.status, body?.error ?? null);
}

/** What the server said, or null when it said nothing (a network failure). */
function envelopeOf(error: unknown): (Envelope & { message: string }) | null {
  if (error instanceof RestError) return error.envelope ? { ...error.envelope, message: error.envelope.message ?? '' } : null;
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as Envelope | null | undefined;
  return data ? { ...data, message: error.message } : null;
}

/** Params as they read in a sentence: numbers in the language's format, lists joined. */
function formatParams(i18n: Translator, params: ErrorParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'number') out[name] = i18n.formatNumber(value);
    else if (Array.isArray(value)) out[name] = value.map((item) => (typeof item === 'number' ? i18n.formatNumber(item) : item)).join(', ');
    else out[name] = value === null ? '' : String(value);
  }
  return out;
}

/** `linkedinUrl` → "Linkedin url": readable, if not pretty, for a field nobody labelled. */
function readableName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(i18n: Translator, path: (string | number)[], labels: FieldLabels = {}): string {
  const exact = labels[path.join('.')] ?? labels[path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.')];
  if (exact) return exact;
  // Custom fields are named by their key (a CSV column's header).
  if (path[0] === 'customFields' && typeof path[1] === 'string') return i18n.t('error.field.column', { name: path[1] });
  const name = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  if (name === undefined) return i18n.t('error.field.default');
  if (labels[name]) return labels[name];
  const generic = `error.field.${name}`;
  return Object.hasOwn(errorFields.en, generic) ? i18n.t(generic as MessageKey) : readableName(name);
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** too_small / too_big, by what was measured: characters, items, a number or a date. */
function sizeText(i18n: Translator, direction: 'too_small' | 'too_big', params: ErrorParams, field: string): string {
  const limit = num(direction === 'too_small' ? params.minimum : params.maximum);
  const origin = params.origin;
  if (limit === null) return i18n.t(direction === 'too_small' ? 'error.issue.too_small' : 'error.issue.too_big', { field });
  if (origin === 'string') {
    if (params.exact === true) return i18n.tp('error.issue.exact.string', limit, { field });
    // "at least 1 character" is how zod says "required" (`.min(1)` on trimmed text).
    if (direction === 'too_small' && limit <= 1) return i18n.t('error.issue.required', { field });
    return i18n.tp(`error.issue.${direction}.string` as PluralKey, limit, { field });
  }
  if (origin === 'array' || origin === 'set') return i18n.tp(`error.issue.${direction}.array` as PluralKey, limit, { field });
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    const key = `error.issue.${direction}.number${params.inclusive === false ? '.exclusive' : ''}` as MessageKey;
    return i18n.t(key, { field, limit: i18n.formatNumber(limit) });
  }
  if (origin === 'date') return i18n.t(`error.issue.${direction}.date`, { field, limit: i18n.formatDate(new Date(limit), { dateStyle: 'medium' }) });
  return i18n.t(direction === 'too_small' ? 'error.issue.too_small' : 'error.issue.too_big', { field });
}

const FORMATS = new Set(['email', 'url', 'uuid', 'datetime', 'date']);
const TYPES = new Set(['string', 'number', 'int', 'boolean', 'array']);

/** One refused field: "<label> <rule>" in the user's language. */
export function describeIssue(i18n: Translator, issue: WireIssue, labels?: FieldLabels): string {
  const field = fieldLabel(i18n, issue.path, labels);
  const params = issue.params ?? {};
  switch (issue.code) {
    case 'custom':
      return isIssueRule(params.rule) ? i18n.t(`error.rule.${params.rule}`, { ...formatParams(i18n, params), field }) : i18n.t('error.issue.invalid', { field });
    case 'too_small':
    case 'too_big':
      return sizeText(i18n, issue.code, params, field);
    case 'invalid_format':
      return typeof params.format === 'string' && FORMATS.has(params.format)
        ? i18n.t(`error.issue.invalid_format.${params.format}` as MessageKey, { field })
        : i18n.t('error.issue.invalid_format', { field });
    case 'invalid_type':
      if (params.received === 'undefined') return i18n.t('error.issue.required', { field });
      return typeof params.expected === 'string' && TYPES.has(params.expected)
        ? i18n.t(`error.issue.invalid_type.${params.expected}` as MessageKey, { field })
        : i18n.t('error.issue.invalid_type', { field });
    case 'invalid_value':
      return i18n.t('error.issue.invalid_value', { field, values: formatParams(i18n, { values: params.values ?? [] }).values ?? '' });
    case 'unrecognized_keys':
      return i18n.t('error.issue.unrecognized_keys', { field, keys: formatParams(i18n, { keys: params.keys ?? [] }).keys ?? '' });
    case 'not_multiple_of':
      return i18n.t('error.issue.not_multiple_of', { field, divisor: formatParams(i18n, { divisor: params.divisor ?? '' }).divisor ?? '' });
    default:
      return i18n.t('error.issue.invalid', { field });
  }
}

export function describeReason(i18n: Translator, reason: ErrorReason, params?: ErrorParams): string {
  return i18n.t(`error.reason.${reason}`, formatParams(i18n, params));
}

/** Several sentences in one line, with the language's spacing (French puts a space before ";"). */
function joinSentences(i18n: Translator, texts: string[]): string {
  return [...new Set(texts)].join(i18n.language === 'fr' ? ' ; ' : '; ');
}

/**
 * One sentence for a toast or an alert. `fallback` (already in the user's language, and saying
 * what failed) stands for a network failure and for internal errors, which say nothing more useful.
 */
export function describeError(i18n: Translator, error: unknown, fallback: string, labels?: FieldLabels): string {
  const envelope = envelopeOf(error);
  if (!envelope) return fallback;
  const { reason, params, issues = [] } = envelope;
  if (reason === 'server.internal' || reason === 'request.failed') return fallback;
  if (isErrorReason(reason) && reason !== 'input.invalid') return describeReason(i18n, reason, params);
  if (issues.length) return joinSentences(i18n, issues.map((issue) => describeIssue(i18n, issue, labels)));
  if (isErrorReason(reason)) return describeReason(i18n, reason, params);
  return envelope.message || fallback;
}

/** Inline messages, keyed by the issue path (`templates.0.subject`); the first issue of a field wins. */
export function fieldErrorTexts(i18n: Translator, error: unknown, labels?: FieldLabels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of envelopeOf(error)?.issues ?? []) out[issue.path.join('.')] ??= describeIssue(i18n, issue, labels);
  return out;
}

/** The same keyed by the top-level field (`sendDays.0` → `sendDays`), for forms with one message per field or list. */
export function topLevelFieldErrorTexts(i18n: Translator, error: unknown, labels?: FieldLabels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of envelopeOf(error)?.issues ?? []) out[String(issue.path[0] ?? '')] ??= describeIssue(i18n, issue, labels);
  return out;
}

export type ImportRowErrorView = { message: string; code?: string; params?: Record<string, unknown> };

function isWireIssue(value: unknown): value is WireIssue {
  return typeof value === 'object' && value !== null && Array.isArray((value as WireIssue).path) && typeof (value as WireIssue).code === 'string';
}

/** Why a CSV row was not imported; rows reported before codes existed keep their English message. */
export function describeImportRow(i18n: Translator, row: ImportRowErrorView, labels?: FieldLabels): string {
  const params = row.params ?? {};
  const count = (name: string) => i18n.formatNumber(num(params[name]) ?? 0);
  switch (row.code) {
    case 'row.invalid': {
      const issues = Array.isArray(params.issues) ? params.issues.filter(isWireIssue) : [];
      return issues.length ? joinSentences(i18n, issues.map((issue) => describeIssue(i18n, issue, labels))) : row.message;
    }
    case 'row.shifted':
      return i18n.t('error.row.shifted', { values: count('values'), columns: count('columns') });
    case 'row.no_contact':
      return i18n.t('error.row.no_contact');
    case 'row.unreadable':
      return i18n.t('error.row.unreadable');
    case 'row.empty':
      return i18n.t('error.row.empty');
    case 'row.excluded_domain':
      return i18n.t('error.row.excluded_domain', { domain: typeof params.domain === 'string' ? params.domain : '' });
    case 'row.excluded_company':
      return i18n.t('error.row.excluded_company', { company: typeof params.company === 'string' ? params.company : '' });
    default:
      return row.message;
  }
}
