import { httpRequest, IntegrationError, type HttpRequest } from './http.js';

/**
 * The JSON APIs of the third-party services (PhantomBuster, Cal.com, Calendly, Instantly). Their
 * base URLs come from the operator's environment (PHANTOMBUSTER_API_URL…), never from a user, so
 * private addresses are allowed: tests and proxies point them at local servers. Every failure is a
 * sentence for the settings page; text quoted from the remote server has the key redacted.
 */

/** The most useful line of an error body (`{error:{message}}`, `{message}`, `{error}`…), short. */
function remoteMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const error = body.error;
    const candidates = [
      typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : error,
      body.message,
      body.title,
      body.detail,
    ];
    const found = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
    return found ? found.trim().slice(0, 200) : null;
  } catch {
    return null;
  }
}

/** Removes every occurrence of the given secrets from a message quoted from a remote server. */
export function redactSecrets(message: string, secrets: (string | undefined)[]): string {
  let out = message;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A failed status as a sentence for the settings page. */
export function describeHttpFailure(status: number, host: string, bodyText: string, secrets: (string | undefined)[] = []): IntegrationError {
  const remote = remoteMessage(bodyText);
  const detail = remote ? `: ${redactSecrets(remote, secrets)}` : '';
  if (status === 401) return new IntegrationError('The API key was refused', 'http', status);
  if (status === 403) return new IntegrationError(`The API key was refused for this request (HTTP 403)${detail}`, 'http', status);
  if (status === 404) return new IntegrationError(`${host} answered "not found" (HTTP 404): check the base URL`, 'http', status);
  if (status === 429) return new IntegrationError(`${host} is rate limiting requests: try again in a minute`, 'http', status);
  if (status >= 300 && status < 400) return new IntegrationError(`${host} redirected the request (HTTP ${status}): use the final URL`, 'http', status);
  if (status >= 500) return new IntegrationError(`${host} had an error (HTTP ${status})${detail}`, 'http', status);
  return new IntegrationError(`${host} refused the request (HTTP ${status})${detail}`, 'http', status);
}

/** GET/POST expecting a 2xx JSON answer; anything else throws IntegrationError. */
export async function requestJson<T>(request: HttpRequest, secrets: (string | undefined)[] = []): Promise<T> {
  const response = await httpRequest({ ...request, headers: { accept: 'application/json', ...request.headers } });
  const host = new URL(request.url).host;
  if (response.status < 200 || response.status >= 300) throw describeHttpFailure(response.status, host, response.text, secrets);
  try {
    return JSON.parse(response.text) as T;
  } catch {
    throw new IntegrationError(`${host} did not answer with JSON: check the base URL`, 'http', response.status);
  }
}

/** Joins a base URL (with or without a trailing slash) and a path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}


export type ApiKeyOptions = { apiKey: string; baseUrl: string; timeoutMs?: number };

/** GET/POST JSON under `baseUrl`, with the service's auth headers; `secrets` are redacted from errors. */
export function createJsonApiClient(options: { baseUrl: string; headers: Record<string, string>; secrets: string[]; timeoutMs?: number }) {
  const url = (path: string, query: Record<string, string> = {}) => {
    const search = new URLSearchParams(query).toString();
    return joinUrl(options.baseUrl, path) + (search ? `?${search}` : '');
  };
  const send = <T>(request: Omit<HttpRequest, 'allowPrivate' | 'timeoutMs'>) =>
    requestJson<T>({ ...request, headers: { ...options.headers, ...request.headers }, timeoutMs: options.timeoutMs, allowPrivate: true }, options.secrets);
  return {
    get: <T>(path: string, query?: Record<string, string>) => send<T>({ url: url(path, query) }),
    post: <T>(path: string, body: unknown) =>
      send<T>({ method: 'POST', url: url(path), headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    /** DELETE expecting a 2xx, usually 204 with no body (so nothing is parsed). */
    async delete(path: string): Promise<void> {
      const target = url(path);
      const response = await httpRequest({ method: 'DELETE', url: target, headers: { accept: 'application/json', ...options.headers }, timeoutMs: options.timeoutMs, allowPrivate: true });
      if (response.status < 200 || response.status >= 300) throw describeHttpFailure(response.status, new URL(target).host, response.text, options.secrets);
    },
  };
}

/** A service that takes its key as `Authorization: Bearer <key>` (Cal.com, Calendly, Instantly). */
export function createBearerApiClient(options: ApiKeyOptions) {
  return createJsonApiClient({ baseUrl: options.baseUrl, headers: { authorization: `Bearer ${options.apiKey}` }, secrets: [options.apiKey], timeoutMs: options.timeoutMs });
}
