import { z } from 'zod';
import { cancelDecision } from '../agent/cancel.service.js';
import { agentDecideJob } from '../agent/jobs.js';
import { runJobNow } from '../jobs/run-now.js';
import { appUrlOf } from '../sending/send-tick.service.js';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { rotateWebhookSecret, webhookSecretInClear } from '../webhooks/webhook-endpoints.service.js';
import { SIMULATED_INTENTS, simulateSandboxReply } from './sandbox-reply.service.js';

const tags = ['replies'];
const webhookOutput = z.object({ url: z.string(), secret: z.string(), signatureHeader: z.literal('X-Signature'), format: z.string() });
const FORMAT = 'sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>';

export const repliesRouter = router({
  inboundWebhook: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/settings/inbound-webhook', tags, summary: 'The inbound-email webhook URL and its signing secret (created on first use)' } })
    .input(z.object({}).optional())
    .output(webhookOutput)
    .query(async ({ ctx }) => {
      const origin = appUrlOf(ctx.services.config);
      const { url, secret } = await ctx.inWorkspace((db) => webhookSecretInClear(db, ctx.services.secretBox, { workspaceId: ctx.actor.workspaceId, origin, provider: 'inbound_email' }));
      return { url, secret, signatureHeader: 'X-Signature' as const, format: FORMAT };
    }),

  rotateInboundWebhook: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/settings/inbound-webhook/rotate', tags, summary: 'A new signing secret; the old one stops working at once' } })
    .input(z.object({}).optional())
    .output(webhookOutput)
    .mutation(async ({ ctx }) => {
      const origin = appUrlOf(ctx.services.config);
      const { url, secret } = await ctx.inWorkspace((db) =>
        rotateWebhookSecret(db, ctx.services.secretBox, { workspaceId: ctx.actor.workspaceId, origin, provider: 'inbound_email', actorUserId: ctx.actor.userId }),
      );
      ctx.log.info('inbound webhook secret rotated');
      return { url, secret, signatureHeader: 'X-Signature' as const, format: FORMAT };
    }),

  simulateReply: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/messages/{id}/simulate-reply',
        tags,
        summary: 'Sandbox: the prospect answers this message (your `text`, or a sample for `intent`); the agent decides at once',
        description: 'Only for a message the sandbox mailbox sent (409 otherwise). Goes through the same ingestion and decision as real mail.',
      },
    })
    .input(z.object({ id: z.uuid('Not a valid id'), text: z.string().trim().max(10_000).optional(), intent: z.enum(SIMULATED_INTENTS).optional(), language: z.enum(['en', 'fr']).optional() }))
    .output(z.object({ status: z.enum(['stored', 'duplicate', 'ignored']), messageId: z.uuid().nullable(), reason: z.string().nullable(), decided: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.inWorkspace((db) => simulateSandboxReply(db, { messageId: input.id, text: input.text, intent: input.intent, language: input.language }));
      const decided = result.decisionJobId ? await runJobNow(ctx.services, agentDecideJob, result.decisionJobId) : false;
      return { status: result.status, messageId: result.messageId ?? null, reason: result.reason ?? null, decided };
    }),

  cancelDecision: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/ai-decisions/{id}/cancel', tags, summary: 'Undo an automatic answer still inside its undo window (409 once it is sending or sent)' } })
    .input(z.object({ id: z.uuid('Not a valid id') }))
    .output(z.object({ id: z.uuid(), status: z.literal('cancelled') }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => cancelDecision(db, ctx.actor, input.id))),
});
