import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema, workspaceNameSchema } from '../../shared/auth-rules.js';
import { UI_LANGUAGES } from '../../shared/enums.js';
import { AppError } from '../errors.js';
import { authedProcedure, publicProcedure, router } from '../trpc/init.js';
import { signIn, signUp, type SignedIn } from './auth.service.js';
import { roleSchema, sessionOutput, userSchema, workspaceSchema } from './auth.schemas.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';
import { changePassword, setUserLanguage, switchActiveWorkspace, updateProfile } from './account.service.js';
import { invalidateSession } from './sessions.js';
import { workspacesOf } from './request-auth.js';

const meOutput = sessionOutput.extend({
  user: userSchema.extend({ language: z.enum(UI_LANGUAGES).nullable() }),
  workspaces: z.array(workspaceSchema.extend({ role: roleSchema })),
  via: z.enum(['session', 'apiToken']),
});

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
      const result = await signUp(ctx.services.database, input, ctx.client, ctx.services.config.signUpLimitPerIpPerHour);
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
      const result = await signIn(ctx.services.database, input, ctx.client);
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
      clearSessionCookie(ctx);
    }),

  me: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/me', tags: ['auth'], summary: 'The signed-in user, workspace and role' } })
    .input(z.object({}).optional())
    .output(meOutput)
    .query(async ({ ctx }) => ({
      user: ctx.auth.user,
      workspace: ctx.auth.workspace,
      role: ctx.auth.role,
      workspaces: await workspacesOf(ctx.services.database, ctx.actor.userId),
      via: ctx.auth.via,
    })),

  switchWorkspace: authedProcedure
    .input(z.object({ workspaceId: z.uuid() }))
    .output(z.object({ workspace: workspaceSchema }))
    .mutation(async ({ ctx, input }) => {
      const sessionId = ctx.auth.sessionId;
      if (!sessionId) throw new AppError('BAD_REQUEST', 'API tokens are bound to one workspace', { reason: 'auth.token_one_workspace' });
      const workspace = await switchActiveWorkspace(ctx.services.database, { sessionId, userId: ctx.actor.userId, workspaceId: input.workspaceId });
      return { workspace };
    }),

  setLanguage: authedProcedure
    .input(z.object({ language: z.enum(UI_LANGUAGES) }))
    .output(z.object({ language: z.enum(UI_LANGUAGES) }))
    .mutation(async ({ ctx, input }) => {
      await setUserLanguage(ctx.services.database, ctx.actor.userId, input.language);
      return { language: input.language };
    }),

  updateProfile: authedProcedure
    .meta({ openapi: { method: 'PATCH', path: '/me', tags: ['auth'], summary: 'Change your own name' } })
    .input(z.object({ name: personNameSchema }))
    .output(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => updateProfile(ctx.services.database, ctx.actor.userId, input)),

  changePassword: authedProcedure
    .meta({
      openapi: { method: 'POST', path: '/me/password', tags: ['auth'], summary: 'Change your password (signs out your other sessions)' },
    })
    .input(z.object({ currentPassword: z.string().min(1, 'Current password is required').max(200), newPassword: passwordSchema }))
    .output(z.object({ otherSessionsRevoked: z.number().int() }))
    .mutation(({ ctx, input }) => {
      if (ctx.auth.via !== 'session') throw new AppError('FORBIDDEN', 'Change your password from the app, not with an API token', { reason: 'auth.password_in_app' });
      return changePassword(ctx.services.database, { userId: ctx.actor.userId, sessionId: ctx.auth.sessionId, ...input });
    }),
});
