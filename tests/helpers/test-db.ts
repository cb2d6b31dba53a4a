import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database, type StatementObserver } from '../../src/server/db/database.js';
import { migratePglite } from '../../src/server/db/migrate.js';
import { APP_ROOT } from '../../src/server/config.js';

export const TEST_TMP = path.join(APP_ROOT, '.tmp/test');

/** The same server's maintenance database, for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

export async function writePgliteTemplate(file: string): Promise<void> {
  const client = new PGlite({ extensions: { pg_trgm } });
  await migratePglite(drizzle({ client }));
  const dump = await client.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
}

export type TestDatabase = Database & { url?: string };

/**
 * A private, migrated database for one test file: a PGlite copy of the run's template, or (when
 * DATABASE_URL is set) a Postgres database cloned from the run's template database.
 */
export async function createTestDatabase(options: { onStatement?: StatementObserver } = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = inject('postgresTemplate');
    const base = new URL(url).pathname.slice(1) || 'sales_machine_test';
    const name = `${base}_${randomBytes(5).toString('hex')}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${template}"`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: dbUrl.toString(), poolSize: 5, onStatement: options.onStatement });
    return {
      ...database,
      url: dbUrl.toString(),
      async close() {
        await database.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  // PGlite in a worker thread, as the server runs it; PGLITE_WORKER=false runs the suite on the event loop.
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]), onStatement: options.onStatement, worker: process.env.PGLITE_WORKER !== 'false' });
}
