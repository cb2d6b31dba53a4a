import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { imapCursors, mailboxes } from '../db/schema/index.js';
import { readImapFolder, type ImapSettings } from '../integrations/imap.js';
import type { Logger } from '../logger.js';
import { openStoredSecret } from '../mailboxes/stored-secrets.js';
import { advanceCursor, planImapFetch, selectNewMessages, type ImapCursor, type ImapFetchPlan } from './imap-cursor.js';
import { parseInboundMail } from './inbound-mail.js';
import { ingestInboundMail, type IngestResult } from './ingest.service.js';

/**
 * One poll of one mailbox folder: read the cursor → fetch what the plan says (imapflow) → ingest
 * each new message in its own transaction → store the advanced cursor. The cursor only moves past
 * messages that were handled, so a crash mid-poll re-reads (the Message-ID dedupe drops repeats)
 * and never skips.
 */
export type PollDeps = { inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>; config: Config; secretBox: SecretBox; logger: Logger; now?: () => Date };
export type PollResult = { ok: boolean; error?: string; reason?: ImapFetchPlan['reason']; fetched: number; stored: number; duplicates: number; ignored: number; failed: number; decisionJobIds: string[] };

export const DEFAULT_FOLDER = 'INBOX';

/** Mailboxes of the workspace that have IMAP settings (the sandbox has none). */
export async function pollableMailboxIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: mailboxes.id }).from(mailboxes).where(and(isNotNull(mailboxes.imapHost), isNotNull(mailboxes.imapUser), ne(mailboxes.kind, 'sandbox')));
  return rows.map((row) => row.id);
}

type MailboxImapColumns = Pick<typeof mailboxes.$inferSelect, 'imapHost' | 'imapPort' | 'imapSecure' | 'imapPlaintext' | 'imapUser' | 'imapPasswordCiphertext'>;

/** A mailbox's IMAP settings with the password opened, as the poll and the IDLE watcher connect with them. */
export function imapSettingsOf(mailbox: MailboxImapColumns & { imapHost: string; imapUser: string }, deps: Pick<PollDeps, 'config' | 'secretBox'>): ImapSettings {
  return {
    host: mailbox.imapHost,
    port: mailbox.imapPort ?? 993,
    secure: mailbox.imapSecure ?? true,
    plaintext: mailbox.imapPlaintext,
    user: mailbox.imapUser,
    password: mailbox.imapPasswordCiphertext ? openStoredSecret(deps.secretBox, mailbox.imapPasswordCiphertext, 'IMAP password') : null,
    allowPrivate: deps.config.allowPrivateNetworkUrls,
  };
}

export async function pollMailbox(deps: PollDeps, mailboxId: string, folder = DEFAULT_FOLDER): Promise<PollResult> {
  const result: PollResult = { ok: true, fetched: 0, stored: 0, duplicates: 0, ignored: 0, failed: 0, decisionJobIds: [] };
  const loaded = await deps.inWorkspace(async (db) => {
    const [mailbox] = await db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
    const [cursor] = await db.select().from(imapCursors).where(and(eq(imapCursors.mailboxId, mailboxId), eq(imapCursors.folder, folder)));
    return { mailbox, cursor };
  });
  const { mailbox } = loaded;
  if (!mailbox?.imapHost || !mailbox.imapUser) return { ...result, ok: false, error: 'The mailbox has no IMAP settings' };
  const stored: ImapCursor | null = loaded.cursor ? { uidValidity: loaded.cursor.uidValidity, lastUid: loaded.cursor.lastUid, lastInternalDate: loaded.cursor.lastInternalDate } : null;
  let plan: ImapFetchPlan | null = null;
  const read = await readImapFolder(
    imapSettingsOf({ ...mailbox, imapHost: mailbox.imapHost, imapUser: mailbox.imapUser }, deps),
    folder,
    (state) => {
      plan = planImapFetch(stored, state);
      return plan.range;
    },
  );
  const now = deps.now?.() ?? new Date();
  if (!read.ok || !plan) {
    const error = read.ok ? 'No folder state' : read.error;
    if (loaded.cursor) await deps.inWorkspace((db) => db.update(imapCursors).set({ lastPolledAt: now, lastError: error.slice(0, 300) }).where(eq(imapCursors.id, loaded.cursor!.id)));
    deps.logger.warn({ mailboxId, error }, 'IMAP poll failed');
    return { ...result, ok: false, error };
  }
  const fetchPlan: ImapFetchPlan = plan;
  result.reason = fetchPlan.reason;
  result.fetched = read.messages.length;
  const processed = [];
  for (const item of selectNewMessages(fetchPlan, read.messages)) {
    try {
      const parsed = await parseInboundMail(item.source);
      if (!parsed.ok) {
        // Not a message we can read: nothing to ingest, and retrying will not change that.
        result.ignored++;
        processed.push({ uid: item.uid, ok: true, internalDate: item.internalDate });
        continue;
      }
      const outcome: IngestResult = await deps.inWorkspace((db) => ingestInboundMail(db, { now: deps.now, rawSource: item.source }, parsed.mail, { kind: 'imap', mailboxId }));
      if (outcome.status === 'stored') result.stored++;
      else if (outcome.status === 'duplicate') result.duplicates++;
      else result.ignored++;
      if (outcome.decisionJobId) result.decisionJobIds.push(outcome.decisionJobId);
      processed.push({ uid: item.uid, ok: true, internalDate: item.internalDate });
    } catch (error) {
      result.failed++;
      deps.logger.error({ err: error, mailboxId, uid: item.uid }, 'could not ingest an IMAP message');
      processed.push({ uid: item.uid, ok: false, internalDate: item.internalDate });
    }
  }
  const next = advanceCursor(fetchPlan, read.messages, processed);
  await deps.inWorkspace(async (db) => {
    const [workspace] = await db.select({ workspaceId: mailboxes.workspaceId }).from(mailboxes).where(eq(mailboxes.id, mailboxId));
    if (!workspace) return;
    const values = { uidValidity: next.uidValidity, lastUid: next.lastUid, lastInternalDate: next.lastInternalDate, lastPolledAt: now, lastError: null };
    await db
      .insert(imapCursors)
      .values({ workspaceId: workspace.workspaceId, mailboxId, folder, ...values })
      .onConflictDoUpdate({ target: [imapCursors.mailboxId, imapCursors.folder], set: values });
  });
  return result;
}
