import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/server/db/database.js';
import { createLogger } from '../../src/server/logger.js';
import { createServices, type OwnedServices } from '../../src/server/services.js';
import { TEST_TMP } from './test-db.js';

/** The services bundle over a test database, for tests that run jobs or services without HTTP. */
export function createTestServices(database: Database, env: Record<string, string> = {}): Promise<OwnedServices> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(TEST_TMP, 'data-')), ...env });
  return createServices(config, { database, logger: createLogger('silent') });
}
