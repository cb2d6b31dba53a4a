import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TMP } from '../../../tests/helpers/test-db.js';
import { MIGRATIONS_FOLDER } from '../db/migrate.js';

/**
 * The migration that brings one spelling of LinkedIn URLs and the tag counts, run over rows written
 * before it (old spellings, the same person twice): nothing lost, one prospect per profile after.
 */

type Journal = { entries: { tag: string }[] };
const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as Journal;
const ours = journal.entries.findIndex((entry) => entry.tag.endsWith('prospect_ingest'));

/** The migrations folder cut before ours, so the database can be filled as it was. */
function foldersUpTo(count: number): string {
  const dir = mkdtempSync(path.join(TEST_TMP, 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return dir;
}

let client: PGlite;
const db = () => drizzle({ client });
const WS = '00000000-0000-4000-8000-000000000001';

beforeAll(async () => {
  client = new PGlite({ extensions: { pg_trgm } });
  await migrate(db(), { migrationsFolder: foldersUpTo(ours) });
  await client.exec(`insert into workspaces (id, name) values ('${WS}', 'Before')`);
  const rows: [string, string | null, string | null, string[]][] = [
    // Already canonical, with an email; a later row without email names the same person (the bug).
    ['a', 'ana@acme.example', 'https://www.linkedin.com/in/ana-lopez', ['vip']],
    ['b', null, 'https://fr.linkedin.com/in/ana-lopez', ['vip', 'warm']],
    // Percent-encoded as the old import kept it.
    ['c', null, 'https://www.linkedin.com/in/jos%c3%a9-garcia', []],
    // Two emails for one profile: the second keeps its email, the URL goes to a custom field.
    ['d', 'li@one.example', 'https://www.linkedin.com/in/li-wei', ['warm']],
    ['e', 'li@two.example', 'https://uk.linkedin.com/in/li-wei/', []],
    // A Sales Navigator lead URL with its search context, and a page that is no profile.
    ['f', null, 'https://www.linkedin.com/sales/lead/ACwAAB1,NAME_SEARCH,x', []],
    ['g', 'h@acme.example', null, []],
  ];
  for (const [name, email, url, tags] of rows) {
    await client.query(`insert into prospects (workspace_id, first_name, email, linkedin_url, tags, created_at) values ($1, $2, $3, $4, $5, now() + ($6 || ' seconds')::interval)`, [
      WS,
      name,
      email,
      url,
      tags,
      String(name.charCodeAt(0)),
    ]);
  }
  await migrate(db(), { migrationsFolder: MIGRATIONS_FOLDER });
});
afterAll(() => client?.close());

describe('migration to one LinkedIn spelling and tag counts', () => {
  it('rewrites URLs in the shared spelling and keeps one prospect per profile, losing no contact', async () => {
    expect(ours).toBeGreaterThan(0);
    const { rows } = await client.query<{ first_name: string; email: string | null; linkedin_url: string | null; custom_fields: Record<string, string> }>(
      'select first_name, email, linkedin_url, custom_fields from prospects order by first_name',
    );
    expect(rows).toEqual([
      { first_name: 'a', email: 'ana@acme.example', linkedin_url: null, custom_fields: { 'LinkedIn URL': 'https://www.linkedin.com/in/ana-lopez' } },
      { first_name: 'b', email: null, linkedin_url: 'https://www.linkedin.com/in/ana-lopez', custom_fields: {} },
      { first_name: 'c', email: null, linkedin_url: 'https://www.linkedin.com/in/josé-garcia', custom_fields: {} },
      { first_name: 'd', email: 'li@one.example', linkedin_url: 'https://www.linkedin.com/in/li-wei', custom_fields: {} },
      { first_name: 'e', email: 'li@two.example', linkedin_url: null, custom_fields: { 'LinkedIn URL': 'https://uk.linkedin.com/in/li-wei/' } },
      { first_name: 'f', email: null, linkedin_url: 'https://www.linkedin.com/sales/lead/ACwAAB1', custom_fields: {} },
      { first_name: 'g', email: 'h@acme.example', linkedin_url: null, custom_fields: {} },
    ]);
  });

  it('then refuses a second prospect with a known profile, with or without email', async () => {
    await expect(client.query(`insert into prospects (workspace_id, email, linkedin_url) values ($1, 'new@x.example', 'https://www.linkedin.com/in/li-wei')`, [WS])).rejects.toThrow(/prospects_linkedin_idx/);
  });

  it('counts the tags already in use, and keeps counting', async () => {
    const tags = async () => (await client.query<{ tag: string; prospects: number }>('select tag, prospects from prospect_tags order by tag')).rows;
    expect(await tags()).toEqual([
      { tag: 'vip', prospects: 2 },
      { tag: 'warm', prospects: 2 },
    ]);
    await client.query(`update prospects set tags = array_remove(tags, 'vip')`);
    await client.query(`delete from prospects where first_name = 'd'`);
    expect(await tags()).toEqual([{ tag: 'warm', prospects: 1 }]);
  });
});
