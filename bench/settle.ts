import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Database } from '../src/server/db/database.js';

/**
 * VACUUM ANALYZE after seeding: what autovacuum does to a steady-state table (without it,
 * index-only scans visit the heap and plans rest on stale statistics). VACUUM cannot run inside a
 * transaction, so PostgreSQL gets its own connection and PGlite steps out of the restricted role.
 */
export async function settleTables(database: Database, databaseUrl: string | undefined): Promise<void> {
  if (databaseUrl) {
    const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await client.unsafe('vacuum analyze');
    await client.end();
    return;
  }
  await database.db.execute(sql`reset role`);
  await database.db.execute(sql`vacuum analyze`);
  await database.db.execute(sql`set role sales_machine_app`);
}
