import { z } from 'zod';
import { authedProcedure, router } from '../trpc/init.js';
import { campaignCapacityOutput, mailboxCapacityOutput } from './capacity.schemas.js';
import { campaignCapacity, mailboxesCapacity } from './capacity.service.js';

const tags = ['sending'];

export const capacityRouter = router({
  campaign: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/campaigns/{id}/capacity',
        tags,
        summary: 'What leaves today per mailbox of the campaign, which limit binds, the held prospects, and the forecast',
        description:
          'Per mailbox: `remaining` today and the `binding` limit (`daily_cap`, `warmup`, `window_closed`, `gap`, `mailbox_paused`, `mailbox_error`), with every limit listed. ' +
          'Campaign-wide: `campaign_cap`, `mailboxes`, `due`. `forecast` gives, at today’s pacing and warm-up ramp, the day every enrolled prospect will have had step 1 and the last step.',
      },
    })
    .input(z.object({ id: z.uuid('Not a valid id') }))
    .output(campaignCapacityOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => campaignCapacity(db, input.id, new Date()))),

  mailboxes: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/capacity/mailboxes', tags, summary: 'Today per mailbox, all campaigns: sent, allowed, what can still leave and which limit binds' } })
    .input(z.object({}).optional())
    .output(z.object({ items: z.array(mailboxCapacityOutput) }))
    .query(({ ctx }) => ctx.inWorkspace((db) => mailboxesCapacity(db, new Date()))),
});
