import { z } from 'zod';
import { cancelDecision } from '../agent/cancel.service.js';
import { agentDecideJob } from '../agent/jobs.js';
import { runJobNow } from '../jobs/run-now.js';
import { authedProcedure, router } from '../trpc/init.js';
import { SIMULATED_INTENTS, simulateSandboxReply } from './sandbox-reply.service.js';

const tags = ['replies'];

export const repliesRouter = router({
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
