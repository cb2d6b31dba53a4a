import { createBearerApiClient, type ApiKeyOptions } from './json-api.js';

/** Calendly API v2 (Bearer personal access token). Base URL from CALENDLY_API_URL. */
type CalendlyMe = { resource?: { uri?: string; name?: string; email?: string; current_organization?: string } };

export function createCalendlyClient(options: ApiKeyOptions) {
  const api = createBearerApiClient(options);
  return {
    ...api,
    /** The cheap call behind "Test connection": `GET /users/me`. */
    async verify(): Promise<{ account: string | null }> {
      const me = await api.get<CalendlyMe>('/users/me');
      return { account: me.resource?.email ?? me.resource?.name ?? null };
    },
  };
}
