import { describe, expect, it } from 'vitest';
import { IntegrationError } from './http.js';
import { AuthRejectedError, failureDisposition, httpStatusFailure, parseRetryAfter, PermanentIntegrationError, RateLimitedError, TransientIntegrationError } from './retryable-errors.js';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads seconds, an HTTP date, and OpenAI\'s retry-after-ms (which wins)', () => {
    expect(parseRetryAfter({ 'retry-after': '120' }, NOW)).toBe(120_000);
    expect(parseRetryAfter({ 'retry-after': '0.5' }, NOW)).toBe(500);
    expect(parseRetryAfter({ 'retry-after': 'Mon, 02 Mar 2026 10:01:30 GMT' }, NOW)).toBe(90_000);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'Retry-After': '7' }), NOW)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': ['3', '4'] }, NOW)).toBe(3000);
  });

  it('is null when absent or unreadable, never negative, and capped at 6 hours', () => {
    expect(parseRetryAfter({}, NOW)).toBeNull();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, NOW)).toBeNull();
    expect(parseRetryAfter({ 'retry-after': '-5' }, NOW)).toBeNull();
    expect(parseRetryAfter({ 'retry-after': 'Mon, 02 Mar 2026 09:00:00 GMT' }, NOW)).toBe(0);
    expect(parseRetryAfter({ 'retry-after': String(7 * 24 * 3600) }, NOW)).toBe(6 * 3600_000);
    expect(parseRetryAfter({ 'retry-after-ms': 'abc', 'retry-after': '2' }, NOW)).toBe(2000);
  });
});

describe('httpStatusFailure and failureDisposition', () => {
  const answer = (status: number, headers: Record<string, string> = {}, text = '{"error":"boom sk-secret-1234"}') => httpStatusFailure({ status, headers, text }, 'api.example', ['sk-secret-1234'], NOW);

  it('maps statuses to the retry classes, quoting the server with secrets redacted', () => {
    expect(answer(401)).toBeInstanceOf(AuthRejectedError);
    const limited = answer(429, { 'retry-after': '12' });
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(12_000);
    const unavailable = answer(503, { 'retry-after': '5' });
    expect(unavailable).toBeInstanceOf(TransientIntegrationError);
    expect(failureDisposition(unavailable)).toEqual({ action: 'retry', retryAfterMs: 5000, message: 'api.example had an error (HTTP 503): boom [redacted]' });
    expect(answer(408)).toBeInstanceOf(TransientIntegrationError);
    expect(answer(400)).toBeInstanceOf(PermanentIntegrationError);
    expect(answer(404)).toBeInstanceOf(PermanentIntegrationError);
  });

  it('judges plain IntegrationErrors and unknown errors too (retry unless clearly permanent)', () => {
    expect(failureDisposition(new IntegrationError('unsafe URL', 'unsafe')).action).toBe('fail');
    expect(failureDisposition(new IntegrationError('bad', 'http', 422)).action).toBe('fail');
    expect(failureDisposition(new IntegrationError('limited', 'http', 429)).action).toBe('retry');
    expect(failureDisposition(new IntegrationError('down', 'http', 502)).action).toBe('retry');
    expect(failureDisposition(new IntegrationError('reset', 'network')).action).toBe('retry');
    expect(failureDisposition(new TypeError('oops'))).toEqual({ action: 'retry', retryAfterMs: null, message: 'oops' });
  });
});
