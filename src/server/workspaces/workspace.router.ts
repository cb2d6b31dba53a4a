import { z } from 'zod';
import { MEMBER_ROLES } from '../../shared/enums.js';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { listMembers, removeMember, setMemberRole } from './members.service.js';
import { completeOnboarding, finishStep, getOnboarding, goToStep, onboardingOutput, stepSchema } from './onboarding.service.js';
import { countSampleProspects, loadSampleData, removeSampleData, SAMPLE_PROSPECT_COUNT } from './sample-data.js';
import { getWorkspaceSettings, updateWorkspaceSettings, workspaceSettingsInput, workspaceSettingsOutput } from './workspace.service.js';

const tags = ['workspace'];
const memberOutput = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(MEMBER_ROLES),
  joinedAt: z.date(),
  activeApiTokens: z.number().int(),
});
const userIdInput = z.uuid('User id must be a UUID');

const membersRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/members', tags, summary: 'Members of the workspace and their roles' } })
    .input(z.object({}).optional())
    .output(z.array(memberOutput))
    .query(({ ctx }) => ctx.inWorkspace(listMembers)),

  setRole: adminProcedure
    .meta({
      openapi: { method: 'PATCH', path: '/admin/members/{userId}', tags, summary: 'Change a member’s role (the last admin cannot be demoted: 409)' },
    })
    .input(z.object({ userId: userIdInput, role: z.enum(MEMBER_ROLES) }))
    .output(memberOutput)
    .mutation(async ({ ctx, input }) => {
      const member = await ctx.inWorkspace((db) => setMemberRole(db, input.userId, input.role));
      ctx.log.info({ userId: input.userId, role: input.role }, 'member role changed');
      return member;
    }),

  remove: adminProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/admin/members/{userId}',
        tags,
        summary: 'Remove a member: their API tokens are revoked and their sessions lose access at once (the last admin cannot be removed: 409)',
      },
    })
    .input(z.object({ userId: userIdInput }))
    .output(z.object({ ok: z.literal(true), revokedApiTokens: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.inWorkspace((db) => removeMember(db, input.userId));
      ctx.log.info({ userId: input.userId, ...result }, 'member removed');
      return { ok: true as const, ...result };
    }),
});

const onboardingRouter = router({
  /** Also read by the dashboard for its "Finish setting up" banner. */
  state: authedProcedure.output(onboardingOutput).query(({ ctx }) => ctx.inWorkspace((db) => getOnboarding(db, ctx.actor.workspaceId))),

  finishStep: adminProcedure
    .input(z.object({ step: stepSchema, outcome: z.enum(['done', 'skipped']) }))
    .output(onboardingOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => finishStep(db, ctx.actor.workspaceId, input.step, input.outcome))),

  goTo: adminProcedure
    .input(z.object({ step: stepSchema }))
    .output(onboardingOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => goToStep(db, ctx.actor.workspaceId, input.step))),

  complete: adminProcedure.output(onboardingOutput).mutation(({ ctx }) => ctx.inWorkspace((db) => completeOnboarding(db, ctx.actor.workspaceId))),
});

const sampleDataRouter = router({
  status: authedProcedure
    .input(z.object({ campaignId: z.uuid('Campaign id must be a UUID').optional() }).optional())
    .output(z.object({ count: z.number().int(), inCampaign: z.number().int().nullable(), available: z.number().int() }))
    .query(({ ctx, input }) =>
      ctx.inWorkspace(async (db) => ({
        count: await countSampleProspects(db),
        inCampaign: input?.campaignId ? await countSampleProspects(db, input.campaignId) : null,
        available: SAMPLE_PROSPECT_COUNT,
      })),
    ),

  load: authedProcedure
    .input(z.object({ campaignId: z.uuid('Campaign id must be a UUID') }))
    .output(z.object({ inserted: z.number().int(), total: z.number().int() }))
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace((db) => loadSampleData(db, { workspaceId: ctx.actor.workspaceId, campaignId: input.campaignId, userId: ctx.actor.userId })),
    ),

  remove: authedProcedure
    .output(z.object({ removed: z.number().int() }))
    .mutation(({ ctx }) => ctx.inWorkspace((db) => removeSampleData(db, ctx.actor))),
});

export const workspaceRouter = router({
  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/workspace', tags, summary: 'Workspace settings' } })
    .input(z.object({}).optional())
    .output(workspaceSettingsOutput)
    .query(({ ctx }) => ctx.inWorkspace((db) => getWorkspaceSettings(db, ctx.actor.workspaceId))),

  update: adminProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/admin/workspace',
        tags,
        summary: 'Change workspace settings: name, company name, postal address (email footers), time zone, language, retention (days)',
      },
    })
    .input(workspaceSettingsInput)
    .output(workspaceSettingsOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => updateWorkspaceSettings(db, ctx.actor.workspaceId, input))),

  members: membersRouter,
  onboarding: onboardingRouter,
  sampleData: sampleDataRouter,
});
