import { joinUrl, requestJson } from './http.js';

/** Instantly API v2 (Bearer key), optional. Base URL from INSTANTLY_API_URL (…/api/v2). */
type InstantlyList<T> = { items?: T[]; next_starting_after?: string | null };

export function createInstantlyClient(options: { apiKey: string; baseUrl: string; timeoutMs?: number }) {
  const get = <T>(path: string) =>
    requestJson<T>(
      { url: joinUrl(options.baseUrl, path), headers: { authorization: `Bearer ${options.apiKey}` }, timeoutMs: options.timeoutMs, allowPrivate: true },
      [options.apiKey],
    );
  return {
    get,
    /** The cheap call behind "Test connection": the first sending account. */
    async verify(): Promise<{ account: string | null }> {
      const accounts = await get<InstantlyList<{ email?: string }>>('/accounts?limit=1');
      return { account: accounts.items?.[0]?.email ?? null };
    },
  };
}
