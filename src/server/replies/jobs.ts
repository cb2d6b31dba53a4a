import type { Db } from '../db/database.js';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../db/database.js';
import { defineJob, defineJobModule } from '../jobs/definitions.js';
import { enqueue } from '../jobs/queue.js';
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
    const deps = { inWorkspace: <T>(fn: (db: Db) => Promise<T>) => ctx.inWorkspace(fn), config: ctx.services.config, secretBox: ctx.services.secretBox, logger: ctx.log };
    const result = await pollMailbox(deps, ctx.payload.mailboxId, ctx.payload.folder);
    const { decisionJobIds, ...summary } = result;
    return { ...summary, decisions: decisionJobIds.length };
  },
});

/** On IMAP_POLL_CRON: one poll per mailbox with IMAP settings, across workspaces. */
export const imapTickJob = defineJob({
  name: 'replies.imap_tick',
  family: 'ingest',
  scope: 'system',
  payload: z.object({}),
  attempts: 1,
  async handler({ services }) {
    return services.database.asSystem(async (db) => {
      const rows = await queryRows<{ id: string; workspace_id: string }>(
        db,
        sql`select id, workspace_id from mailboxes where kind <> 'sandbox' and imap_host is not null and imap_user is not null`,
      );
      // Deduplicated per mailbox: a poll still queued or running is not doubled by the next tick.
      for (const row of rows) await enqueue(db, pollMailboxJob, { mailboxId: row.id }, { workspaceId: row.workspace_id, dedupeKey: `imap-poll:${row.id}` });
      return { mailboxes: rows.length };
    });
  },
});

export const repliesJobs = defineJobModule({
  name: 'replies',
  jobs: [pollMailboxJob, imapTickJob],
  schedules: [{ job: imapTickJob, cron: (config) => config.jobs.imapPollCron }],
});
