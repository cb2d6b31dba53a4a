import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { listMessagesInput, messageDetailOutput, outboundMessageOutput, resolveMessageInput } from './messages.schemas.js';
import { getOutboundMessage, listOutboundMessages, resolveMessage } from './messages.service.js';

const tags = ['sending'];

export const messagesRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/messages', tags, summary: 'Outbound sequence messages, newest first (filter by campaign and state)' } })
    .input(listMessagesInput)
    .output(z.object({ items: z.array(outboundMessageOutput) }))
    .query(({ ctx, input }) => ctx.inWorkspace((db) => listOutboundMessages(db, input))),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/messages/{id}', tags, summary: 'One outbound message with its headers and MIME source (the sandbox outbox keeps it)' } })
    .input(z.object({ id: z.uuid('Not a valid id') }))
    .output(messageDetailOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getOutboundMessage(db, input.id))),

  resolve: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/messages/{id}/resolve',
        tags,
        summary: 'Settle a message whose outcome is unknown: `decision: "sent"` (it did leave) or `"requeue"` (send it again)',
        description: 'Only a message in state `unknown` (the process stopped mid-send) can be resolved; otherwise 409. Admins only.',
      },
    })
    .input(resolveMessageInput)
    .output(outboundMessageOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => resolveMessage(db, ctx.actor, input))),
});
