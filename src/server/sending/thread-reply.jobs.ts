import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { messages } from '../db/schema/index.js';
import { defineJob, retryAt, workspaceServiceDeps } from '../jobs/definitions.js';
import { enqueue } from '../jobs/queue.js';
import { sendThreadReply, type ThreadReplyDeps, type ThreadReplySendResult } from './thread-reply.service.js';

/** Sends one queued in-thread answer when it is due (after the agent's undo window). */
export const threadReplySendJob = defineJob({
  name: 'sending.thread_reply',
  family: 'send',
  scope: 'workspace',
  payload: z.object({ messageId: z.uuid() }),
  attempts: 3,
  async handler(ctx) {
    const deps = workspaceServiceDeps(ctx);
    const result = await sendThreadReply(deps, ctx.payload.messageId);
    if (result === 'not_due' || result === 'retry') {
      const [row] = await ctx.inWorkspace((db) => db.select({ at: messages.scheduledAt }).from(messages).where(eq(messages.id, ctx.payload.messageId)));
      if (row?.at) return retryAt(row.at, result === 'retry' ? 'The server refused for now' : 'Waiting for the undo window');
    }
    return { result };
  },
});

/**
 * Sends a queued answer at once, outside its job (an approval, an automatic answer with no undo
 * window). Refused for now (a 429, a mail server's 4xx), it is back on the queue for later — and
 * the job queued with it may already have run and found it taken, so the job is queued again for
 * that time (a no-op when it is still queued).
 */
export async function sendThreadReplyNow(deps: ThreadReplyDeps, messageId: string): Promise<ThreadReplySendResult> {
  const result = await sendThreadReply(deps, messageId);
  if (result !== 'retry') return result;
  await deps.inWorkspace(async (db) => {
    const [row] = await db.select({ at: messages.scheduledAt, workspaceId: messages.workspaceId, state: messages.state }).from(messages).where(eq(messages.id, messageId));
    if (row?.at && row.state === 'scheduled') await enqueue(db, threadReplySendJob, { messageId }, { workspaceId: row.workspaceId, runAt: row.at, dedupeKey: `thread-reply:${messageId}` });
  });
  return result;
}
