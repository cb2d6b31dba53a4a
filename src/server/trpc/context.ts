import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { AppServices } from '../services.js';
import { sessionCookie } from '../auth/cookies.js';
import { authenticateRequest, type RequestAuth } from '../auth/request-auth.js';
import { isSecureOrigin, requestOrigin } from '../auth/request-origin.js';
import { clientAddress } from '../auth/proxy-trust.js';

export type Context = {
  services: AppServices;
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  ip: string;
  /** Recorded on new sessions. */
  client: { ip: string; userAgent: string | null };
  log: Logger;
  /** This app's origin as the browser sees it (for links and the CSRF check). */
  origin: string;
  secureCookies: boolean;
  auth: RequestAuth | null;
  /** Which credentials were presented but were not valid (expired session, revoked token), if any. */
  credentialsRejected: false | 'session' | 'apiToken';
};

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
}

/** Builds the per-request context for tRPC and the REST adapter alike. */
export async function createContext(services: AppServices, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  const { config } = services;
  const requestId = String(res.getHeader('x-request-id') ?? requestIdOf(req));
  const origin = requestOrigin(req, config.appOrigin, config.trustProxy);
  const secureCookies = isSecureOrigin(origin);
  const outcome = await authenticateRequest(services.database, req, config.sessionInactivityMs);
  const auth = outcome.kind === 'authenticated' ? outcome.auth : null;
  if (auth?.renewedSession) {
    res.appendHeader('Set-Cookie', sessionCookie(auth.renewedSession.token, auth.renewedSession.expiresAt, secureCookies));
  }
  const ip = clientAddress(req, config.trustProxy);
  const userAgent = req.headers['user-agent'];
  return {
    services,
    req,
    res,
    requestId,
    ip,
    client: { ip, userAgent: typeof userAgent === 'string' ? userAgent : null },
    log: services.logger.child({ reqId: requestId }),
    origin,
    secureCookies,
    auth,
    credentialsRejected: outcome.kind === 'invalid' ? outcome.via : false,
  };
}
