import { createBearerApiClient, type ApiKeyOptions } from './json-api.js';

/** Cal.com API v2 (Bearer `cal_…` key). Base URL from CALCOM_API_URL, e.g. https://api.cal.com/v2. */
type CalcomMe = { status: string; data?: { id?: number; email?: string; username?: string; name?: string } };

export function createCalcomClient(options: ApiKeyOptions) {
  const api = createBearerApiClient(options);
  return {
    ...api,
    /** The cheap call behind "Test connection": `GET /me`. */
    async verify(): Promise<{ account: string | null }> {
      const me = await api.get<CalcomMe>('/me');
      return { account: me.data?.email ?? me.data?.username ?? null };
    },
  };
}
