/**
 * Tag filter options on 100,000 prospects in one workspace (seeded through the real CSV import,
 * then 300 more tags spread by a bulk update): the `prospect_tags` table the triggers keep, against
 * the scan of every prospect it replaced. Also the write side: what the triggers add to a bulk
 * tag and untag of every prospect. Prints p50/p95 over RUNS runs, each a request transaction
 * (withWorkspace + RLS). Target: options p95 < 10 ms.
 *
 *   npx tsx bench/tags.bench.ts            # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_tags npx tsx bench/tags.bench.ts
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/database.js';
import { importCsv } from '../src/server/prospects/csv-import.js';
import { bulkUpdate, listTags } from '../src/server/prospects/prospects.service.js';
import { createBenchWorkspace, generateApolloCsv, openBenchDatabase } from './prospects-bench-setup.js';
import { settleTables } from './settle.js';

const total = Number(process.env.ROWS ?? 100_000);
const runs = Number(process.env.RUNS ?? 200);

const { database, label, cleanup } = await openBenchDatabase();
try {
  const { workspaceId, userId } = await createBenchWorkspace(database);
  const actor = { workspaceId, userId, role: 'admin' as const };
  let started = performance.now();
  const perFile = Math.ceil(total / 4);
  for (let file = 0; file < 4; file++) await importCsv(database, actor, { body: generateApolloCsv(perFile, 2000 + file, `t${file}-`) });
  // A long tail of tags (campaign names, events, lists), a few on each prospect.
  await database.withWorkspace(workspaceId, (db) =>
    db.execute(sql`update prospects set tags = tags || array['list-' || (abs(hashtext(id::text)) % 300)::text]`),
  );
  await settleTables(database, process.env.DATABASE_URL);
  const [{ n } = { n: 0 }] = await database.withWorkspace(workspaceId, (db) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from prospects`));
  console.log(`${label}: seeded ${Number(n).toLocaleString('en')} prospects in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  const scan = () =>
    database.withWorkspace(workspaceId, (db) =>
      queryRows<{ tag: string }>(db, sql`select distinct unnest(tags) as tag from prospects where workspace_id = ${workspaceId} order by 1 limit 500`),
    );
  const options = await database.withWorkspace(workspaceId, (db) => listTags(db, workspaceId));
  const scanned = (await scan()).map((row) => row.tag);
  if (options.join() !== scanned.join()) throw new Error(`tag table (${options.length}) differs from the scan (${scanned.length})`);

  const cases: [string, () => Promise<unknown>][] = [
    ['tag options (prospect_tags)', () => database.withWorkspace(workspaceId, (db) => listTags(db, workspaceId))],
    ['tag options (old scan)', scan],
  ];
  console.log(`${'query'.padEnd(32)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}   (${options.length} tags)`);
  for (const [name, run] of cases) {
    const count = name.includes('scan') ? Math.min(runs, 50) : runs;
    for (let i = 0; i < 10; i++) await run(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
    console.log(`${name.padEnd(32)} ${`${pct(50)} ms`.padStart(9)} ${`${pct(95)} ms`.padStart(9)}   (${count} runs)`);
  }

  for (const action of ['tag', 'untag'] as const) {
    started = performance.now();
    const { affected } = await database.withWorkspace(workspaceId, (db) => bulkUpdate(db, actor, { action, tag: 'bench-all', filter: {} }));
    console.log(`bulk ${action} of every prospect: ${affected.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(2)} s (counts kept by the triggers)`);
  }
} finally {
  await cleanup();
}
