import { z } from 'zod';
import { adminProcedure, router } from '../trpc/init.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js';

const tags = ['api-tokens'];
const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

/** API tokens: admins only. The token itself is returned once, by `create`. */
export const apiTokensRouter = router({
  create: adminProcedure
    .meta({
      openapi: { method: 'POST', path: '/admin/api-tokens', tags, summary: 'Create an API token (the token is shown only in this answer)' },
      rest: { successStatus: 201 },
    })
    .input(z.object({ name: z.string().trim().min(1, 'Name is required').max(100, 'must be at most 100 characters') }))
    .output(z.object({ id: z.string(), token: z.string(), name: z.string(), createdAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const created = await ctx.inWorkspace((db) =>
        createApiToken(db, { workspaceId: ctx.actor.workspaceId, name: input.name, createdBy: ctx.actor.userId }),
      );
      ctx.log.info({ tokenId: created.id, userId: ctx.actor.userId }, 'API token created');
      return created;
    }),

  list: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/api-tokens', tags, summary: 'List active API tokens (never the secrets)' } })
    .input(z.object({}).optional())
    .output(z.array(tokenView))
    .query(({ ctx }) => ctx.inWorkspace(listApiTokens)),

  revoke: adminProcedure
    .meta({
      openapi: { method: 'DELETE', path: '/admin/api-tokens/{id}', tags, summary: 'Revoke an API token' },
      rest: { successStatus: 204 },
    })
    .input(z.object({ id: z.string().regex(/^[a-z2-9]{16,64}$/, 'is not an API token id') }))
    .output(z.void())
    .mutation(async ({ ctx, input }) => {
      await ctx.inWorkspace((db) => revokeApiToken(db, input.id));
      ctx.log.info({ tokenId: input.id, userId: ctx.actor.userId }, 'API token revoked');
    }),
});
