import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { errorEnvelope } from '../error-envelope.js';
import { AppError } from '../errors.js';
import type { UserActor } from '../actor.js';
import type { Db } from '../db/database.js';
import { requestScope } from '../db/request-scope.js';
import type { Context } from './context.js';
import { inputProblem, inputProblemError } from './input-guard.js';
import { transformer } from './transformer.js';

/** REST details a procedure can declare beside its `openapi` path (see http/rest.ts). */
export type RestMeta = {
  /** Status on success: 201 for creations, 204 for no content. Default 200. */
  successStatus?: 200 | 201 | 202 | 204;
  /** Response body type when not JSON (the procedure returns the text). */
  produces?: 'text/csv';
  /** File name offered for download when `produces` is set. */
  downloadName?: string;
  /** A non-JSON request body (e.g. `text/csv`), passed to the procedure as `input.body`. */
  rawBody?: 'text/csv';
};
export type Meta = OpenApiMeta<{
  rest?: RestMeta;
  /** Top-level input fields holding whole documents (a CSV file) that the procedure checks row by row itself. */
  documentFields?: string[];
}>;

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Dates (and other non-JSON values) survive the trip to the browser as themselves.
    transformer,
    errorFormatter({ shape, error }) {
      // Validation errors say which field and why; internal errors say nothing about internals.
      const { message, reason, params, issues } = errorEnvelope(error, error.code === 'INTERNAL_SERVER_ERROR');
      return {
        ...shape,
        message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, reason, params, issues },
      };
    },
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Expected failures are thrown as AppError anywhere below; here they become tRPC errors. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

/**
 * Postgres text and jsonb cannot hold U+0000 or a lone UTF-16 surrogate, and reserved keys
 * (`__proto__`…) would poison what we store: any input carrying one would end in a failed statement
 * (500) or an unreadable row. Refused here, once for every procedure, as the bad input it is.
 * Whole documents (a CSV file) are checked row by row by their procedure instead.
 */
const safeInput = t.middleware(async ({ getRawInput, meta, next }) => {
  const raw = await getRawInput();
  const documents = new Set(meta?.documentFields ?? []);
  const checked = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter(([key]) => !documents.has(key))) : raw;
  const problem = inputProblem(checked);
  if (problem) throw inputProblemError(problem);
  return next();
});

export const publicProcedure = t.procedure.use(appErrors).use(safeInput);

export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const auth = ctx.auth;
  if (!auth) {
    if (ctx.credentialsRejected === 'apiToken') throw new AppError('UNAUTHORIZED', 'This API token is invalid or has been revoked', { reason: 'auth.token_invalid' });
    if (ctx.credentialsRejected) throw new AppError('UNAUTHORIZED', 'Your session has expired: sign in again', { reason: 'auth.session_expired' });
    throw new AppError('UNAUTHORIZED', 'Sign in to continue', { reason: 'auth.sign_in_required' });
  }
  const actor: UserActor = { workspaceId: auth.workspace.id, userId: auth.user.id, role: auth.role };
  // A read runs all its workspace queries in one transaction (role and workspace set once); writes
  // and live subscriptions keep a transaction per call, so nothing is held open across their waits.
  const scope = type === 'query' ? requestScope(ctx.services.database, actor.workspaceId) : null;
  try {
    return await next({
      ctx: {
        auth,
        /** Who acts in which workspace: what services take beside the scoped `db`. */
        actor,
        /** Runs `fn` in this request's workspace scope (row-level security applies). */
        inWorkspace: scope?.inWorkspace ?? (<T>(fn: (db: Db) => Promise<T>) => ctx.services.database.withWorkspace(actor.workspaceId, fn)),
      },
    });
  } finally {
    await scope?.finish();
  }
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.role !== 'admin') throw new AppError('FORBIDDEN', 'Only workspace admins can do this', { reason: 'auth.admin_only' });
  return next();
});
