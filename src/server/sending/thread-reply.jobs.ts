import type { Db } from '../db/database.js';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { messages } from '../db/schema/index.js';
import { defineJob, retryAt } from '../jobs/definitions.js';
import { sendThreadReply } from './thread-reply.service.js';

/** Sends one queued in-thread answer when it is due (after the agent's undo window). */
export const threadReplySendJob = defineJob({
  name: 'sending.thread_reply',
  family: 'send',
  scope: 'workspace',
  payload: z.object({ messageId: z.uuid() }),
  attempts: 3,
  async handler(ctx) {
    const deps = { inWorkspace: <T>(fn: (db: Db) => Promise<T>) => ctx.inWorkspace(fn), config: ctx.services.config, secretBox: ctx.services.secretBox, logger: ctx.log };
    const result = await sendThreadReply(deps, ctx.payload.messageId);
    if (result === 'not_due' || result === 'retry') {
      const [row] = await ctx.inWorkspace((db) => db.select({ at: messages.scheduledAt }).from(messages).where(eq(messages.id, ctx.payload.messageId)));
      if (row?.at) return retryAt(row.at, result === 'retry' ? 'The mail server refused for now' : 'Waiting for the undo window');
    }
    return { result };
  },
});
