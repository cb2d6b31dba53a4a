import { createBearerApiClient, type ApiKeyOptions } from './json-api.js';

/** Instantly API v2 (Bearer key), optional. Base URL from INSTANTLY_API_URL (…/api/v2). */
type InstantlyList<T> = { items?: T[]; next_starting_after?: string | null };

export function createInstantlyClient(options: ApiKeyOptions) {
  const api = createBearerApiClient(options);
  return {
    ...api,
    /** The cheap call behind "Test connection": the first sending account. */
    async verify(): Promise<{ account: string | null }> {
      const accounts = await api.get<InstantlyList<{ email?: string }>>('/accounts', { limit: '1' });
      return { account: accounts.items?.[0]?.email ?? null };
    },
  };
}
