import { z } from 'zod';
import { DEFAULT_LLM_MODEL } from '../../shared/credential-fields.js';
import { adminProcedure, router } from '../trpc/init.js';
import { verifyCredential } from './connection-test.js';
import { credentialView, saveCredentialInput, serviceSchema, verifyOutput } from './credentials.schemas.js';
import { deleteCredential, listCredentials, saveCredential } from './credentials.service.js';

const tags = ['settings'];

/** Third-party credentials: admins only (members get 403, even to read). */
export const credentialsRouter = router({
  list: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/settings/credentials', tags, summary: 'List stored credentials (never the secrets)' } })
    .input(z.object({}).optional())
    .output(z.array(credentialView))
    .query(({ ctx }) => ctx.inWorkspace((db) => listCredentials(db, ctx.services.secretBox))),

  /** What applies when a field is left empty (shown as placeholders). */
  defaults: adminProcedure
    .input(z.object({}).optional())
    .output(z.object({ openaiBaseUrl: z.string(), model: z.string(), allowPrivateNetworkUrls: z.boolean() }))
    .query(({ ctx }) => ({
      openaiBaseUrl: ctx.services.config.apiUrls.openai,
      model: DEFAULT_LLM_MODEL,
      allowPrivateNetworkUrls: ctx.services.config.allowPrivateNetworkUrls,
    })),

  save: adminProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/admin/settings/credentials/{service}',
        tags,
        summary: 'Create or update a credential; omitted fields keep their stored value',
      },
    })
    .input(saveCredentialInput)
    .output(credentialView)
    .mutation(async ({ ctx, input }) => {
      const { service, ...changes } = input;
      const view = await ctx.inWorkspace((db) =>
        saveCredential(db, ctx.services.secretBox, {
          workspaceId: ctx.actor.workspaceId,
          service,
          changes,
          allowPrivate: ctx.services.config.allowPrivateNetworkUrls,
        }),
      );
      ctx.log.info({ service, userId: ctx.actor.userId }, 'credential saved');
      return view;
    }),

  verify: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/settings/credentials/{service}/verify',
        tags,
        summary: 'Test the connection with a cheap real call and record the result',
      },
    })
    .input(z.object({ service: serviceSchema }))
    .output(verifyOutput)
    .mutation(({ ctx, input }) =>
      verifyCredential(ctx.services, { workspaceId: ctx.actor.workspaceId, workspaceName: ctx.auth.workspace.name, log: ctx.log }, input.service),
    ),

  remove: adminProcedure
    .meta({
      openapi: { method: 'DELETE', path: '/admin/settings/credentials/{service}', tags, summary: 'Delete a credential' },
      rest: { successStatus: 204 },
    })
    .input(z.object({ service: serviceSchema }))
    .output(z.void())
    .mutation(async ({ ctx, input }) => {
      await ctx.inWorkspace((db) => deleteCredential(db, input.service));
      ctx.log.info({ service: input.service, userId: ctx.actor.userId }, 'credential deleted');
    }),
});
