import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { agentIdSchema, agentOutput, classifyReplyInput, classifyReplyOutput, createAgentInput, previewReplyInput, previewReplyOutput, updateAgentInput } from './agents.schemas.js';
import { classifyWithAgent } from './agent-verdict.service.js';
import { createAgent, deleteAgent, getAgent, listAgents, previewAgentReply, updateAgent } from './agents.service.js';

const tags = ['agents'];

export const agentsRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/agents', tags, summary: 'List the AI agents (the default first)' } })
    .input(z.object({}).optional())
    .output(z.array(agentOutput))
    .query(({ ctx }) => ctx.inWorkspace(listAgents)),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/agents/{id}', tags, summary: 'One AI agent' } })
    .input(z.object({ id: agentIdSchema }))
    .output(agentOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getAgent(db, input.id))),

  create: adminProcedure
    .meta({
      openapi: { method: 'POST', path: '/admin/agents', tags, summary: 'Create an AI agent' },
      rest: { successStatus: 201 },
    })
    .input(createAgentInput)
    .output(agentOutput)
    .mutation(async ({ ctx, input }) => {
      const agent = await ctx.inWorkspace((db) => createAgent(db, ctx.actor.workspaceId, input));
      ctx.log.info({ agentId: agent.id }, 'agent created');
      return agent;
    }),

  update: adminProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/admin/agents/{id}',
        tags,
        summary: 'Change an AI agent; `isDefault: true` makes it the workspace default',
      },
    })
    .input(updateAgentInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => updateAgent(db, input))),

  remove: adminProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/admin/agents/{id}',
        tags,
        summary: 'Delete an AI agent; its campaigns switch to the default agent (the default agent itself cannot be deleted: 409)',
      },
    })
    .input(z.object({ id: agentIdSchema }))
    .output(z.object({ ok: z.literal(true), reassignedCampaigns: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.inWorkspace((db) => deleteAgent(db, input.id));
      ctx.log.info({ agentId: input.id, ...result }, 'agent deleted');
      return { ok: true as const, ...result };
    }),

  previewReply: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/agents/preview-reply',
        tags,
        summary: 'A sample reply for the given agent settings, decided by the same classify-and-decide as live replies (the AI model when configured); nothing is sent',
      },
    })
    .input(previewReplyInput)
    .output(previewReplyOutput)
    .mutation(({ ctx, input }) =>
      previewAgentReply({ inWorkspace: ctx.inWorkspace, config: ctx.services.config, secretBox: ctx.services.secretBox }, input, { workspace: ctx.auth.workspace, user: ctx.auth.user }),
    ),

  classify: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/agents/{id}/classify',
        tags,
        summary: 'Playground: what this agent would do with a reply (intent, confidence, reason, action, draft); nothing is sent',
        description: 'The same classify-and-decide as live replies: the offline classifier first, then the workspace AI model when one is configured. `action` is one of auto_reply, review, suppress, stop, reschedule, create_referral, bounce.',
      },
    })
    .input(classifyReplyInput)
    .output(classifyReplyOutput)
    .mutation(({ ctx, input }) =>
      classifyWithAgent({ inWorkspace: ctx.inWorkspace, config: ctx.services.config, secretBox: ctx.services.secretBox }, { workspaceId: ctx.actor.workspaceId, userName: ctx.auth.user.name }, input),
    ),
});
