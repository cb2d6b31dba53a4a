import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { APP_ROOT, type Config } from './config.js';
import type { Database } from './db/database.js';
import { createHttpServer } from './http/server.js';
import type { InstantlyReplyHandler } from './replies/instantly-reply.adapter.js';
import { ImapIdleWatchers, type ImapIdleOptions } from './replies/imap-idle.service.js';
import { JobEngine } from './jobs/engine.js';
import { jobModules } from './job-modules.js';
import type { Logger } from './logger.js';
import { appRouter } from './router.js';
import { createServices, type AppServices } from './services.js';

export const APP_VERSION = (JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export type App = {
  services: AppServices;
  jobs: JobEngine;
  /** The IMAP IDLE connections (started with the jobs when IMAP_IDLE is on). */
  imapWatchers: ImapIdleWatchers;
  /** Listens on config.port (0 = any free port) and resolves with the base URL. */
  start(): Promise<string>;
  /** Graceful: stop accepting, stop cron, let running jobs finish (bounded), close the database. */
  stop(): Promise<void>;
};

/**
 * `onInstantlyReply`: where Instantly `reply_received` events go; by default the reply pipeline
 * (http/instantly-reply.ts). Tests may catch them instead. `imapIdle`: the watchers' timings (tests
 * shorten the backoff).
 */
export async function createApp(
  config: Config,
  options: { database?: Database; logger?: Logger; onInstantlyReply?: InstantlyReplyHandler; imapIdle?: Omit<ImapIdleOptions, 'onQueued'> } = {},
): Promise<App> {
  const { close: closeServices, ...shared } = await createServices(config, options);
  // A poll queued on new mail is claimed at once rather than on the engine's next tick.
  const imapWatchers = new ImapIdleWatchers(shared, { ...options.imapIdle, onQueued: () => void jobs.poll() });
  // Requests read the watchers (a mailbox's reply reading) through the services they are given.
  const services: AppServices = { ...shared, imapWatchers };

  const jobs = new JobEngine(services, {
    concurrency: config.jobs.concurrency,
    leaseMs: config.jobs.leaseMs,
    pollCron: config.jobs.pollCron,
  });
  for (const module of jobModules) jobs.registerModule(module);

  const server = createHttpServer(services, appRouter, APP_VERSION, { onInstantlyReply: options.onInstantlyReply });
  let stopping: Promise<void> | undefined;

  return {
    services,
    jobs,
    imapWatchers,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      if (config.jobs.enabled) jobs.start();
      if (config.jobs.enabled && config.jobs.imapIdle) imapWatchers.start();
      const { port } = server.address() as AddressInfo;
      return `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
    },
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await imapWatchers.stop();
        await jobs.stop(config.shutdownTimeoutMs);
        // Live (SSE) connections never end by themselves: give requests in flight a moment, then cut.
        const grace = setTimeout(() => server.closeAllConnections(), Math.min(config.shutdownTimeoutMs, 2000));
        await closed;
        clearTimeout(grace);
        await closeServices();
      })();
      return stopping;
    },
  };
}
