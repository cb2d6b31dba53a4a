import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/database.js';
import { jobs, mailboxes } from '../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { recordServerCheck } from '../mailboxes/mailboxes.service.js';
import type { AppServices } from '../services.js';
import { MailboxIdleWatcher, DEFAULT_BACKOFF, type WatcherBackoff, type WatcherState } from './imap-idle-watcher.js';
import { imapSettingsOf } from './imap-poll.service.js';
import { pollMailboxJob } from './jobs.js';

/**
 * Keeps one IMAP IDLE watcher per mailbox with IMAP settings (IMAP_IDLE), in each instance that
 * runs jobs. A watcher only queues the mailbox's poll job under the poll's own dedupe key, so any
 * number of instances on one database read each message once: the job claim lets one poll run
 * at a time and the cursor moves past what it read. The set of mailboxes is re-read every
 * `refreshMs`: a removed mailbox, or one whose IMAP settings changed (or were removed), has its
 * watcher stopped (and a new one started with the new settings).
 */
export type ImapIdleOptions = {
  refreshMs?: number;
  backoff?: Partial<WatcherBackoff>;
  /** After a poll was queued: lets the job engine claim it now instead of on its next tick. */
  onQueued?: () => void;
  /** While a poll runs, how often to try again to queue the one that reads the new mail. */
  requeueMs?: number;
};

type WatchableMailbox = {
  id: string;
  workspace_id: string;
  imap_host: string;
  imap_port: number | null;
  imap_secure: boolean | null;
  imap_plaintext: boolean;
  imap_user: string;
  imap_password_ciphertext: string | null;
};

const fingerprint = (row: WatchableMailbox) =>
  JSON.stringify([row.workspace_id, row.imap_host, row.imap_port, row.imap_secure, row.imap_plaintext, row.imap_user, row.imap_password_ciphertext]);

const DEFAULT_REFRESH_MS = 30_000;
const MAX_REQUEUE_TRIES = 120;

export class ImapIdleWatchers {
  private readonly watchers = new Map<string, { watcher: MailboxIdleWatcher; fingerprint: string }>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private readonly backoff: WatcherBackoff;

  constructor(
    private readonly services: AppServices,
    private readonly options: ImapIdleOptions = {},
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  /** Whether the watchers run here (jobs enabled and IMAP_IDLE on). */
  get started(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? DEFAULT_REFRESH_MS);
    this.timer.unref();
  }

  /** Re-reads the mailboxes now (also after a settings change, so it shows without waiting). */
  async refresh(): Promise<void> {
    if (!this.running) return;
    // A sync already under way may have read the list before the change that asks for this one.
    this.syncAgain = this.syncing !== null;
    this.syncing ??= (async () => {
      do {
        this.syncAgain = false;
        await this.sync();
      } while (this.syncAgain && this.running);
    })().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** The watcher's state for a mailbox; null when none watches it. */
  state(mailboxId: string): Readonly<WatcherState> | null {
    return this.watchers.get(mailboxId)?.watcher.state ?? null;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.syncing;
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map(({ watcher }) => watcher.stop()));
  }

  private async sync(): Promise<void> {
    let rows: WatchableMailbox[];
    try {
      rows = await this.services.database.asSystem((db) =>
        queryRows<WatchableMailbox>(
          db,
          sql`select id, workspace_id, imap_host, imap_port, imap_secure, imap_plaintext, imap_user, imap_password_ciphertext
              from mailboxes where kind <> 'sandbox' and imap_host is not null and imap_user is not null`,
        ),
      );
    } catch (error) {
      this.services.logger.error({ err: error }, 'could not list the mailboxes to watch over IMAP IDLE');
      return;
    }
    const wanted = new Map(rows.map((row) => [row.id, row]));
    const stale = [...this.watchers].filter(([id, entry]) => {
      const row = wanted.get(id);
      return !row || fingerprint(row) !== entry.fingerprint;
    });
    for (const [id] of stale) this.watchers.delete(id);
    await Promise.all(stale.map(([, entry]) => entry.watcher.stop()));
    for (const row of rows) {
      if (!this.running || this.watchers.has(row.id)) continue;
      const watcher = this.watcherFor(row);
      this.watchers.set(row.id, { watcher, fingerprint: fingerprint(row) });
      watcher.start();
    }
  }

  private watcherFor(row: WatchableMailbox): MailboxIdleWatcher {
    const { config, secretBox, database, logger } = this.services;
    const mailbox = {
      imapHost: row.imap_host,
      imapPort: row.imap_port,
      imapSecure: row.imap_secure,
      imapPlaintext: row.imap_plaintext,
      imapUser: row.imap_user,
      imapPasswordCiphertext: row.imap_password_ciphertext,
    };
    return new MailboxIdleWatcher(
      row.id,
      {
        settings: () => imapSettingsOf(mailbox, { config, secretBox }),
        onNewMail: () => this.queuePoll(row),
        onLoginOutcome: async (outcome) => {
          await database.withWorkspace(row.workspace_id, async (db) => {
            // A working login only matters to a mailbox whose last check failed; no write per reconnect otherwise.
            const [stored] = await db.select({ ok: mailboxes.lastImapCheckOk }).from(mailboxes).where(eq(mailboxes.id, row.id));
            if (!outcome.ok || stored?.ok === false) await recordServerCheck(db, row.id, 'imap', outcome);
          });
        },
        logger: logger.child({ component: 'imap-idle' }),
      },
      this.backoff,
    );
  }

  /**
   * Queues the mailbox's poll. A poll already queued will read the new mail; one already running
   * may have opened the folder before it arrived, so after it ends another is queued (the poll tick
   * remains the net if that takes too long).
   */
  private async queuePoll(row: WatchableMailbox): Promise<void> {
    for (let tries = 0; tries < MAX_REQUEUE_TRIES && this.running; tries++) {
      const outcome = await this.services.database.withWorkspace(row.workspace_id, async (db) => {
        const queued = await enqueue(db, pollMailboxJob, { mailboxId: row.id }, { workspaceId: row.workspace_id, dedupeKey: `imap-poll:${row.id}` });
        if (!queued.deduplicated) return 'queued';
        const [existing] = await db.select({ state: jobs.state }).from(jobs).where(eq(jobs.id, queued.id));
        return existing?.state === 'running' ? 'running' : 'waiting';
      });
      if (outcome === 'queued') this.options.onQueued?.();
      if (outcome !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, this.options.requeueMs ?? 1000));
    }
  }
}
