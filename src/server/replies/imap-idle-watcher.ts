import type { ImapFlow } from 'imapflow';
import { createImapClient, describeImapError, type ImapSettings } from '../integrations/imap.js';
import type { Logger } from '../logger.js';

/**
 * One mailbox's long-lived IMAP connection, IDLE on INBOX. It never reads mail itself: on new
 * mail (the `EXISTS` the server pushes during IDLE), and on every (re)connection for mail that
 * arrived while it was away, it calls `onNewMail`, which queues the mailbox's ordinary poll. So
 * the cursor and the job claim decide what is read, exactly as on a poll tick.
 *
 * A dropped connection is reopened after a backoff that doubles with each failure in a row (and
 * starts higher for a refused login: retrying a wrong password quickly gets accounts locked).
 * A server without IDLE is left to the poll: the watcher ends in `no_idle`.
 */
export type WatcherMode = 'connecting' | 'idle' | 'no_idle' | 'retrying' | 'stopped';

export type WatcherState = {
  mode: WatcherMode;
  /** Connection attempts so far (for the health of the mailbox, and to show the backoff works). */
  attempts: number;
  /** Failures in a row; reset by a connection that stayed up. */
  failures: number;
  /** What went wrong last, in words (never the password: describeImapError masks it); shown on the mailbox. */
  lastError: string | null;
  /**
   * When the current stretch began: while `idle`, when the connection came up; otherwise when
   * the watcher lost its connection (or started without one, or gave up on IDLE).
   */
  since: Date;
  /** When the next attempt is due, while `retrying`. */
  retryAt: Date | null;
  /** The wait chosen before the latest retry. */
  lastDelayMs: number | null;
};

export type WatcherBackoff = {
  initialMs: number;
  maxMs: number;
  /** The least wait after a refused login. */
  authFailureMs: number;
  /** A connection up this long counts as healthy: its drop starts the backoff over. */
  stableMs: number;
};

export const DEFAULT_BACKOFF: WatcherBackoff = { initialMs: 5_000, maxMs: 10 * 60_000, authFailureMs: 60_000, stableMs: 60_000 };

export type WatcherHooks = {
  /** Opens the settings (the password is decrypted here, so a key problem is a failure like any other). */
  settings(): ImapSettings;
  onNewMail(reason: 'connected' | 'new_mail'): Promise<void>;
  /** Every login's outcome: a refused one shows on the mailbox's health, a working one clears an earlier refusal. */
  onLoginOutcome(outcome: { ok: boolean; error: string | null }): Promise<void>;
  logger: Logger;
};

const IDLE_FOLDER = 'INBOX';
// IDLE is renewed well inside the 29 minutes of RFC 2177 and below the socket timeout.
const MAX_IDLE_MS = 4 * 60_000;
const SOCKET_TIMEOUT_MS = 5 * 60_000;

type AttemptOutcome = { kind: 'no_idle' } | { kind: 'dropped'; upMs: number } | { kind: 'failed'; auth: boolean };

