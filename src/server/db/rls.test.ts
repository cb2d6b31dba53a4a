import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { queryRows } from './database.js';
import { campaigns, prospects, users, workspaces } from './schema/index.js';
import { provisionWorkspace } from '../workspaces/provision.js';

let database: TestDatabase;

/** The database's own message, under Drizzle's "Failed query" wrapper. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error('expected the statement to fail');
}
const a = randomUUID();
const b = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [workspaceId, name] of [[a, 'A'], [b, 'B']] as const) {
    await database.withWorkspace(workspaceId, async (db) => {
      const [user] = await db.insert(users).values({ email: `${name.toLowerCase()}-${workspaceId}@example.com`, name, passwordHash: 'x' }).returning();
      await provisionWorkspace(db, { workspaceId, name, ownerUserId: user!.id, ownerName: name });
      await db.insert(prospects).values([
        { workspaceId, email: `p1@${name.toLowerCase()}.example`, firstName: `${name}1` },
        { workspaceId, email: `p2@${name.toLowerCase()}.example`, firstName: `${name}2` },
      ]);
    });
  }
});
afterAll(() => database.close());

describe('row-level security', () => {
  it('shows a workspace only its own rows', async () => {
    const seenByA = await database.withWorkspace(a, (db) => db.select().from(prospects));
    expect(seenByA.map((p) => p.firstName).sort()).toEqual(['A1', 'A2']);
    const seenByB = await database.withWorkspace(b, (db) => db.select().from(prospects));
    expect(seenByB.map((p) => p.firstName).sort()).toEqual(['B1', 'B2']);
  });

  it('shows nothing to a query that forgot the helper', async () => {
    expect(await database.db.select().from(prospects)).toEqual([]);
    expect(await database.db.select().from(workspaces)).toEqual([]);
    const [role] = await queryRows<{ current_user: string }>(database.db, sql`select current_user`);
    expect(role?.current_user).toBe('sales_machine_app');
  });

  it('refuses to write a row into another workspace, and loses nothing', async () => {
    expect(await failure(database.withWorkspace(a, (db) => db.insert(prospects).values({ workspaceId: b, email: 'intruder@b.example' })))).toMatch(
      /new row violates row-level security policy/,
    );
    expect(await failure(database.db.insert(campaigns).values({ workspaceId: a, name: 'sneaky' }))).toMatch(/row-level security/);
    const seenByB = await database.withWorkspace(b, (db) => db.select().from(prospects));
    expect(seenByB).toHaveLength(2);
  });

  it('cannot update or delete another workspace’s rows even by id', async () => {
    const [bProspect] = await database.withWorkspace(b, (db) => db.select().from(prospects).limit(1));
    const updated = await database.withWorkspace(a, (db) =>
      db.update(prospects).set({ firstName: 'hacked' }).where(sql`id = ${bProspect!.id}`).returning(),
    );
    expect(updated).toEqual([]);
    const deleted = await database.withWorkspace(a, (db) => db.delete(prospects).where(sql`id = ${bProspect!.id}`).returning());
    expect(deleted).toEqual([]);
    const [still] = await database.withWorkspace(b, (db) => db.select().from(prospects).where(sql`id = ${bProspect!.id}`));
    expect(still?.firstName).not.toBe('hacked');
  });

  it('treats a malformed workspace id as not found', async () => {
    await expect(database.withWorkspace("x' or 1=1 --", (db) => db.select().from(prospects))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('returns to the restricted role after a system transaction', async () => {
    const all = await database.asSystem((db) => db.select().from(prospects));
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await database.db.select().from(prospects)).toEqual([]);
  });

  it('enables and forces RLS on every table that has a workspace_id', async () => {
    const rows = await database.asSystem((db) =>
      queryRows<{ table_name: string; rls: boolean; forced: boolean }>(
        db,
        sql`select c.relname as table_name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
            from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
              and (exists (select 1 from information_schema.columns col
                           where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'workspace_id')
                   or c.relname = 'workspaces')`,
      ),
    );
    expect(rows.length).toBeGreaterThan(15);
    const unprotected = rows.filter((row) => !row.rls || !row.forced).map((row) => row.table_name);
    expect(unprotected).toEqual([]);
  });

  it('runs the app role without superuser or BYPASSRLS', async () => {
    const [role] = await database.asSystem((db) =>
      queryRows<{ rolsuper: boolean; rolbypassrls: boolean }>(db, sql`select rolsuper, rolbypassrls from pg_roles where rolname = 'sales_machine_app'`),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });
});
