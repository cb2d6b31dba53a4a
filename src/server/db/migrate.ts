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

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function countAppliedMigrations(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

export async function migratePglite(db: Db): Promise<void> {
  await migratePgliteDb(db as PgliteDatabase<Record<string, unknown>>, { migrationsFolder: MIGRATIONS_FOLDER });
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
