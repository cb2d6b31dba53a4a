import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePgliteTo } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgresTo } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { MIGRATIONS_FOLDER } from '../../src/server/db/migrate.js';
import { adminUrl, TEST_TMP } from './test-db.js';

/** Runs one statement on the database as it was before the migration under test; returns its rows. */
export type OldStatement = <T extends Record<string, unknown>>(query: SQL) => Promise<T[]>;

/** A copy of the migrations folder that stops before the step whose tag ends with `tagSuffix` (numbers get renumbered). */
function migrationsBefore(tagSuffix: string): string {
  const folder = path.join(TEST_TMP, `migrations-before-${randomBytes(4).toString('hex')}`);
  mkdirSync(TEST_TMP, { recursive: true });
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const step = journal.entries.findIndex((entry) => entry.tag.endsWith(tagSuffix));
  if (step <= 0) throw new Error(`no migration step ending with ${tagSuffix}`);
  journal.entries = journal.entries.slice(0, step);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/**
 * An upgrade, as a user's database lives through it: migrated up to the step before `tagSuffix`,
 * given rows by `seed` (as the owner, in the old schema), then opened by the app, which applies
 * the rest. On PostgreSQL (DATABASE_URL set) in a database of its own; on PGlite in memory.
 */
export async function databaseUpgradedThrough(tagSuffix: string, seed: (run: OldStatement) => Promise<void>): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const folder = migrationsBefore(tagSuffix);
  try {
    const url = process.env.DATABASE_URL;
    if (url) {
      const name = `sm_upgrade_${randomBytes(5).toString('hex')}`;
      const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      const client = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
      const old = drizzlePostgres({ client });
      await migratePostgresTo(old, { migrationsFolder: folder });
      await seed(async <T extends Record<string, unknown>>(query: SQL) => [...(await old.execute<T>(query))] as T[]);
      await client.end();
      const database = await openDatabase({ kind: 'postgres', url: dbUrl.toString(), poolSize: 2 });
      return {
        database,
        cleanup: async () => {
          await database.close();
          await admin.unsafe(`drop database if exists "${name}" with (force)`);
          await admin.end();
        },
      };
    }
    const client = new PGlite({ extensions: { pg_trgm } });
    const old = drizzlePglite({ client });
    await migratePgliteTo(old, { migrationsFolder: folder });
    await seed(async <T extends Record<string, unknown>>(query: SQL) => (await old.execute(query)).rows as T[]);
    const dump = await client.dumpDataDir('gzip');
    await client.close();
    // Opening the app's database applies the remaining migrations, as an upgrade does.
    const database = await openDatabase({ kind: 'pglite', loadDataDir: dump });
    return { database, cleanup: () => database.close() };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
