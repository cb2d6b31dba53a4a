import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { isLinkLocalOrMetadataAddress, isPrivateAddress, PRIVATE_URL_HINT, urlProblem } from './url-guard.js';

/**
 * The one way integrations talk HTTP. Built on node:http rather than fetch so the SSRF guard can
 * check the address a host name resolves to at connect time (a `lookup` hook), which fetch does
 * not offer. Redirects are not followed (a redirect could lead to an internal address).
 * Failures become `IntegrationError` with a message fit for the settings page: it never contains
 * the request's headers, so never a key.
 */

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 5 * 1_048_576;

export type IntegrationErrorKind = 'network' | 'timeout' | 'http' | 'unsafe' | 'invalid';

export class IntegrationError extends Error {
  override name = 'IntegrationError';
  constructor(
    message: string,
    readonly kind: IntegrationErrorKind,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type HttpRequest = {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs?: number;
  /** Whether the URL may reach private/loopback addresses (operator-set URLs, or the env flag). */
  allowPrivate: boolean;
  signal?: AbortSignal;
  /** Largest answer accepted (default 5 MB); result files of a scrape are legitimately larger. */
  maxResponseBytes?: number;
};

export type HttpResponse = { status: number; headers: IncomingHttpHeaders; text: string };

/**
 * A kept-alive socket is reused without a new lookup, so the guard never sees it again: a socket
 * opened where private addresses are allowed (an operator's base URL) must never carry a request
 * where they are not (a user's webhook on the same host). Hence one pool per mode.
 */
const AGENTS = {
  'http:': { open: new http.Agent({ keepAlive: true }), guarded: new http.Agent({ keepAlive: true }) },
  'https:': { open: new https.Agent({ keepAlive: true }), guarded: new https.Agent({ keepAlive: true }) },
} as const;

/** A DNS lookup that refuses names resolving to private addresses (unless allowed). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const unsafe = addresses.find((entry) => (!allowPrivate && isPrivateAddress(entry.address)) || isLinkLocalOrMetadataAddress(entry.address));
      if (unsafe) {
        const refusal = Object.assign(new Error(`${hostname} resolves to a private network address`), { code: 'EPRIVATE' });
        return callback(refusal, '', 0);
      }
      // Node ≥ 20 asks for every address (happy eyeballs); older callers want the first one.
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

function networkMessage(error: NodeJS.ErrnoException, host: string): IntegrationError {
  switch (error.code) {
    case 'EPRIVATE':
      return new IntegrationError(`${host} is on a private network: refused (${PRIVATE_URL_HINT})`, 'unsafe');
    case 'ECONNREFUSED':
      return new IntegrationError(`Could not connect to ${host}`, 'network');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new IntegrationError(`Could not find the server ${host} (DNS lookup failed)`, 'network');
    case 'ECONNRESET':
    case 'EPIPE':
      return new IntegrationError(`The connection to ${host} was closed unexpectedly`, 'network');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new IntegrationError(`${host} is unreachable from this server`, 'network');
    default:
      if (error.code && /CERT|SSL|TLS/.test(error.code)) {
        return new IntegrationError(`The TLS certificate of ${host} was not accepted (${error.code})`, 'network');
      }
      return new IntegrationError(`Could not reach ${host}${error.code ? ` (${error.code})` : ''}`, 'network');
  }
}

function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : null;
  if (!decoder) return res;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

/** Sends one request; resolves with any HTTP status, rejects with IntegrationError on failure. */
export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const problem = urlProblem(request.url, { allowPrivate: request.allowPrivate });
  if (problem) return Promise.reject(new IntegrationError(`The URL ${problem}`, problem.includes('private') ? 'unsafe' : 'invalid'));
  const url = new URL(request.url);
  const host = url.host;
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const transport = url.protocol === 'https:' ? https : http;
  const agent = AGENTS[url.protocol === 'https:' ? 'https:' : 'http:'][request.allowPrivate ? 'open' : 'guarded'];
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
  const headers: Record<string, string> = { 'user-agent': 'SalesMachine/1.0', 'accept-encoding': 'gzip, deflate, br', ...request.headers };
  if (body) headers['content-length'] = String(body.byteLength);

  return new Promise<HttpResponse>((resolve, reject) => {
    const req = transport.request(
      url,
      { method: request.method ?? 'GET', headers, agent, lookup: guardedLookup(request.allowPrivate), signal },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const limit = request.maxResponseBytes ?? MAX_RESPONSE_BYTES;
        const stream = decoded(res);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            req.destroy(new IntegrationError(`${host} sent an answer larger than ${Math.round(limit / 1_048_576)} MB`, 'http'));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => {
          // The body is handed on decoded: its encoding and length no longer apply.
          const { 'content-encoding': _encoding, 'content-length': _length, ...rest } = res.headers;
          resolve({ status: res.statusCode ?? 0, headers: rest, text: Buffer.concat(chunks).toString('utf8') });
        });
        stream.on('error', (error: NodeJS.ErrnoException) =>
          reject(error instanceof IntegrationError ? error : error.code?.startsWith('Z_') ? new IntegrationError(`${host} sent a corrupt compressed answer`, 'http') : networkMessage(error, host)),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof IntegrationError) return reject(error);
      if (timeout.aborted) return reject(new IntegrationError(`${host} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`, 'timeout'));
      if (request.signal?.aborted) return reject(new IntegrationError(`The request to ${host} was cancelled`, 'network'));
      reject(networkMessage(error, host));
    });
    req.end(body);
  });
}

/**
 * A `fetch` over `httpRequest`, for SDKs that take one (the OpenAI SDK): same SSRF guard, same
 * error messages (the SDK wraps them as its connection error, with ours as the cause).
 */
export function guardedFetch(options: { allowPrivate: boolean }): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const rawBody = init?.body;
    let body: string | Uint8Array | undefined;
    if (rawBody == null) body = undefined;
    else if (typeof rawBody === 'string') body = rawBody;
    else if (rawBody instanceof Uint8Array) body = rawBody;
    else if (rawBody instanceof ArrayBuffer) body = new Uint8Array(rawBody);
    else throw new IntegrationError('Unsupported request body', 'invalid');
    const response = await httpRequest({
      method: init?.method ?? 'GET',
      url,
      headers,
      body,
      allowPrivate: options.allowPrivate,
      // The SDK applies its own timeout through the signal.
      timeoutMs: 10 * 60_000,
      signal: init?.signal ?? undefined,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
    }
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : response.text, { status: response.status, headers: responseHeaders });
  };
}
