import { createRequire } from 'node:module';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyRouter } from '@trpc/server';
import type { OpenApiRouter } from 'trpc-to-openapi';
import type { SchemaObject } from 'openapi3-ts/oas31';
import { ERROR_REASONS } from '../../shared/error-reasons.js';
import { collectRestRoutes } from './rest.js';
import { createStaticHandler } from './static-files.js';
import { sendJson } from './body.js';

type Operation = {
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, unknown>; required?: boolean };
};

const PARAMS_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: { type: ['string', 'number', 'boolean', 'null', 'array'], items: { type: ['string', 'number'] } },
};

const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'reason'],
      properties: {
        code: { type: 'string', examples: ['BAD_REQUEST'] },
        message: { type: 'string', description: 'An English sentence for people reading the response.' },
        reason: {
          type: 'string',
          enum: Object.keys(ERROR_REASONS),
          description: 'Why, as a stable key to branch on or translate (`input.invalid`: see `issues`).',
          examples: ['auth.invalid_credentials'],
        },
        params: { ...PARAMS_SCHEMA, description: 'The values the reason names (a count, an email, a limit).' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message', 'code'],
            properties: {
              path: { type: 'array', items: { type: ['string', 'number'] } },
              message: { type: 'string' },
              code: {
                type: 'string',
                description: "zod's issue code (`too_small`, `too_big`, `invalid_format`, `invalid_type`, `invalid_value`, …) or `custom`.",
                examples: ['too_big'],
              },
              params: {
                ...PARAMS_SCHEMA,
                description:
                  'For `too_small`/`too_big`: `origin`, `minimum`/`maximum`, `inclusive`; `invalid_format`: `format`; ' +
                  '`invalid_value`: `values`; `custom`: `rule` (e.g. `password.common`, `url.private`) and its values.',
              },
            },
          },
        },
      },
    },
  },
};

/**
 * The OpenAPI 3.1 document, generated from the same procedures (and zod schemas) as the REST
 * handler, then adjusted to what the handler really does: our error envelope, 201/204 statuses,
 * CSV bodies.
 */
export async function buildOpenApiDocument(router: AnyRouter, version: string) {
  // Imported on the first request for the document: few processes ever serve it, and it costs start-up time.
  const { generateOpenApiDocument } = await import('trpc-to-openapi');
  // Every router here is built with our OpenApiMeta (trpc/init.ts); the library's type wants that spelled out.
  const doc = generateOpenApiDocument(router as OpenApiRouter, {
    title: 'Sales Machine API',
    description:
      'REST API for integrations (n8n, Zapier, scripts). Authenticate with `Authorization: Bearer <API token>` ' +
      '(Settings → API tokens) or the session cookie (writes then need a same-origin `Origin`).',
    version,
    baseUrl: '/api',
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'sm_session' },
    },
  });
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Error: ERROR_SCHEMA } };
  for (const route of collectRestRoutes(router)) {
    const pathKey = `/${route.segments.join('/')}`;
    const operation = (doc.paths?.[pathKey] as Record<string, Operation> | undefined)?.[route.method.toLowerCase()];
    if (!operation?.responses) continue;
    for (const [status, response] of Object.entries(operation.responses)) {
      if (Number(status) >= 400) response.content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
    }
    const rest = route.meta.rest;
    const success = operation.responses['200'];
    if (rest?.produces && success) success.content = { [rest.produces]: { schema: { type: 'string' } } };
    if (rest?.successStatus && rest.successStatus !== 200 && success) {
      delete operation.responses['200'];
      if (rest.successStatus === 204) delete success.content;
      operation.responses[String(rest.successStatus)] = success;
    }
    if (rest?.rawBody) operation.requestBody = { required: true, content: { [rest.rawBody]: { schema: { type: 'string' } } } };
  }
  return doc;
}

const SWAGGER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sales Machine API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
// A file rather than an inline script, so the CSP can stay `script-src 'self'`.
const SWAGGER_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', withCredentials: true });`;

export function createDocsHandler(router: AnyRouter, version: string) {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  const sendDocument = (res: ServerResponse) => {
    document ??= buildOpenApiDocument(router, version);
    document.then(
      (built) => sendJson(res, 200, built),
      () => {
        document = undefined;
        sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Could not build the API description' } });
      },
    );
  };
  const swaggerRoot = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const serveAsset = createStaticHandler({ root: swaggerRoot, spaFallback: false, urlPrefix: '/docs/assets' });

  return function handleDocs(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname === '/openapi.json') {
      sendDocument(res);
      return true;
    }
    if (pathname === '/docs' || pathname === '/docs/') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(SWAGGER_PAGE);
      return true;
    }
    if (pathname === '/docs/init.js') {
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      res.end(SWAGGER_INIT);
      return true;
    }
    return serveAsset(req, res, pathname);
  };
}
