import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema } from '../../shared/auth-rules.js';
import { MEMBER_ROLES } from '../../shared/enums.js';
import { invitations } from '../db/schema/index.js';
import { sessionOutput } from '../auth/auth.schemas.js';
import { setSessionCookie } from '../auth/cookies.js';
import { openSession } from '../auth/auth.service.js';
import { setActiveWorkspace } from '../auth/sessions.js';
import { adminProcedure, publicProcedure, router } from '../trpc/init.js';
import { acceptInvitation, createInvitation, inspectInvitation, listInvitations, revokeInvitation } from './invitations.service.js';

const tokenInput = z.string().trim().min(10).max(300);
const invitationRow = createSelectSchema(invitations)
  .pick({ id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdAt: true })
  .extend({ invitedByName: z.string().nullable() });

export const invitationsRouter = router({
  create: adminProcedure
    .input(z.object({ email: emailSchema.optional(), role: z.enum(MEMBER_ROLES).default('member') }))
    .output(z.object({ id: z.string(), url: z.string(), expiresAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const invitation = await ctx.inWorkspace((db) =>
        createInvitation(db, { workspaceId: ctx.actor.workspaceId, invitedBy: ctx.actor.userId, role: input.role, email: input.email ?? null }),
      );
      // The secret is shown once, inside this link; only its hash is stored.
      return { id: invitation.id, url: `${ctx.origin}/invite/${invitation.token}`, expiresAt: invitation.expiresAt };
    }),

  list: adminProcedure.output(z.array(invitationRow)).query(({ ctx }) => ctx.inWorkspace(listInvitations)),

  revoke: adminProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.inWorkspace((db) => revokeInvitation(db, input.id));
      return { ok: true as const };
    }),

  inspect: publicProcedure
    .input(z.object({ token: tokenInput }))
    .output(
      z.object({
        workspaceName: z.string(),
        email: z.string().nullable(),
        role: z.enum(MEMBER_ROLES),
        status: z.enum(['valid', 'expired', 'used', 'revoked']),
        expiresAt: z.date(),
      }),
    )
    .query(({ ctx, input }) => inspectInvitation(ctx.services.database, input.token)),

  accept: publicProcedure
    .input(
      z.object({
        token: tokenInput,
        account: z.object({ email: emailSchema.optional(), name: personNameSchema, password: passwordSchema }).optional(),
      }),
    )
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const { database } = ctx.services;
      const accepted = await acceptInvitation(database, input.token, {
        signedInUser: ctx.auth?.via === 'session' ? ctx.auth.user : null,
        account: input.account,
      });
      if (ctx.auth?.sessionId) {
        await setActiveWorkspace(database.db, ctx.auth.sessionId, accepted.workspace.id);
        return accepted;
      }
      const session = await openSession(database, accepted.user, accepted.workspace.id, ctx.client);
      setSessionCookie(ctx, session.token);
      return { user: session.user, workspace: session.workspace, role: session.role };
    }),
});
