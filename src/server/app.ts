import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { APP_ROOT, type Config } from './config.js';
import { databaseOptionsFromConfig, openDatabase, type Database } from './db/database.js';
import { loadSecretBox } from './crypto/secret-box.js';
import { EventBus } from './events/event-bus.js';
import { createHttpServer } from './http/server.js';
import { JobEngine } from './jobs/engine.js';
import { jobDefinitions } from './jobs/registry.js';
import { createLogger, type Logger } from './logger.js';
import type { AppServices } from './trpc/context.js';
import { appRouter } from './trpc/router.js';

export const APP_VERSION = (JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export type App = {
  services: AppServices;
  jobs: JobEngine;
  /** Listens on config.port (0 = any free port) and resolves with the base URL. */
  start(): Promise<string>;
  /** Graceful: stop accepting, stop cron, let running jobs finish (bounded), close the database. */
  stop(): Promise<void>;
};

export async function createApp(config: Config, options: { database?: Database; logger?: Logger } = {}): Promise<App> {
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
  const services: AppServices = { config, database, logger, eventBus, secretBox };

  const jobs = new JobEngine(database, logger, {
    concurrency: config.jobs.concurrency,
    leaseMs: config.jobs.leaseMs,
    pollCron: config.jobs.pollCron,
  });
  for (const definition of jobDefinitions(services)) jobs.register(definition);

  const server = createHttpServer(services, appRouter, APP_VERSION);
  let stopping: Promise<void> | undefined;

  return {
    services,
    jobs,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      if (config.jobs.enabled) {
        jobs.start();
        jobs.schedule('maintenance', config.jobs.maintenanceCron, (at) => jobs.enqueueTickJob('system.maintenance', at));
      }
      const { port } = server.address() as AddressInfo;
      return `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
    },
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await jobs.stop(config.shutdownTimeoutMs);
        // Live (SSE) connections never end by themselves: give requests in flight a moment, then cut.
        const grace = setTimeout(() => server.closeAllConnections(), Math.min(config.shutdownTimeoutMs, 2000));
        await closed;
        clearTimeout(grace);
        await eventBus.stop();
        if (!options.database) await database.close();
      })();
      return stopping;
    },
  };
}
