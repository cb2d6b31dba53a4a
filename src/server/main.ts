import { loadConfigOrExit } from './config.js';
import { createApp } from './app.js';

const bootStarted = performance.now();

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  const { logger } = app.services;
  const url = await app.start();
  logger.info(
    { url, database: app.services.database.kind, startupMs: Math.round(performance.now() - bootStarted) },
    `Sales Machine is listening on ${url}`,
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000);
    force.unref();
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Sales Machine failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
