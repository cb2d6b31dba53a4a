import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, messages } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { authedProcedure, router } from '../trpc/init.js';
import { enqueueInstantlyPush } from './instantly-push.job.js';
import { instantlyPushStatus } from './instantly-push.service.js';

const tags = ['campaigns'];
const id = z.uuid('Not a valid id');
const statusOutput = z.object({ instantlyCampaignId: z.string().nullable(), pushed: z.number().int(), pending: z.number().int() });

/**
 * A campaign sent through Instantly instead of our mailboxes: which Instantly campaign, how many
 * of its enrolled prospects are pushed as leads, and "push now". The Instantly API key is the
 * workspace's credential (Settings → API keys).
 */
export const instantlyRouter = router({
  status: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/campaigns/{id}/instantly', tags, summary: 'The campaign’s Instantly link and push progress' } })
    .input(z.object({ id }))
    .output(statusOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => instantlyPushStatus(db, input.id))),

  link: authedProcedure
    .meta({ openapi: { method: 'PUT', path: '/admin/campaigns/{id}/instantly', tags, summary: 'Send this campaign through an Instantly campaign (null: our own mailboxes)' } })
    .input(z.object({ id, instantlyCampaignId: z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'Paste the Instantly campaign id').nullable() }))
    .output(statusOutput)
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace(async (db) => {
        // Never both: a campaign with mail of ours still to leave cannot switch to Instantly.
        const [queued] = await db
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.campaignId, input.id), eq(messages.direction, 'outbound'), inArray(messages.state, ['scheduled', 'sending'])))
          .limit(1);
        if (queued && input.instantlyCampaignId) {
          throw new AppError('CONFLICT', 'This campaign has emails scheduled from its own mailboxes: pause it and let them go (or remove them) before sending through Instantly', {
            reason: 'instantly.campaign_has_scheduled_mail',
          });
        }
        const [row] = await db.update(campaigns).set({ instantlyCampaignId: input.instantlyCampaignId }).where(eq(campaigns.id, input.id)).returning({ id: campaigns.id });
        const status = await instantlyPushStatus(db, input.id);
        if (row && status.pending > 0) await enqueueInstantlyPush(db, ctx.actor.workspaceId, input.id);
        return status;
      }),
    ),

  push: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/campaigns/{id}/instantly/push', tags, summary: 'Push the enrolled prospects not yet in Instantly now' } })
    .input(z.object({ id }))
    .output(statusOutput)
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace(async (db) => {
        const status = await instantlyPushStatus(db, input.id);
        if (status.instantlyCampaignId && status.pending > 0) await enqueueInstantlyPush(db, ctx.actor.workspaceId, input.id);
        return status;
      }),
    ),
});
