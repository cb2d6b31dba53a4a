import { $ZodError, type $ZodIssue } from 'zod/v4/core';
import type { ErrorParams, ErrorReason, ParamValue } from '../shared/error-reasons.js';
import { AppError, type ErrorIssue } from './errors.js';

/**
 * The error body both transports answer with (tRPC's `error.data`, REST's `{error}`): the tRPC-style
 * `code`, an English `message` for API users, and for the UI a stable `reason` with its `params`
 * and, per refused field, the issue `code` and `params` (zod's, or a custom `rule`).
 */
export type ErrorEnvelope = { code: string; message: string; reason: ErrorReason; params?: ErrorParams; issues?: ErrorIssue[] };

const INTERNAL_MESSAGE = 'Something went wrong on our side';

function isParamValue(value: unknown): value is ParamValue {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  return Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number');
}

/** What a sentence about the issue needs; never the input itself, nor a regex pattern. */
function paramsOf(issue: $ZodIssue): ErrorParams | undefined {
  switch (issue.code) {
    case 'too_small':
      return { origin: issue.origin, minimum: Number(issue.minimum), inclusive: issue.inclusive ?? true, exact: issue.exact ?? false };
    case 'too_big':
      return { origin: issue.origin, maximum: Number(issue.maximum), inclusive: issue.inclusive ?? true, exact: issue.exact ?? false };
    case 'invalid_format':
      return { format: issue.format };
    case 'invalid_type':
      // zod keeps the input only when asked to; its English message still says what it received.
      return { expected: issue.expected, ...(/received undefined$/.test(issue.message) ? { received: 'undefined' } : {}) };
    case 'invalid_value':
      return { values: issue.values.map(String) };
    case 'not_multiple_of':
      return { divisor: issue.divisor };
    case 'unrecognized_keys':
      return { keys: issue.keys };
    case 'custom':
      return issue.params ? Object.fromEntries(Object.entries(issue.params).filter((entry): entry is [string, ParamValue] => isParamValue(entry[1]))) : undefined;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return undefined;
  }
}

export function wireIssue(issue: $ZodIssue): ErrorIssue {
  const params = paramsOf(issue);
  return {
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    message: issue.message,
    code: issue.code,
    ...(params ? { params } : {}),
  };
}

export function issuesOf(cause: unknown): ErrorIssue[] | undefined {
  if (cause instanceof $ZodError) return cause.issues.map(wireIssue);
  if (cause instanceof AppError) return cause.issues;
  return undefined;
}

/** The English message for a list of issues: `extra.url: must be a valid URL; name: …`. */
export function describeIssues(issues: ErrorIssue[]): string {
  return issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/**
 * The envelope for a failed call. `error` is the tRPC error (its `cause` the AppError or ZodError);
 * `internal` says the status is a 5xx, whose details stay in the log.
 */
export function errorEnvelope(error: { code: string; message: string; cause?: unknown }, internal: boolean): ErrorEnvelope {
  if (internal) return { code: error.code, message: INTERNAL_MESSAGE, reason: 'server.internal' };
  const cause = error.cause;
  const issues = issuesOf(cause);
  if (cause instanceof AppError) {
    return { code: error.code, message: cause.message, reason: cause.reason, ...(cause.params ? { params: cause.params } : {}), ...(issues ? { issues } : {}) };
  }
  if (cause instanceof $ZodError && issues) return { code: error.code, message: describeIssues(issues), reason: 'input.invalid', issues };
  // tRPC's own refusals (an unknown procedure, an unreadable body): nothing more to say than the code.
  return { code: error.code, message: error.message, reason: error.code === 'PARSE_ERROR' ? 'request.invalid_json' : 'request.failed' };
}
