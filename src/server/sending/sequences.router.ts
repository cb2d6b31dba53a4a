import { z } from 'zod';
import { authedProcedure, router } from '../trpc/init.js';
import { putSequenceInput, sequenceOutput } from './sequences.schemas.js';
import { getSequence, putSequence } from './sequences.service.js';
import { previewInput, previewOutput, testSendInput, testSendOutput } from './preview.schemas.js';
import { previewMessage, sendTestMessage } from './preview.service.js';
import { appUrlOf } from './send-tick.service.js';

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

  preview: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/campaigns/{id}/preview',
        tags,
        summary: 'Render a step for one prospect, as it would be sent',
        description:
          '`{prospectId, step?, variant?, draft?:{subject, body, bodyFormat?}}` (step 0-based, variant 0 = A). Answers the rendered subject, text, HTML and footer, ' +
          'the variables left unresolved and the reason the message would be held (null when it would send). `draft` renders unsaved text instead of the stored step.',
      },
    })
    .input(previewInput)
    .output(previewOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => previewMessage(db, input, appUrlOf(ctx.services.config)))),

  testSend: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/campaigns/{id}/test-send',
        tags,
        summary: 'Send me a test: the step rendered for a prospect, to my own address',
        description:
          'Through the campaign’s first mailbox, subject prefixed `[Test]`. Not a campaign message: no cap counted, nothing recorded in the sequence. ' +
          '409 `sequence.test_no_mailbox` without a mailbox; 422 `sequence.test_held` when the message would be held for this prospect; 422 `sequence.test_failed` when the server refuses it.',
      },
    })
    .input(testSendInput)
    .output(testSendOutput)
    .mutation(({ ctx, input }) =>
      sendTestMessage(input, { name: ctx.auth.user.name, address: ctx.auth.user.email }, {
        inWorkspace: ctx.inWorkspace,
        config: ctx.services.config,
        secretBox: ctx.services.secretBox,
        logger: ctx.log,
        appUrl: appUrlOf(ctx.services.config),
      }),
    ),
});
