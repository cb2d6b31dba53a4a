import { bigint, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { workspaces } from './identity.js';
import { mailboxes } from './settings.js';

/**
 * Where IMAP polling resumes, per mailbox and folder (see replies/imap-cursor.ts): UIDVALIDITY,
 * the last UID handed on, and the INTERNALDATE that bounds the re-read after a UIDVALIDITY change.
 */
export const imapCursors = pgTable(
  'imap_cursors',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    folder: text('folder').notNull().default('INBOX'),
    uidValidity: text('uid_validity').notNull(),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
    lastInternalDate: text('last_internal_date'),
    lastPolledAt: tstz('last_polled_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('imap_cursors_mailbox_folder_idx').on(t.mailboxId, t.folder), workspaceIsolation()],
);

