import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { AnyRouter } from '@trpc/server';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { AppServices } from '../services.js';
import { createContext } from '../trpc/context.js';
import { exceedsDepth, tooDeepError } from '../trpc/input-guard.js';
import { errorEnvelope } from '../error-envelope.js';
import type { Meta } from '../trpc/init.js';
import { readBody, sendError, sendJson } from './body.js';

type ProcedureLike = {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: Meta; inputs: unknown[] };
};

export type RestRoute = {
  method: string;
  segments: string[];
  procedurePath: string;
  meta: Meta;
  /** Fields of the input that are arrays: a single query parameter becomes a one-item array. */
  arrayFields: Set<string>;
};

/** Every procedure that declares `meta.openapi` becomes a REST route under /api. */
export function collectRestRoutes(router: AnyRouter): RestRoute[] {
  const routes: RestRoute[] = [];
  const procedures = router._def.procedures as Record<string, ProcedureLike>;
  for (const [procedurePath, procedure] of Object.entries(procedures)) {
    const meta = procedure._def.meta;
    if (!meta?.openapi || meta.openapi.enabled === false) continue;
    routes.push({
      method: meta.openapi.method,
      segments: splitPath(meta.openapi.path),
      procedurePath,
      meta,
      arrayFields: arrayFieldsOf(procedure._def.inputs[0]),
    });
  }
  return routes;
}

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function arrayFieldsOf(schema: unknown): Set<string> {
  const fields = new Set<string>();
  if (!(schema instanceof z.ZodObject)) return fields;
  const shape: Record<string, z.ZodType> = schema.shape;
  for (const [key, field] of Object.entries(shape)) {
    let inner: z.ZodType = field;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) {
      inner = inner.unwrap() as z.ZodType;
    }
    if (inner instanceof z.ZodArray) fields.add(key);
  }
  return fields;
}

function matchRoute(routes: RestRoute[], method: string, pathname: string) {
  const parts = splitPath(pathname);
  let pathMatched = false;
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = route.segments.every((segment, i) => {
      const part = parts[i]!;
      if (segment.startsWith('{') && segment.endsWith('}')) {
        params[segment.slice(1, -1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (!matches) continue;
    pathMatched = true;
    if (route.method === method) return { route, params, pathMatched };
  }
  return { route: undefined, params: {}, pathMatched };
}

function queryInput(url: URL, arrayFields: Set<string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    input[key] = arrayFields.has(key) ? values.flatMap((v) => v.split(',')).filter(Boolean) : values[values.length - 1];
  }
  return input;
}

/**
 * The REST face of the tRPC procedures: same procedures, same zod schemas, same context; only the
 * envelope differs (`{error:{code, message, issues?}}`, real status codes, CSV in and out).
 */
export function createRestHandler(services: AppServices, router: AnyRouter) {
  const routes = collectRestRoutes(router);
  const createCaller = router.createCaller as (ctx: unknown) => Record<string, unknown>;

  return async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL, pathname: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const { route, params, pathMatched } = matchRoute(routes, method, pathname);
    res.setHeader('Cache-Control', 'no-store');
    if (!route) {
      if (pathMatched) {
        const allowed = routes.filter((r) => matchRoute([r], r.method, pathname).route).map((r) => r.method);
        return sendError(res, 405, { code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed here`, reason: 'request.method_not_allowed', params: { method } }, { Allow: allowed.join(', ') });
      }
      return sendError(res, 404, { code: 'NOT_FOUND', message: `No endpoint ${method} /api${pathname}`, reason: 'request.unknown_endpoint', params: { method, path: `/api${pathname}` } });
    }
    let ctx: Awaited<ReturnType<typeof createContext>> | undefined;
    try {
      const input = await readInput(req, url, route, params, services);
      ctx = await createContext(services, req, res);
      const target = route.procedurePath.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], createCaller(ctx));
      const output = await (target as (input: unknown) => Promise<unknown>)(input);
      const status = route.meta.rest?.successStatus ?? 200;
      if (status === 204) {
        res.statusCode = 204;
        res.end();
      } else if (route.meta.rest?.produces) {
        res.statusCode = status;
        res.setHeader('Content-Type', `${route.meta.rest.produces}; charset=utf-8`);
        if (route.meta.rest.downloadName) res.setHeader('Content-Disposition', `attachment; filename="${route.meta.rest.downloadName}"`);
        res.end(String(output));
      } else {
        sendJson(res, status, output);
      }
    } catch (cause) {
      const error = toTrpcError(cause);
      const status = getHTTPStatusCodeFromError(error);
      const internal = status >= 500;
      if (internal) (ctx?.log ?? services.logger).error({ err: error.cause ?? error, path: pathname }, 'REST request failed');
      const headers: Record<string, string> = {};
      if (error.cause instanceof AppError && error.cause.retryAfter) headers['Retry-After'] = String(error.cause.retryAfter);
      sendError(res, status, errorEnvelope(error, internal), headers);
    }
  };
}

function toTrpcError(cause: unknown): TRPCError {
  if (cause instanceof TRPCError) {
    if (cause.cause instanceof AppError) return new TRPCError({ code: cause.cause.code, message: cause.cause.message, cause: cause.cause });
    return cause;
  }
  if (cause instanceof AppError) return new TRPCError({ code: cause.code, message: cause.message, cause });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error', cause });
}

async function readInput(
  req: IncomingMessage,
  url: URL,
  route: RestRoute,
  params: Record<string, string>,
  services: AppServices,
): Promise<Record<string, unknown>> {
  const query = queryInput(url, route.arrayFields);
  if (route.method === 'GET' || route.method === 'DELETE') return { ...query, ...params };
  const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const raw = route.meta.rest?.rawBody;
  if (raw) {
    if (contentType !== raw) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as ${raw}`, { reason: 'request.media_type', params: { type: raw } });
    return { ...query, ...params, body: await readBody(req, services.config.maxUploadBytes) };
  }
  const text = await readBody(req, services.config.maxBodyBytes);
  if (text.trim() === '') return { ...query, ...params };
  if (contentType !== 'application/json') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', { reason: 'request.media_type', params: { type: 'application/json' } });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not valid JSON', { reason: 'request.invalid_json' });
  }
  // Refused before anything walks it recursively (the procedures' input checks, zod).
  if (exceedsDepth(body)) throw tooDeepError();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('BAD_REQUEST', 'The body must be a JSON object', { reason: 'request.not_object' });
  return { ...query, ...(body as Record<string, unknown>), ...params };
}
