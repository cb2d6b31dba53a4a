import type { ErrorParams, ErrorReason, ReasonWithParams, WireIssue } from '../shared/error-reasons.js';
import type { RuleWithoutParams, RuleWithParams } from '../shared/issue-rules.js';

/**
 * The one error type for expected failures. Services throw `AppError`; the tRPC error formatter and
 * the REST adapter turn it into a status code and `{error:{code, message, reason, params?, issues?}}`.
 * `message` is an English sentence for API users; `reason` (src/shared/error-reasons.ts) is what the
 * UI words in the user's language.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorIssue = WireIssue;

type AppErrorOptions = ReasonWithParams & { issues?: ErrorIssue[]; retryAfter?: number; cause?: unknown };

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly reason: ErrorReason;
  readonly params: ErrorParams | undefined;
  readonly issues: ErrorIssue[] | undefined;
  /** Seconds the client should wait, for TOO_MANY_REQUESTS. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: AppErrorOptions,
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.reason = options.reason;
    this.params = options.params;
    this.issues = options.issues;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

const NOT_FOUND_REASONS = {
  Agent: 'agent.not_found',
  Campaign: 'campaign.not_found',
  Domain: 'domain.not_found',
  Import: 'import.not_found',
  Mailbox: 'mailbox.not_found',
  Member: 'member.not_found',
  Prospect: 'prospect.not_found',
  Suppression: 'suppression.not_found',
  Workspace: 'workspace.not_found',
} as const satisfies Record<string, ErrorReason>;

export const notFound = (what: keyof typeof NOT_FOUND_REASONS) => new AppError('NOT_FOUND', `${what} not found`, { reason: NOT_FOUND_REASONS[what] });

/** A field refused by a service check (not by zod): `code: 'custom'` with the rule the UI words. */
export function fieldIssue(path: (string | number)[], rule: RuleWithoutParams | RuleWithParams, message: string): ErrorIssue {
  return { path, message, code: 'custom', params: typeof rule === 'string' ? { rule } : rule };
}
