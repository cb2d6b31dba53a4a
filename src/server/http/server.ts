import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { APP_ROOT } from '../config.js';
import { SESSION_COOKIE } from '../auth/cookies.js';
import { bearerToken } from '../auth/request-auth.js';
import { isSecureOrigin, isWriteAllowedFromOrigin, requestOrigin } from '../auth/request-origin.js';
import type { AppServices } from '../services.js';
import { createContext, requestIdOf } from '../trpc/context.js';
import type { AppRouter } from '../router.js';
import { sendError, sendJson } from './body.js';
import { createDocsHandler } from './openapi.js';
import { createRestHandler } from './rest.js';
import { setSecurityHeaders } from './security-headers.js';
import { handleInboundEmailWebhook, INBOUND_EMAIL_WEBHOOK_PATH } from './inbound-email-webhook.js';
import { ingestInstantlyReply } from './instantly-reply.js';
import { createProviderWebhookHandler, PROVIDER_WEBHOOK_PATH, type ProviderWebhookOptions } from './provider-webhooks.js';
import { handleUnsubscribe } from './unsubscribe-page.js';
import { handleClick, handleOpenPixel } from './tracking-endpoints.js';
import { createStaticHandler } from './static-files.js';

export const CLIENT_DIST = path.join(APP_ROOT, 'dist/client');

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Sales Machine</title>
<p>The web app is not built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds first).</p>`;

/** Whether every %-escape in a path decodes to well-formed UTF-8 (no lone surrogate either). */
function decodesCleanly(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one HTTP server: /health and /ready, tRPC under /trpc, REST + OpenAPI under /api, and the
 * SPA for everything else. Writes authenticated by the session cookie must come from our origin.
 */
export function createHttpServer(services: AppServices, router: AppRouter, version: string, options: Partial<ProviderWebhookOptions> = {}): Server {
  const { config, logger, database } = services;
  const trpcHandler = createHTTPHandler({
    router,
    basePath: '/trpc/',
    maxBodySize: config.maxBodyBytes,
    createContext: ({ req, res }) => createContext(services, req, res),
    onError: ({ error, path: procedure, ctx }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') (ctx?.log ?? logger).error({ err: error.cause ?? error, procedure }, 'tRPC procedure failed');
    },
  });
  const restHandler = createRestHandler(services, router);
  const providerWebhook = createProviderWebhookHandler(services, { onInstantlyReply: options.onInstantlyReply ?? ingestInstantlyReply(services) });
  const docsHandler = createDocsHandler(router, version);
  // Source maps would publish the client's source: served only outside production (and not built for it).
  const serveClient = createStaticHandler({ root: CLIENT_DIST, spaFallback: true, immutablePrefix: '/assets/', sourceMaps: config.env !== 'production' });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const pathname = url.pathname;
    if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/ready') {
      const ready = await database.isReady();
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    }
    // One-click unsubscribe: public, no session, no origin check (mail clients POST from anywhere).
    const unsubscribeToken = /^\/u\/([^/]+)$/.exec(pathname)?.[1];
    if (unsubscribeToken !== undefined) return handleUnsubscribe(req, res, database, unsubscribeToken, config.maxBodyBytes);
    // Signed webhooks: the signature is over the raw bytes, so they are read before any JSON parsing.
    if (pathname === INBOUND_EMAIL_WEBHOOK_PATH) return handleInboundEmailWebhook(req, res, url, services);
    // Provider webhooks (Cal.com, Calendly, Instantly): public, authenticated by signature or secret on the raw body.
    const webhook = PROVIDER_WEBHOOK_PATH.exec(pathname);
    if (webhook) return providerWebhook(req, res, url, webhook[1] as 'calcom' | 'calendly' | 'instantly', webhook[2]!);
    // Open pixel and click redirects of tracked messages: public, like the unsubscribe link.
    const pixelToken = /^\/t\/o\/([^/]+)\.gif$/.exec(pathname)?.[1];
    if (pixelToken !== undefined) return handleOpenPixel(req, res, database, pixelToken);
    const clickToken = /^\/t\/c\/([^/]+)$/.exec(pathname)?.[1];
    if (clickToken !== undefined) return handleClick(req, res, database, clickToken);
    const isTrpc = pathname.startsWith('/trpc/');
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    if (isTrpc || isApi) {
      // Routing decodes path segments: a broken %-sequence is the client's mistake, not a 500.
      if (!decodesCleanly(pathname)) return sendError(res, 400, { code: 'BAD_REQUEST', message: 'Malformed URL: invalid percent-encoding in the path', reason: 'request.malformed_url' });
      const origin = requestOrigin(req, config.appOrigin, config.trustProxy);
      const credentials = {
        hasSessionCookie: (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`),
        hasBearer: bearerToken(req) !== undefined,
      };
      if (!isWriteAllowedFromOrigin(req, origin, credentials)) {
        return sendError(res, 403, { code: 'FORBIDDEN', message: 'Cross-origin request refused', reason: 'request.cross_origin' });
      }
    }
    if (isTrpc) {
      // Answers carry workspace data: no browser or proxy cache may keep them (REST says the same).
      res.setHeader('Cache-Control', 'no-store');
      return void trpcHandler(req, res);
    }
    if (isApi) {
      const apiPath = pathname.slice('/api'.length) || '/';
      if (docsHandler(req, res, apiPath)) return;
      return restHandler(req, res, url, apiPath);
    }
    if (serveClient(req, res, pathname)) return;
    if (req.method === 'GET' && !path.extname(pathname)) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(NOT_BUILT_PAGE);
      return;
    }
    sendError(res, 404, { code: 'NOT_FOUND', message: 'Not found', reason: 'request.unknown_endpoint', params: { method: req.method ?? 'GET', path: pathname } });
  }

  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req);
    res.setHeader('X-Request-Id', requestId);
    setSecurityHeaders(res, isSecureOrigin(requestOrigin(req, config.appOrigin, config.trustProxy)));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(res, 400, { code: 'BAD_REQUEST', message: 'Malformed URL', reason: 'request.malformed_url' });
    }
    res.on('finish', () => {
      if (url.pathname === '/health') return;
      // Path only: query strings can carry search terms and emails.
      logger.info(
        { reqId: requestId, method: req.method, path: url.pathname, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    route(req, res, url).catch((error: unknown) => {
      logger.error({ err: error, reqId: requestId }, 'unhandled request error');
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side', reason: 'server.internal' });
      else res.destroy();
    });
  });
}
