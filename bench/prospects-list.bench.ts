/**
 * Prospect list latency on 100,000 prospects in one workspace, seeded through the real CSV import
 * (four files, three of them into campaigns; stages then spread over the pipeline). Prints p50/p95
 * over ~200 runs of each query, each run a real request transaction (withWorkspace + RLS).
 * Target: p95 < 50 ms on the local Postgres.
 *
 *   npx tsx bench/prospects-list.bench.ts            # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_prospects npx tsx bench/prospects-list.bench.ts
 */
import { sql } from 'drizzle-orm';
import { settleTables } from './settle.js';
import { queryRows } from '../src/server/db/database.js';
import { importCsv } from '../src/server/prospects/csv-import.js';
import { encodeCursor } from '../src/server/db/list-query.js';
import { countProspects, listProspects } from '../src/server/prospects/prospects-query.js';
import { listTags } from '../src/server/prospects/prospects.service.js';
import type { ListInput } from '../src/server/prospects/prospects.schemas.js';
import { createBenchWorkspace, generateApolloCsv, openBenchDatabase } from './prospects-bench-setup.js';

const total = Number(process.env.ROWS ?? 100_000);
const runs = Number(process.env.RUNS ?? 200);

const { database, label, cleanup } = await openBenchDatabase();
try {
  const { workspaceId, userId, campaignIds } = await createBenchWorkspace(database, ['Q3 SaaS founders', 'Fintech CFOs', 'Event leads']);
  let started = performance.now();
  const perFile = Math.ceil(total / 4);
  for (let file = 0; file < 4; file++) {
    const body = generateApolloCsv(perFile, 1000 + file, `f${file}-`);
    await importCsv(database, { workspaceId, userId, role: 'admin' }, { body, campaignId: campaignIds[file] });
  }
  // Stages spread like a real pipeline: most new/contacted, few won.
  await database.withWorkspace(workspaceId, (db) =>
    db.execute(sql`
      update prospects set stage = (case
        when h < 35 then 'new' when h < 45 then 'enriched' when h < 75 then 'contacted' when h < 83 then 'replied'
        when h < 88 then 'interested' when h < 91 then 'meeting_booked' when h < 93 then 'won' when h < 97 then 'lost'
        when h < 99 then 'unsubscribed' else 'bounced' end)::prospect_stage
      from (select id as pid, abs(hashtext(id::text)) % 100 as h from prospects) s where s.pid = prospects.id`),
  );
  await settleTables(database, process.env.DATABASE_URL);
  const [{ n } = { n: 0 }] = await database.withWorkspace(workspaceId, (db) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from prospects`));
  console.log(`${label}: seeded ${Number(n).toLocaleString('en')} prospects through the import in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  // A cursor half-way down the default order (row 50,000), as "Load more" would reach after 1,000 pages.
  const [middle] = await database.withWorkspace(workspaceId, (db) =>
    queryRows<{ id: string; v: string }>(
      db,
      sql`select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as v from prospects order by created_at desc, id desc offset ${Math.floor(Number(n) / 2)} limit 1`,
    ),
  );
  const deepCursor = encodeCursor({ sort: 'createdAt', order: 'desc', value: middle!.v, id: middle!.id });

  const base: ListInput = { sort: 'createdAt', order: 'desc', limit: 50 };
  const searches = ['dubois', 'head of sales', 'globex', 'léa martin', 'pied piper', 'cto', 'f2-123', 'nakatomi'];
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ['first page, no filter', () => listProspects(database, workspaceId, base)],
    ['stage + tag', (i) => listProspects(database, workspaceId, { ...base, stage: i % 2 ? 'replied' : 'interested', tag: i % 3 ? 'priority' : 'warm' })],
    ['free-text search', (i) => listProspects(database, workspaceId, { ...base, q: searches[i % searches.length] })],
    ['deep keyset page (row 50,000)', () => listProspects(database, workspaceId, { ...base, cursor: deepCursor })],
    ['campaign filter', (i) => listProspects(database, workspaceId, { ...base, campaignId: campaignIds[i % 3] })],
    ['sort by name', () => listProspects(database, workspaceId, { ...base, sort: 'name', order: 'asc' })],
    ['sort by company', () => listProspects(database, workspaceId, { ...base, sort: 'company', order: 'desc' })],
    ['count, stage filter', () => countProspects(database, workspaceId, { stage: 'contacted' })],
    ['tags (filter options)', () => database.withWorkspace(workspaceId, (db) => listTags(db, workspaceId))],
  ];
  console.log(`${'query'.padEnd(32)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}   (${runs} runs)`);
  for (const [name, run] of cases) {
    for (let i = 0; i < 10; i++) await run(i); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      await run(i);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
    console.log(`${name.padEnd(32)} ${`${pct(50)} ms`.padStart(9)} ${`${pct(95)} ms`.padStart(9)}`);
  }
} finally {
  await cleanup();
}
