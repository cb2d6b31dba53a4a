import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_TMP } from '../../../tests/helpers/test-db.js';
import { openDatabase, queryRows, type Database } from './database.js';
import { expectedMigrationCount, MIGRATIONS_FOLDER } from './migrate.js';
import { seedDataDirFromTemplate, writePgliteDataTemplate } from './pglite-template.js';
import { users } from './schema/index.js';

// The data-folder template (issue 12: start fast) is PGlite's: on PostgreSQL there is nothing to seed.
const onPglite = !process.env.DATABASE_URL;

/** What a schema dump would show: every object a migration creates, in a stable order, as text. */
const SCHEMA_QUERIES = {
  columns: sql`select table_schema, table_name, column_name, data_type, udt_name, is_nullable, column_default, ordinal_position
    from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema') order by 1, 2, ordinal_position`,
  constraints: sql`select conrelid::regclass::text as rel, conname, pg_get_constraintdef(c.oid) as def from pg_constraint c
    join pg_namespace n on n.oid = c.connamespace where n.nspname not in ('pg_catalog', 'information_schema') order by 1, 2`,
  indexes: sql`select schemaname, tablename, indexname, indexdef from pg_indexes where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2, 3`,
  policies: sql`select schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check from pg_policies order by 1, 2, 3`,
  rowSecurity: sql`select n.nspname, c.relname, c.relkind::text, c.relrowsecurity, c.relforcerowsecurity from pg_class c
    join pg_namespace n on n.oid = c.relnamespace where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') order by 1, 2`,
  functions: sql`select n.nspname, p.proname, pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and p.prokind in ('f', 'p') order by 1, 2, 3`,
  triggers: sql`select tgrelid::regclass::text as rel, tgname, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal order by 1, 2`,
  types: sql`select n.nspname, t.typname, e.enumlabel, e.enumsortorder from pg_enum e join pg_type t on t.oid = e.enumtypid
    join pg_namespace n on n.oid = t.typnamespace order by 1, 2, 4`,
  views: sql`select schemaname, viewname, definition from pg_views where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`,
  roles: sql`select rolname, rolsuper, rolinherit, rolcanlogin, rolbypassrls from pg_roles order by 1`,
  grants: sql`select grantee, table_schema, table_name, privilege_type from information_schema.role_table_grants
    where table_schema not in ('pg_catalog', 'information_schema') order by 1, 2, 3, 4`,
  extensions: sql`select extname, extversion from pg_extension order by 1`,
  migrations: sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by id`,
};

/** initdb draws a new one per cluster: a copy of the template keeps the template's. */
const systemIdentifier = (database: Database) =>
  database.asSystem(async (db) => (await queryRows<{ id: string }>(db, sql`select system_identifier::text as id from pg_control_system()`))[0]?.id);

async function schemaDump(database: Database): Promise<Record<string, unknown[]>> {
  return database.asSystem(async (db) => {
    const dump: Record<string, unknown[]> = {};
    for (const [name, query] of Object.entries(SCHEMA_QUERIES)) dump[name] = await queryRows(db, query);
    return dump;
  });
}

describe.runIf(onPglite)('a new PGlite data folder from the build’s template', () => {
  const work = () => mkdtempSync(path.join(TEST_TMP, 'pglite-template-'));
  let root: string;
  let template: string;
  let fromScratch: Record<string, unknown[]>;
  let scratchIdentifier: string | undefined;

  beforeAll(async () => {
    root = work();
    // A template one migration behind, as from an older build: the start must apply the newest.
    const older = path.join(root, 'migrations-older');
    cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
    const journalFile = path.join(older, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
    template = path.join(root, 'template');
    await writePgliteDataTemplate(template, older);
    // The run's own template: initdb, then every migration, in memory (tests/setup/global-setup.ts).
    const scratch = await openDatabase({ kind: 'pglite', worker: false, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    try {
      fromScratch = await schemaDump(scratch);
      scratchIdentifier = await systemIdentifier(scratch);
    } finally {
      await scratch.close();
    }
  }, 240_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has the same schema and migrations table as a database migrated from scratch, in both modes', async () => {
    expect(fromScratch.migrations).toHaveLength(expectedMigrationCount());
    const identifiers = new Set<string | undefined>();
    for (const worker of [false, true]) {
      const dataDir = path.join(root, `data-${worker ? 'worker' : 'thread'}`, 'pglite');
      const database = await openDatabase({ kind: 'pglite', worker, dataDir, templateDir: template });
      try {
        expect(await database.isReady()).toBe(true);
        expect(await schemaDump(database)).toEqual(fromScratch);
        identifiers.add(await systemIdentifier(database));
      } finally {
        await database.close();
      }
    }
    // Both folders are copies of the one template (not initialised on their own).
    expect(identifiers.size).toBe(1);
    expect(identifiers.has(scratchIdentifier)).toBe(false);
  }, 240_000);

  it('never seeds a data folder that already holds something, and keeps its data across restarts', async () => {
    const dataDir = path.join(root, 'kept', 'pglite');
    const first = await openDatabase({ kind: 'pglite', worker: false, dataDir, templateDir: template });
    await first.asSystem((db) => db.insert(users).values({ email: 'kept@example.com', name: 'Kept', passwordHash: 'x' }));
    await first.close();
    expect(seedDataDirFromTemplate(dataDir, template)).toBe(false);
    const again = await openDatabase({ kind: 'pglite', worker: false, dataDir, templateDir: template });
    try {
      const rows = await again.asSystem((db) => queryRows<{ email: string }>(db, sql`select email from users`));
      expect(rows.map((row) => row.email)).toEqual(['kept@example.com']);
    } finally {
      await again.close();
    }
    const other = path.join(root, 'other');
    cpSync(path.join(root, 'migrations-older'), other, { recursive: true });
    expect(seedDataDirFromTemplate(other, template)).toBe(false);
    expect(existsSync(path.join(other, 'PG_VERSION'))).toBe(false);
  }, 240_000);

  it('seeds an existing empty folder (a mount point cannot be replaced) with the whole template', () => {
    const mounted = path.join(root, 'mounted');
    mkdirSync(mounted);
    expect(seedDataDirFromTemplate(mounted, template)).toBe(true);
    expect(readdirSync(mounted).sort()).toEqual(readdirSync(template).sort());
    expect(readdirSync(root).filter((name) => name.includes('.seeding-'))).toEqual([]);
  });

  it('initialises as before when there is no template', () => {
    const dataDir = path.join(root, 'none');
    expect(seedDataDirFromTemplate(dataDir, path.join(root, 'no-such-template'))).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});
