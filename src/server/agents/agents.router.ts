import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { UI_LANGUAGES } from '../../shared/enums.js';
import { workspaces } from '../db/schema/index.js';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { agentFields, agentIdSchema, agentOutput, createAgentInput, updateAgentInput } from './agents.schemas.js';
import { createAgent, deleteAgent, getAgent, listAgents, updateAgent } from './agents.service.js';
import { buildSampleReply } from './sample-reply.js';

const tags = ['agents'];

const previewInput = z.object({
  agent: z.object({
    personality: agentFields.personality,
    tone: agentFields.tone.optional(),
    language: agentFields.language.default('auto'),
    templates: agentFields.templates.optional(),
    bookingUrl: agentFields.bookingUrl.optional(),
    confidenceThreshold: agentFields.confidenceThreshold.optional(),
    autoSend: agentFields.autoSend.optional(),
    forbiddenTopics: agentFields.forbiddenTopics.optional(),
    escalationWords: agentFields.escalationWords.optional(),
  }),
  /** The prospect's message to answer; a realistic one in the agent's language when absent. */
  sampleInbound: z.string().trim().max(2000, 'Sample message must be at most 2000 characters').optional(),
  /** Language for an `auto` agent when there is no sample message to detect it from. */
  fallbackLanguage: z.enum(UI_LANGUAGES).optional(),
});

const previewOutput = z.object({
  offline: z.literal(true),
  language: z.enum(UI_LANGUAGES),
  intent: z.enum(['interested', 'question', 'not_now', 'not_interested']),
  confidence: z.number(),
  decision: z.enum(['auto_send', 'review_low_confidence', 'review_escalation', 'review_forbidden_topic', 'review_autosend_off']),
  matched: z.string().nullable(),
  source: z.enum(['template', 'composed']),
  templateName: z.string().nullable(),
  inbound: z.object({ fromName: z.string(), fromEmail: z.string(), company: z.string(), subject: z.string(), body: z.string() }),
  reply: z.object({ subject: z.string(), body: z.string() }),
});

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
      const agent = await ctx.inWorkspace((db) => createAgent(db, ctx.auth.workspace.id, input));
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
        summary: 'An offline, template-based sample reply for the given agent settings (no AI model is called)',
      },
    })
    .input(previewInput)
    .output(previewOutput)
    .mutation(async ({ ctx, input }) => {
      const [workspace] = await ctx.inWorkspace((db) =>
        db.select({ name: workspaces.name, companyName: workspaces.companyName, language: workspaces.language }).from(workspaces).where(eq(workspaces.id, ctx.auth.workspace.id)),
      );
      return buildSampleReply(input.agent, {
        sampleInbound: input.sampleInbound,
        fallbackLanguage: input.fallbackLanguage ?? ctx.auth.user.language ?? workspace?.language ?? 'en',
        senderName: ctx.auth.user.name,
        senderCompany: workspace?.companyName || workspace?.name || ctx.auth.workspace.name,
      });
    }),
});
