import { createBearerApiClient, joinUrl, type ApiKeyOptions } from './json-api.js';
import { httpRequest, IntegrationError } from './http.js';
import { classifyTransportError, httpStatusFailure } from './retryable-errors.js';

/** Instantly API v2 (Bearer key), optional. Base URL from INSTANTLY_API_URL (…/api/v2). */
type InstantlyList<T> = { items?: T[]; next_starting_after?: string | null };

/** One lead for `POST /leads` (developer.instantly.ai api-reference/lead). */
export type InstantlyLeadInput = {
  email: string;
  first_name?: string | null;
  last_name?: string | null;
  company_name?: string | null;
  job_title?: string | null;
  website?: string | null;
  /** The `{{personalization}}` variable: one free-text line. */
  personalization?: string | null;
  custom_variables?: Record<string, string | number | boolean | null>;
};

/** One answer for `POST /emails/reply`. */
export type InstantlyReplyInput = { eaccount: string; replyToUuid: string; subject: string; text: string; html: string };

export function createInstantlyClient(options: ApiKeyOptions) {
  const api = createBearerApiClient(options);
  /**
   * POST with its failure classified for the callers: 401 refused key (AuthRejectedError), 429
   * with its Retry-After (RateLimitedError), 5xx / timeout / network transient, other 4xx permanent.
   * A 2xx whose body is not JSON answers `{}`: the call succeeded all the same.
   */
  async function post(path: string, payload: unknown, now: Date): Promise<Record<string, unknown>> {
    const url = joinUrl(options.baseUrl, path);
    let response;
    try {
      response = await httpRequest({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
        allowPrivate: true,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      throw error instanceof IntegrationError ? classifyTransportError(error) : error;
    }
    if (response.status < 200 || response.status >= 300) throw httpStatusFailure(response, new URL(url).host, [options.apiKey], now);
    try {
      const parsed: unknown = JSON.parse(response.text);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {
    ...api,
    /** The cheap call behind "Test connection": the first sending account. */
    async verify(): Promise<{ account: string | null }> {
      const accounts = await api.get<InstantlyList<{ email?: string }>>('/accounts', { limit: '1' });
      return { account: accounts.items?.[0]?.email ?? null };
    },
    /**
     * Adds one lead to a campaign. `skip_if_in_campaign` makes a repeat (a retry after a lost
     * answer) a no-op on Instantly's side.
     */
    async createLead(campaignId: string, lead: InstantlyLeadInput, now: Date = new Date()): Promise<{ id: string | null }> {
      const parsed = await post('/leads', { campaign: campaignId, skip_if_in_campaign: true, ...lead }, now);
      return { id: typeof parsed.id === 'string' ? parsed.id : null };
    },
    /**
     * Answers an email in its thread, from the Instantly account that carries it
     * (developer.instantly.ai api-reference/email/reply-to-an-email: `reply_to_uuid` is the
     * webhook's `email_id`). Answers the email Instantly created: its `id` and `message_id`.
     */
    async replyToEmail(reply: InstantlyReplyInput, now: Date = new Date()): Promise<{ id: string | null; messageId: string | null }> {
      const parsed = await post('/emails/reply', { eaccount: reply.eaccount, reply_to_uuid: reply.replyToUuid, subject: reply.subject, body: { text: reply.text, html: reply.html } }, now);
      return { id: typeof parsed.id === 'string' ? parsed.id : null, messageId: typeof parsed.message_id === 'string' ? parsed.message_id : null };
    },
  };
}

export type InstantlyClient = ReturnType<typeof createInstantlyClient>;
