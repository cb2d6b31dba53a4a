import { joinUrl, requestJson } from './http.js';

/** Cal.com API v2 (Bearer `cal_…` key). Base URL from CALCOM_API_URL, e.g. https://api.cal.com/v2. */
type CalcomMe = { status: string; data?: { id?: number; email?: string; username?: string; name?: string } };

export function createCalcomClient(options: { apiKey: string; baseUrl: string; timeoutMs?: number }) {
  const get = <T>(path: string) =>
    requestJson<T>(
      { url: joinUrl(options.baseUrl, path), headers: { authorization: `Bearer ${options.apiKey}` }, timeoutMs: options.timeoutMs, allowPrivate: true },
      [options.apiKey],
    );
  return {
    get,
    /** The cheap call behind "Test connection": `GET /me`. */
    async verify(): Promise<{ account: string | null }> {
      const me = await get<CalcomMe>('/me');
      return { account: me.data?.email ?? me.data?.username ?? null };
    },
  };
}
