import { joinUrl, requestJson } from './http.js';

/** Calendly API v2 (Bearer personal access token). Base URL from CALENDLY_API_URL. */
type CalendlyMe = { resource?: { uri?: string; name?: string; email?: string; current_organization?: string } };

export function createCalendlyClient(options: { apiKey: string; baseUrl: string; timeoutMs?: number }) {
  const get = <T>(path: string) =>
    requestJson<T>(
      { url: joinUrl(options.baseUrl, path), headers: { authorization: `Bearer ${options.apiKey}` }, timeoutMs: options.timeoutMs, allowPrivate: true },
      [options.apiKey],
    );
  return {
    get,
    /** The cheap call behind "Test connection": `GET /users/me`. */
    async verify(): Promise<{ account: string | null }> {
      const me = await get<CalendlyMe>('/users/me');
      return { account: me.resource?.email ?? me.resource?.name ?? null };
    },
  };
}
