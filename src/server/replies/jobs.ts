import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, defineJobModule, workspaceServiceDeps } from '../jobs/definitions.js';
import { defineFanOutTick } from '../jobs/fan-out.js';
import { pollMailbox } from './imap-poll.service.js';

/** One mailbox's IMAP poll (family `ingest`). */
export const pollMailboxJob = defineJob({
  name: 'replies.poll_mailbox',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({ mailboxId: z.uuid(), folder: z.string().min(1).max(200).optional() }),
  // The next tick is the retry: a poll that failed reads the same messages again then.
  attempts: 1,
  async handler(ctx) {
    const result = await pollMailbox(workspaceServiceDeps(ctx), ctx.payload.mailboxId, ctx.payload.folder);
    const { decisionJobIds, ...summary } = result;
    return { ...summary, decisions: decisionJobIds.length };
  },
});

/** On IMAP_POLL_CRON: one poll per mailbox with IMAP settings, across workspaces. */
export const imapTickJob = defineFanOutTick<{ id: string; workspace_id: string }>({
  name: 'replies.imap_tick',
  family: 'ingest',
  target: pollMailboxJob,
  select: sql`select id, workspace_id from mailboxes where kind <> 'sandbox' and imap_host is not null and imap_user is not null`,
  payload: (row) => ({ mailboxId: row.id }),
  dedupeKey: (row) => `imap-poll:${row.id}`,
});

export const repliesJobs = defineJobModule({
  name: 'replies',
  jobs: [pollMailboxJob, imapTickJob],
  schedules: [{ job: imapTickJob, cron: (config) => config.jobs.imapPollCron }],
});