export class MailboxIdleWatcher {
  readonly state: WatcherState = { mode: 'connecting', attempts: 0, failures: 0, lastError: null, since: new Date(), retryAt: null, lastDelayMs: null };
  private client: ImapFlow | null = null;
  private stopping = false;
  private wakeFromSleep: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    readonly mailboxId: string,
    private readonly hooks: WatcherHooks,
    private readonly backoff: WatcherBackoff = DEFAULT_BACKOFF,
  ) {}

  start(): void {
    this.loop ??= this.run().catch((error: unknown) => this.hooks.logger.error({ err: error, mailboxId: this.mailboxId }, 'IMAP IDLE watcher crashed'));
  }

  /** Logs out (or cuts the connection) and waits for the loop to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromSleep?.();
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    await this.loop;
    this.state.mode = 'stopped';
    this.state.retryAt = null;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const outcome = await this.attempt();
      if (this.stopping) return;
      if (outcome.kind === 'no_idle') {
        this.state.mode = 'no_idle';
        this.state.since = new Date();
        return;
      }
      if (outcome.kind === 'dropped') {
        this.state.since = new Date();
        this.state.failures = outcome.upMs >= this.backoff.stableMs ? 1 : this.state.failures + 1;
      } else this.state.failures++;
      const doubled = this.backoff.initialMs * 2 ** Math.min(this.state.failures - 1, 30);
      const floor = outcome.kind === 'failed' && outcome.auth ? this.backoff.authFailureMs : 0;
      // Up to 20% jitter, so the watchers of many mailboxes on one server do not all return at once.
      const delay = Math.min(this.backoff.maxMs, Math.max(doubled, floor)) * (1 + Math.random() * 0.2);
      this.state.mode = 'retrying';
      this.state.retryAt = new Date(Date.now() + delay);
      this.state.lastDelayMs = Math.round(delay);
      this.hooks.logger.warn({ mailboxId: this.mailboxId, error: this.state.lastError, retryInMs: Math.round(delay) }, 'IMAP IDLE connection lost; retrying');
      await this.sleep(delay);
      this.state.retryAt = null;
    }
  }

  private async attempt(): Promise<AttemptOutcome> {
    this.state.attempts++;
    this.state.mode = 'connecting';
    let settings: ImapSettings;
    try {
      settings = this.hooks.settings();
    } catch (error) {
      this.state.lastError = error instanceof Error ? error.message : String(error);
      return { kind: 'failed', auth: false };
    }
    const created = await createImapClient(settings, { socketTimeoutMs: SOCKET_TIMEOUT_MS, maxIdleTimeMs: MAX_IDLE_MS });
    if (!created.ok) {
      this.state.lastError = created.error;
      return { kind: 'failed', auth: false };
    }
    const client = created.client;
    this.client = client;
    let connectedAt: number | null = null;
    try {
      if (this.stopping) return { kind: 'dropped', upMs: 0 };
      await client.connect();
      await this.hooks.onLoginOutcome({ ok: true, error: null });
      if (!client.capabilities.has('IDLE')) {
        this.hooks.logger.info({ mailboxId: this.mailboxId }, 'IMAP server does not offer IDLE: the mailbox is polled');
        return { kind: 'no_idle' };
      }
      await client.mailboxOpen(IDLE_FOLDER, { readOnly: true });
      client.on('exists', (event: { count: number; prevCount: number }) => {
        if (event.count > event.prevCount) void this.notify('new_mail');
      });
      connectedAt = Date.now();
      this.state.mode = 'idle';
      this.state.since = new Date(connectedAt);
      this.state.lastError = null;
      // Whatever arrived while no connection was watching (first start, after a drop).
      void this.notify('connected');
      while (!this.stopping && client.usable) {
        // Returns after MAX_IDLE_MS (renewed at once), false when IDLE failed (the connection is going).
        if ((await client.idle()) === false) break;
      }
      if (!this.stopping) this.state.lastError = 'The IMAP connection was closed';
      return { kind: 'dropped', upMs: Date.now() - connectedAt };
    } catch (error) {
      const described = describeImapError(error, settings);
      this.state.lastError = described;
      const auth = Boolean((error as { authenticationFailed?: boolean }).authenticationFailed);
      if (auth && !this.stopping) {
        await this.hooks.onLoginOutcome({ ok: false, error: described }).catch((cause: unknown) => this.hooks.logger.error({ err: cause, mailboxId: this.mailboxId }, 'could not record the IMAP login failure'));
      }
      return connectedAt === null ? { kind: 'failed', auth } : { kind: 'dropped', upMs: Date.now() - connectedAt };
    } finally {
      this.client = null;
      if (client.usable) await client.logout().catch(() => client.close());
      else client.close();
    }
  }

  private async notify(reason: 'connected' | 'new_mail'): Promise<void> {
    try {
      await this.hooks.onNewMail(reason);
    } catch (error) {
      // The poll tick still reads it: a failed queueing delays a reply, it never loses one.
      this.hooks.logger.error({ err: error, mailboxId: this.mailboxId }, 'could not queue the IMAP read after new mail');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeFromSleep = done;
    }).finally(() => (this.wakeFromSleep = null));
  }
}
