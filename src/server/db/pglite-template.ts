import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { APP_ROOT } from '../config.js';
import { MIGRATIONS_FOLDER, migratePglite } from './migrate.js';

/**
 * A fresh PGlite data folder, initialised and migrated at build time (issue 12): initdb and the
 * migrations are most of a first start's CPU. `npm run build` (and so `npm ci`, through `prepare`)
 * writes it here; the server copies it into an empty data folder instead of initialising one.
 */
export const PGLITE_TEMPLATE_DIR = path.join(APP_ROOT, 'dist/server/pglite-template');

const isDataFolder = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'));

/**
 * Writes the template into `target`: a data folder PGlite initialised and migrated, then closed
 * cleanly (a shut-down cluster, so it opens without recovery). Built beside `target` and renamed
 * into place, so a build that fails half-way leaves no half template behind.
 */
export async function writePgliteDataTemplate(target: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const staging = `${target}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    // The extensions the runtime opens with (database.ts); its memory settings are start
    // parameters, not stored in the folder.
    const client = await PGlite.create({ dataDir: staging, extensions: { pg_trgm } });
    try {
      await migratePglite(drizzle({ client }), migrationsFolder);
    } finally {
      await client.close();
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Fills a missing or empty `dataDir` with a copy of the template; true when it did. A folder that
 * holds anything is left alone (an existing database is never touched). The copy goes to a sibling
 * folder whose entries then move in, PG_VERSION last (what PGlite looks for to resume rather than
 * initialise): the data folder itself may be a mount point, which cannot be replaced.
 */
export function seedDataDirFromTemplate(dataDir: string, templateDir: string): boolean {
  if (!isDataFolder(templateDir)) return false;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false;
  const staging = `${dataDir}.seeding-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    cpSync(templateDir, staging, { recursive: true });
    mkdirSync(dataDir, { recursive: true });
    const entries = readdirSync(staging).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
    for (const entry of entries) renameSync(path.join(staging, entry), path.join(dataDir, entry));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
}
