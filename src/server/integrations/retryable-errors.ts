import { IntegrationError, type HttpResponse, type IntegrationErrorKind } from './http.js';
import { describeHttpFailure } from './json-api.js';

/**
 * How a failed call to an external service should be treated by the job engine: the engines'
 * clients throw one of these (all are `IntegrationError`s, so the settings page shows their
 * message as before), and the job handler maps them with `failureDisposition`:
 *   TransientIntegrationError  → retry: after `retryAfterMs` when the server said (Retry-After),
 *                                else with backoff (5xx, timeout, connection)
 *   RateLimitedError           → a TransientIntegrationError for HTTP 429
 *   PermanentIntegrationError  → fail now, no retries (a refused key, a bad request, a 404)
 */

export class TransientIntegrationError extends IntegrationError {
  override name = 'TransientIntegrationError';
  constructor(
    message: string,
    kind: IntegrationErrorKind,
    status?: number,
    /** The wait the server asked for (Retry-After on a 429 or 503), in ms; null when it did not say. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message, kind, status);
  }
}

/** HTTP 429. */
export class RateLimitedError extends TransientIntegrationError {
  override name = 'RateLimitedError';
  constructor(message: string, retryAfterMs: number | null) {
    super(message, 'http', 429, retryAfterMs);
  }
}

export class PermanentIntegrationError extends IntegrationError {
  override name = 'PermanentIntegrationError';
  constructor(message: string, kind: IntegrationErrorKind, status?: number) {
    super(message, kind, status);
  }
}

/** A missing or wrong key: retrying cannot help, the user has to fix the key. */
export class AuthRejectedError extends PermanentIntegrationError {
  override name = 'AuthRejectedError';
}

/** Hours: a Retry-After beyond this is a server bug or a daily quota; treat it as the cap. */
const MAX_RETRY_AFTER_MS = 6 * 3600_000;

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The wait a 429/503 asks for, in ms: `retry-after-ms` (OpenAI's), else `Retry-After` as
 * seconds or as an HTTP date (RFC 9110 §10.2.3). Null when absent or unreadable; never negative,
 * capped at 6 hours.
 */
export function parseRetryAfter(headers: HeaderSource, now: Date): number | null {
  const clamp = (ms: number) => Math.min(Math.max(0, Math.ceil(ms)), MAX_RETRY_AFTER_MS);
  const millis = header(headers, 'retry-after-ms')?.trim();
  if (millis && /^\d+(\.\d+)?$/.test(millis)) return clamp(Number(millis));
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return clamp(Number(value) * 1000);
  // Date.parse reads "-5" as a year: only a value naming a month is an HTTP date.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? null : clamp(date - now.getTime());
}

export type FailureDisposition = { action: 'retry'; retryAfterMs: number | null; message: string } | { action: 'fail'; message: string };

/**
 * Retry or give up, for any error an engine's client threw. Unknown errors (a bug of ours, a
 * plain IntegrationError from an older client) are retried: the engine's attempt limit bounds them.
 */
export function failureDisposition(error: unknown): FailureDisposition {
  if (error instanceof TransientIntegrationError) return { action: 'retry', retryAfterMs: error.retryAfterMs, message: error.message };
  if (error instanceof PermanentIntegrationError) return { action: 'fail', message: error.message };
  if (error instanceof IntegrationError) {
    const permanent = error.kind === 'unsafe' || error.kind === 'invalid' || (error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429);
    return permanent ? { action: 'fail', message: error.message } : { action: 'retry', retryAfterMs: null, message: error.message };
  }
  return { action: 'retry', retryAfterMs: null, message: error instanceof Error ? error.message : String(error) };
}

/** A transport failure from `httpRequest` (timeout, refused, reset) as transient, an unsafe URL as permanent. */
export function classifyTransportError(error: IntegrationError): IntegrationError {
  if (error instanceof TransientIntegrationError || error instanceof PermanentIntegrationError) return error;
  switch (error.kind) {
    case 'timeout':
    case 'network':
      return new TransientIntegrationError(error.message, error.kind, error.status);
    case 'http':
      return error.status !== undefined && error.status < 500 ? new PermanentIntegrationError(error.message, error.kind, error.status) : new TransientIntegrationError(error.message, error.kind, error.status);
    case 'unsafe':
    case 'invalid':
      return new PermanentIntegrationError(error.message, error.kind, error.status);
  }
}

/**
 * A non-2xx answer as one of the classes above, worded like `describeHttpFailure` (the remote
 * message quoted with `secrets` redacted): 401 refused key, 429 rate limit, 408/5xx transient
 * (honouring a 503's Retry-After), any other status permanent.
 */
export function httpStatusFailure(response: Pick<HttpResponse, 'status' | 'headers' | 'text'>, host: string, secrets: (string | undefined)[], now: Date): IntegrationError {
  const { status } = response;
  const described = describeHttpFailure(status, host, response.text, secrets);
  if (status === 401) return new AuthRejectedError(described.message, 'http', status);
  if (status === 429) return new RateLimitedError(described.message, parseRetryAfter(response.headers, now));
  if (status === 408 || status >= 500) return new TransientIntegrationError(described.message, 'http', status, parseRetryAfter(response.headers, now));
  return new PermanentIntegrationError(described.message, 'http', status);
}
