import { createJsonApiClient, type ApiKeyOptions } from './json-api.js';

/**
 * PhantomBuster API v2 (`X-Phantombuster-Key`). The base URL comes from PHANTOMBUSTER_API_URL.
 * Campaigns name the agent to launch; the scraping engine builds on `get`/`post`.
 */
export type PhantomBusterAgent = { id: string; name: string; scriptId?: string | number; lastEndType?: string | null };

export function createPhantomBusterClient(options: ApiKeyOptions) {
  const api = createJsonApiClient({ baseUrl: options.baseUrl, headers: { 'X-Phantombuster-Key': options.apiKey }, secrets: [options.apiKey], timeoutMs: options.timeoutMs });
  return {
    ...api,
    listAgents: () => api.get<PhantomBusterAgent[]>('/agents/fetch-all'),
    /** The cheap call behind "Test connection": lists the account's agents. */
    async verify(): Promise<{ account: string | null }> {
      const agents = await api.get<unknown>('/agents/fetch-all');
      const count = Array.isArray(agents) ? agents.length : 0;
      return { account: `${count} agent${count === 1 ? '' : 's'}` };
    },
  };
}
