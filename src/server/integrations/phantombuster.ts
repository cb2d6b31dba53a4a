import { joinUrl, requestJson } from './http.js';

/**
 * PhantomBuster API v2 (`X-Phantombuster-Key`). The base URL comes from PHANTOMBUSTER_API_URL
 * (operator-set, so private addresses are allowed: tests and proxies point it at local servers).
 * Campaigns name the agent to launch; the scraping engine builds on `get`/`post`.
 */
export type PhantomBusterAgent = { id: string; name: string; scriptId?: string | number; lastEndType?: string | null };

export function createPhantomBusterClient(options: { apiKey: string; baseUrl: string; timeoutMs?: number }) {
  const headers = { 'X-Phantombuster-Key': options.apiKey };
  const secrets = [options.apiKey];
  const url = (path: string, query: Record<string, string> = {}) => {
    const search = new URLSearchParams(query).toString();
    return joinUrl(options.baseUrl, path) + (search ? `?${search}` : '');
  };
  const get = <T>(path: string, query?: Record<string, string>) =>
    requestJson<T>({ url: url(path, query), headers, timeoutMs: options.timeoutMs, allowPrivate: true }, secrets);
  const post = <T>(path: string, body: unknown) =>
    requestJson<T>(
      { method: 'POST', url: url(path), headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs: options.timeoutMs, allowPrivate: true },
      secrets,
    );

  return {
    get,
    post,
    listAgents: () => get<PhantomBusterAgent[]>('/agents/fetch-all'),
    /** The cheap call behind "Test connection": lists the account's agents. */
    async verify(): Promise<{ account: string | null }> {
      const agents = await get<unknown>('/agents/fetch-all');
      const count = Array.isArray(agents) ? agents.length : 0;
      return { account: `${count} agent${count === 1 ? '' : 's'}` };
    },
  };
}
