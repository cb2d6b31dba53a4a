import { z } from 'zod';
import { authedProcedure, router } from '../trpc/init.js';
import { putSequenceInput, sequenceOutput } from './sequences.schemas.js';
import { getSequence, putSequence } from './sequences.service.js';

const tags = ['sequences'];

export const sequencesRouter = router({
  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/campaigns/{id}/sequence', tags, summary: 'The campaign’s email sequence, with lint warnings' } })
    .input(z.object({ id: z.uuid('Not a valid id') }))
    .output(sequenceOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getSequence(db, input.id))),

  put: authedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/admin/campaigns/{id}/sequence',
        tags,
        summary: 'Replace the campaign’s email sequence',
        description:
          '`{steps:[{delayDays, businessDays?, subject, body, bodyFormat?, variants?:[{subject, body}]}]}`. A blank subject on a follow-up continues the thread (`Re:`). ' +
          '`variants` are versions B–D of a step for an A/B test. Lint warnings come back with the saved sequence; they never block the save.',
      },
    })
    .input(putSequenceInput)
    .output(sequenceOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => putSequence(db, ctx.actor, input))),
});
