import type { Config } from './config.js';
import { loadSecretBox, type SecretBox } from './crypto/secret-box.js';
import { databaseOptionsFromConfig, openDatabase, type Database } from './db/database.js';
import { EventBus } from './events/event-bus.js';
import { createLogger, type Logger } from './logger.js';
import type { WatcherState } from './replies/imap-idle-watcher.js';

/**
 * What a request may read of the IMAP IDLE watchers (replies/imap-idle.service.ts). They run only
 * in the process that runs jobs, with IMAP_IDLE on; everywhere else `started` is false.
 */
export type ImapWatcherBoard = {
  readonly started: boolean;
  /** The watcher's state for a mailbox; null when none watches it. */
  state(mailboxId: string): Readonly<WatcherState> | null;
  /** Re-reads the mailboxes now: a saved or deleted mailbox is watched (or let go) without waiting. */
  refresh(): Promise<void>;
};

/** A process without watchers (`createServices` alone: scripts, tests); `createApp` puts its own in. */
export const NO_IMAP_WATCHERS: ImapWatcherBoard = { started: false, state: () => null, refresh: () => Promise.resolve() };

/**
 * Long-lived services shared by requests and jobs alike; built once per process. Lives apart from
 * the transport (tRPC, REST) so services and job handlers can take it without importing the API layer.
 */
export type AppServices = {
  config: Config;
  database: Database;
  logger: Logger;
  eventBus: EventBus;
  /** Seals and opens secrets stored in the database (AES-256-GCM). */
  secretBox: SecretBox;
  imapWatchers: ImapWatcherBoard;
};

export type OwnedServices = AppServices & {
  /** Stops the event bus and closes the database when `createServices` opened it. */
  close: () => Promise<void>;
};

export async function createServices(config: Config, options: { database?: Database; logger?: Logger } = {}): Promise<OwnedServices> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(databaseOptionsFromConfig(config)));
  const eventBus = new EventBus(database, logger);
  await eventBus.start();
  const secretBox = loadSecretBox({
    encryptionKey: config.encryptionKey,
    previousKeys: config.previousEncryptionKeys,
    dataDir: config.dataDir,
    logger,
  });
  return {
    config,
    database,
    logger,
    eventBus,
    secretBox,
    imapWatchers: NO_IMAP_WATCHERS,
    async close() {
      await eventBus.stop();
      if (!options.database) await database.close();
    },
  };
}
