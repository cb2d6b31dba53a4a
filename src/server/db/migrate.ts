import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgresJs } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePgliteDb } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { APP_ROOT } from '../config.js';
import { queryRows, type Db } from './database.js';

export const APP_ROLE = 'sales_machine_app';
export const MIGRATIONS_FOLDER = path.join(APP_ROOT, 'drizzle');

type Journal = { entries: { when: number }[] };
const readJournal = (folder: string) => JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as Journal;

export function expectedMigrationCount(): number {
  return readJournal(MIGRATIONS_FOLDER).entries.length;
}

export async function countAppliedMigrations(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

/**
 * Whether Drizzle's migrator would apply nothing: it applies every journal entry newer than the
 * newest `created_at` recorded, so "recorded ≥ newest in the journal" is exactly its no-op case.
 * Two reads instead of its CREATE SCHEMA / CREATE TABLE IF NOT EXISTS, file hashing and empty
 * transaction on every start (issue 12: the restart budget).
 */
async function isMigrated(db: Db, migrationsFolder: string): Promise<boolean> {
  const newestInJournal = Math.max(0, ...readJournal(migrationsFolder).entries.map((entry) => entry.when));
  const [table] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!table?.present) return false;
  const [row] = await queryRows<{ newest: string | null }>(db, sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`);
  return row?.newest !== null && row?.newest !== undefined && Number(row.newest) >= newestInJournal;
}

export async function migratePglite(db: Db, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (await isMigrated(db, migrationsFolder)) return;
  await migratePgliteDb(db as PgliteDatabase<Record<string, unknown>>, { migrationsFolder });
}

/**
 * Applies migrations over a dedicated single connection (as the connecting role, which must be able
 * to bypass RLS), under an advisory lock so instances starting together take turns.
 */
export async function migratePostgres(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [role] = await client<{ ok: boolean; name: string }[]>`
      select (rolsuper or rolbypassrls) as ok, rolname as name from pg_roles where rolname = current_user`;
    if (!role?.ok) {
      throw new Error(
        `DATABASE_URL connects as "${role?.name}", which can neither bypass row-level security nor is a superuser. ` +
          'Use the database owner with BYPASSRLS (ALTER ROLE … BYPASSRLS): the app itself switches to the restricted ' +
          `role "${APP_ROLE}" for every request.`,
      );
    }
    await client`select pg_advisory_lock(hashtext('sales_machine_migrations'))`;
    try {
      await migratePostgresJs(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client`select pg_advisory_unlock(hashtext('sales_machine_migrations'))`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
