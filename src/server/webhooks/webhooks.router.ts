import { z } from 'zod';
import { WEBHOOK_ENDPOINT_KINDS } from '../../shared/enums.js';
import { appUrlOf } from '../sending/send-tick.service.js';
import { adminProcedure, router } from '../trpc/init.js';
import { registerCalendlyWebhook, removeCalendlyWebhook } from './calendly-subscription.service.js';
import { listWebhookEndpoints, revealWebhookSecret, rotateWebhookSecret, webhookSecretInClear } from './webhook-endpoints.service.js';

const tags = ['settings'];
const provider = z.enum(WEBHOOK_ENDPOINT_KINDS);
const endpointView = z.object({
  provider,
  url: z.string(),
  secretHeader: z.string().nullable(),
  secretLast4: z.string(),
  rotatedAt: z.date().nullable(),
  lastReceivedAt: z.date().nullable(),
  remoteSubscription: z.object({ scope: z.string(), createdAt: z.date(), secretRotatedSince: z.boolean() }).nullable(),
});
const calendlyRegistration = z.object({ registered: z.boolean(), scope: z.enum(['organization', 'user']).nullable(), createdAt: z.date().nullable() });
const secretView = z.object({ provider, url: z.string(), secret: z.string() });
const inboundEmailView = z.object({ url: z.string(), secret: z.string(), signatureHeader: z.literal('X-Signature'), format: z.string() });
const FORMAT = 'sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>';

/**
 * The inbound webhooks to paste into Cal.com, Calendly, Instantly and a mail forwarder: admins only. The list never
 * carries a secret; `reveal` does (logged), and `rotate` answers the new one once.
 */
export const webhooksRouter = router({
  list: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/settings/webhooks', tags, summary: 'The Cal.com, Calendly, Instantly and inbound-email webhook URLs (secrets hidden)' } })
    .input(z.object({}).optional())
    .output(z.array(endpointView))
    .query(({ ctx }) => ctx.inWorkspace((db) => listWebhookEndpoints(db, ctx.services.secretBox, { workspaceId: ctx.actor.workspaceId, origin: ctx.origin }))),

  reveal: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/settings/webhooks/{provider}/reveal', tags, summary: 'Show a webhook secret to paste into the provider (recorded)' } })
    .input(z.object({ provider }))
    .output(secretView)
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace((db) => revealWebhookSecret(db, ctx.services.secretBox, { workspaceId: ctx.actor.workspaceId, origin: ctx.origin, provider: input.provider, actorUserId: ctx.actor.userId })),
    ),

  rotate: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/settings/webhooks/{provider}/rotate', tags, summary: 'Replace a webhook secret (the old one stops working at once)' } })
    .input(z.object({ provider }))
    .output(secretView)
    .mutation(async ({ ctx, input }) => {
      const rotated = await ctx.inWorkspace((db) =>
        rotateWebhookSecret(db, ctx.services.secretBox, { workspaceId: ctx.actor.workspaceId, origin: ctx.origin, provider: input.provider, actorUserId: ctx.actor.userId }),
      );
      ctx.log.info({ provider: input.provider, userId: ctx.actor.userId }, 'webhook secret rotated');
      return rotated;
    }),

  registerCalendly: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/settings/webhooks/calendly/subscription',
        tags,
        summary: 'Create the Calendly webhook subscription with the saved personal access token',
        description: 'Organization scope, or user scope when the token is not an organization admin. 422 when Calendly refuses the token or the plan has no webhooks.',
      },
    })
    .input(z.object({}).optional())
    .output(calendlyRegistration)
    .mutation(({ ctx }) =>
      ctx.inWorkspace((db) => registerCalendlyWebhook(db, ctx.services, { workspaceId: ctx.actor.workspaceId, origin: ctx.origin, actorUserId: ctx.actor.userId })),
    ),

  removeCalendly: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/admin/settings/webhooks/calendly/subscription', tags, summary: 'Delete the Calendly webhook subscription we created' } })
    .input(z.object({}).optional())
    .output(calendlyRegistration)
    .mutation(({ ctx }) =>
      ctx.inWorkspace((db) => removeCalendlyWebhook(db, ctx.services, { workspaceId: ctx.actor.workspaceId, origin: ctx.origin, actorUserId: ctx.actor.userId })),
    ),

  // The inbound-email webhook's own endpoints (its REST contract predates the list above).
  inboundWebhook: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/settings/inbound-webhook', tags: ['replies'], summary: 'The inbound-email webhook URL and its signing secret (created on first use)' } })
    .input(z.object({}).optional())
    .output(inboundEmailView)
    .query(async ({ ctx }) => {
      const origin = appUrlOf(ctx.services.config);
      const { url, secret } = await ctx.inWorkspace((db) => webhookSecretInClear(db, ctx.services.secretBox, { workspaceId: ctx.actor.workspaceId, origin, provider: 'inbound_email' }));
      return { url, secret, signatureHeader: 'X-Signature' as const, format: FORMAT };
    }),

  rotateInboundWebhook: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/settings/inbound-webhook/rotate', tags: ['replies'], summary: 'A new signing secret; the old one stops working at once' } })
    .input(z.object({}).optional())
    .output(inboundEmailView)
    .mutation(async ({ ctx }) => {
      const origin = appUrlOf(ctx.services.config);
      const { url, secret } = await ctx.inWorkspace((db) =>
        rotateWebhookSecret(db, ctx.services.secretBox, { workspaceId: ctx.actor.workspaceId, origin, provider: 'inbound_email', actorUserId: ctx.actor.userId }),
      );
      ctx.log.info('inbound webhook secret rotated');
      return { url, secret, signatureHeader: 'X-Signature' as const, format: FORMAT };
    }),
});
