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

export function createInstantlyClient(options: ApiKeyOptions) {
  const api = createBearerApiClient(options);
  return {
    ...api,
    /** The cheap call behind "Test connection": the first sending account. */
    async verify(): Promise<{ account: string | null }> {
      const accounts = await api.get<InstantlyList<{ email?: string }>>('/accounts', { limit: '1' });
      return { account: accounts.items?.[0]?.email ?? null };
    },
    /**
     * Adds one lead to a campaign. `skip_if_in_campaign` makes a repeat (a retry after a lost
     * answer) a no-op on Instantly's side. Failures are classified for the job engine: 401 refused
     * key (permanent), 429 with its Retry-After, 5xx / network transient.
     */
    async createLead(campaignId: string, lead: InstantlyLeadInput, now: Date = new Date()): Promise<{ id: string | null }> {
      const url = joinUrl(options.baseUrl, '/leads');
      const body = JSON.stringify({ campaign: campaignId, skip_if_in_campaign: true, ...lead });
      let response;
      try {
        response = await httpRequest({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
          body,
          allowPrivate: true,
          timeoutMs: options.timeoutMs,
        });
      } catch (error) {
        throw error instanceof IntegrationError ? classifyTransportError(error) : error;
      }
      if (response.status < 200 || response.status >= 300) throw httpStatusFailure(response, new URL(url).host, [options.apiKey], now);
      try {
        const parsed = JSON.parse(response.text) as { id?: unknown };
        return { id: typeof parsed.id === 'string' ? parsed.id : null };
      } catch {
        return { id: null };
      }
    },
  };
}

export type InstantlyClient = ReturnType<typeof createInstantlyClient>;
