import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '../../shared/enums.js';
import { updateCampaign } from '../campaigns/campaigns.service.js';
import { authedProcedure, router } from '../trpc/init.js';
import { activeEnrolmentCount, enrolProspect, launchPreflight, PREFLIGHT_ITEMS } from './enrolment.service.js';

const tags = ['sending'];
const id = z.uuid('Not a valid id');

const preflightOutput = z.object({
  ok: z.boolean(),
  checks: z.array(z.object({ item: z.enum(PREFLIGHT_ITEMS), ok: z.boolean(), reason: z.string().nullable(), message: z.string().nullable() })),
  eligibleProspects: z.number().int(),
  inOtherSequences: z.number().int(),
  /** When the first email would leave if launched now (campaign window and zone); null without a step. */
  firstSendAt: z.date().nullable(),
});

export const launchRouter = router({
  preflight: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/campaigns/{id}/preflight', tags, summary: 'What launching the campaign needs, item by item, and how many prospects would enter' } })
    .input(z.object({ id }))
    .output(preflightOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => launchPreflight(db, input.id))),

  launch: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/campaigns/{id}/launch',
        tags,
        summary: 'Launch (or resume) the campaign: its prospects enter the sequence',
        description: 'Needs at least one step, one eligible prospect, one mailbox not in error and the workspace’s postal address; otherwise 409 `campaign.preflight_failed` with one issue per unmet item.',
      },
    })
    .input(z.object({ id }))
    .output(z.object({ status: z.enum(CAMPAIGN_STATUSES), enrolledProspects: z.number().int() }))
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace(async (db) => {
        const campaign = await updateCampaign(db, ctx.actor, { id: input.id, status: 'active' });
        return { status: campaign.status, enrolledProspects: await activeEnrolmentCount(db, input.id) };
      }),
    ),

  enrol: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/campaigns/{id}/enrollments',
        tags,
        summary: 'Put one prospect into the campaign’s sequence',
        description: 'A prospect is in at most one active sequence: 409 `enrollment.already_enrolled` names the campaign it is in.',
      },
    })
    .input(z.object({ id, prospectId: id }))
    .output(z.object({ enrolled: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => enrolProspect(db, input.id, input.prospectId, new Date()))),
});
