import type { IncomingMessage, ServerResponse } from 'node:http';

export const SESSION_COOKIE = 'sm_session';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A malformed value is ignored rather than failing the request.
    }
  }
  return cookies;
}

export function readSessionCookie(req: IncomingMessage): string | undefined {
  return parseCookies(req.headers.cookie).get(SESSION_COOKIE);
}

/** HttpOnly, SameSite=Lax, Path=/; Secure when the app is served over HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'HttpOnly',
    'SameSite=Lax',
    'Path=/',
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', new Date(0), secure).replace('Expires=', 'Max-Age=0; Expires=');
}

/** What issuing the cookie needs from a request context (the tRPC context has it). */
export type SessionCookieTarget = {
  res: ServerResponse;
  secureCookies: boolean;
  services: { config: { sessionInactivityMs: number } };
};

/** Sends the session cookie for `token`, expiring with the inactivity window. */
export function setSessionCookie(target: SessionCookieTarget, token: string): void {
  const expiresAt = new Date(Date.now() + target.services.config.sessionInactivityMs);
  target.res.appendHeader('Set-Cookie', sessionCookie(token, expiresAt, target.secureCookies));
}

export function clearSessionCookie(target: Pick<SessionCookieTarget, 'res' | 'secureCookies'>): void {
  target.res.appendHeader('Set-Cookie', clearedSessionCookie(target.secureCookies));
}
