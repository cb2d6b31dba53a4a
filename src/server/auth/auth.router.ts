import { and, eq } from 'drizzle-orm';
import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema, workspaceNameSchema } from '../../shared/auth-rules.js';
import { MEMBER_ROLES, UI_LANGUAGES } from '../../shared/enums.js';
import { memberships, users, workspaces } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { authedProcedure, publicProcedure, router } from '../trpc/init.js';
import type { Context } from '../trpc/context.js';
import { signIn, signUp, type SignedIn } from './auth.service.js';
import { clearedSessionCookie, sessionCookie } from './cookies.js';
import { setActiveWorkspace, invalidateSession } from './sessions.js';
import { workspacesOf } from './request-auth.js';

const userSchema = createSelectSchema(users).pick({ id: true, email: true, name: true });
const workspaceSchema = createSelectSchema(workspaces).pick({ id: true, name: true });
const roleSchema = z.enum(MEMBER_ROLES);

export const sessionOutput = z.object({ user: userSchema, workspace: workspaceSchema, role: roleSchema });
const meOutput = sessionOutput.extend({
  user: userSchema.extend({ language: z.enum(UI_LANGUAGES).nullable() }),
  workspaces: z.array(workspaceSchema.extend({ role: roleSchema })),
  via: z.enum(['session', 'apiToken']),
});

export function setSessionCookie(ctx: Context, token: string): void {
  const expiresAt = new Date(Date.now() + ctx.services.config.sessionInactivityMs);
  ctx.res.appendHeader('Set-Cookie', sessionCookie(token, expiresAt, ctx.secureCookies));
}

export function clientMeta(ctx: Context) {
  const userAgent = ctx.req.headers['user-agent'];
  return { ip: ctx.ip, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

function presentSession({ user, workspace, role }: SignedIn) {
  return { user, workspace, role };
}

export const authRouter = router({
  signUp: publicProcedure
    .meta({
      openapi: { method: 'POST', path: '/auth/sign-up', tags: ['auth'], protect: false, summary: 'Create an account and its workspace' },
      rest: { successStatus: 201 },
    })
    .input(
      z.object({
        email: emailSchema,
        password: passwordSchema,
        name: personNameSchema,
        workspaceName: workspaceNameSchema,
        language: z.enum(UI_LANGUAGES).optional(),
      }),
    )
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await signUp(ctx.services.database, input, clientMeta(ctx));
      setSessionCookie(ctx, result.token);
      ctx.log.info({ userId: result.user.id, workspaceId: result.workspace.id }, 'account created');
      return presentSession(result);
    }),

  signIn: publicProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/sign-in', tags: ['auth'], protect: false, summary: 'Sign in with email and password' } })
    // No password rules here: an old password that predates a rule must still sign in.
    .input(z.object({ email: emailSchema, password: z.string().min(1, 'Password is required').max(1000) }))
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await signIn(ctx.services.database, input, clientMeta(ctx));
      setSessionCookie(ctx, result.token);
      return presentSession(result);
    }),

  signOut: publicProcedure
    .meta({
      openapi: { method: 'POST', path: '/auth/sign-out', tags: ['auth'], protect: false, summary: 'End the current session' },
      rest: { successStatus: 204 },
    })
    .input(z.object({}).optional())
    .output(z.void())
    .mutation(async ({ ctx }) => {
      if (ctx.auth?.sessionId) await invalidateSession(ctx.services.database.db, ctx.auth.sessionId);
      ctx.res.appendHeader('Set-Cookie', clearedSessionCookie(ctx.secureCookies));
    }),

  me: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/me', tags: ['auth'], summary: 'The signed-in user, workspace and role' } })
    .input(z.object({}).optional())
    .output(meOutput)
    .query(async ({ ctx }) => ({
      user: ctx.auth.user,
      workspace: ctx.auth.workspace,
      role: ctx.auth.role,
      workspaces: await workspacesOf(ctx.services.database, ctx.auth.user.id),
      via: ctx.auth.via,
    })),

  switchWorkspace: authedProcedure
    .input(z.object({ workspaceId: z.uuid() }))
    .output(z.object({ workspace: workspaceSchema }))
    .mutation(async ({ ctx, input }) => {
      const sessionId = ctx.auth.sessionId;
      if (!sessionId) throw new AppError('BAD_REQUEST', 'API tokens are bound to one workspace');
      const [row] = await ctx.services.database.withWorkspace(input.workspaceId, (db) =>
        db
          .select({ id: workspaces.id, name: workspaces.name })
          .from(memberships)
          .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
          .where(and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.userId, ctx.auth.user.id))),
      );
      if (!row) throw new AppError('NOT_FOUND', 'Workspace not found');
      await setActiveWorkspace(ctx.services.database.db, sessionId, row.id);
      return { workspace: row };
    }),

  setLanguage: authedProcedure
    .input(z.object({ language: z.enum(UI_LANGUAGES) }))
    .output(z.object({ language: z.enum(UI_LANGUAGES) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.database.db.update(users).set({ language: input.language }).where(eq(users.id, ctx.auth.user.id));
      return { language: input.language };
    }),
});
