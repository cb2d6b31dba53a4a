import type { IncomingMessage } from 'node:http';
import { peerIsTrustedProxy, type TrustProxy } from './proxy-trust.js';

/** The origin the browser sees: APP_URL when set, else this request's scheme and Host. */
export function requestOrigin(req: IncomingMessage, appOrigin: string | undefined, trust: TrustProxy): string {
  if (appOrigin) return appOrigin;
  // Forwarded scheme and host are believed only from a trusted proxy.
  const trustProxy = peerIsTrustedProxy(req, trust);
  const forwardedProto = trustProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() : '';
  const encrypted = 'encrypted' in req.socket && Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const scheme = forwardedProto || (encrypted ? 'https' : 'http');
  const host = (trustProxy ? String(req.headers['x-forwarded-host'] ?? '').split(',')[0]?.trim() : '') || req.headers.host;
  return `${scheme}://${host ?? 'localhost'}`;
}

export function isSecureOrigin(origin: string): boolean {
  return origin.startsWith('https://');
}

/**
 * CSRF defence for writes that a browser could make with the session cookie: the request must say
 * it comes from our own origin, by `Sec-Fetch-Site: same-origin` or an `Origin` equal to ours.
 * Writes carrying a Bearer token carry no ambient credential and are exempt; so are cookie-less
 * writes without an Origin (scripts signing in), while a foreign Origin is always refused.
 */
export function isWriteAllowedFromOrigin(
  req: IncomingMessage,
  expectedOrigin: string,
  credentials: { hasSessionCookie: boolean; hasBearer: boolean },
): boolean {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true;
  if (credentials.hasBearer) return true;
  const fetchSite = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (origin !== undefined) return origin === expectedOrigin && (fetchSite === undefined || fetchSite === 'same-origin');
  if (fetchSite !== undefined) return fetchSite === 'same-origin';
  return !credentials.hasSessionCookie;
}
