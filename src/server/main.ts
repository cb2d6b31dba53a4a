import { pathToFileURL } from 'node:url';
import { loadConfigOrExit } from './config.js';
import { databaseOptionsFromConfig, openDatabase } from './db/database.js';

const bootStarted = performance.now();

export type StartOptions = {
  /**
   * Resolves when the server may listen: `npm start` on a fresh clone passes its client build, so
   * the database opens (and, the first time, initialises) while Vite builds, and `/ready` only
   * answers once the whole app is there.
   */
  beforeListen?: Promise<void>;
};

export async function startServer(options: StartOptions = {}): Promise<void> {
  const config = loadConfigOrExit();
  const since = () => Math.round(performance.now() - bootStarted);
  const phases: Record<string, number> = {};
  // The database opens first (with PGLITE_WORKER, PGlite boots in its own thread) while this
  // thread loads the rest of the server: the two overlap instead of adding up (issue 12).
  const opening = openDatabase(databaseOptionsFromConfig(config)).then((database) => ((phases.databaseMs = since()), database));
  opening.catch(() => {});
  const { createApp } = await import('./app.js');
  phases.importMs = since();
  const database = await opening;
  if (options.beforeListen) {
    await options.beforeListen;
    phases.buildMs = since();
  }
  const app = await createApp(config, { database });
  const { logger } = app.services;
  const url = await app.start();
  logger.info({ url, database: app.services.database.kind, startupMs: since(), ...phases }, `Sales Machine is listening on ${url}`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000);
    force.unref();
    app
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

const failed = (error: unknown) => {
  process.stderr.write(`Sales Machine failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
};

// `node dist/server/main.js` (and `tsx src/server/main.ts`) start at once; scripts/start.mjs imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) startServer().catch(failed);
