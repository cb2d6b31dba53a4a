/**
 * Reports latency at scale: 100 000 prospects and 500 000 messages (bench/seed.ts, the module
 * behind `npm run seed:demo`) spread over 90 days and 50 campaigns. Reports p50 / p95 / max over
 * RUNS runs of the report of the busiest campaign and of the workspace, over 30 and 90 days, and of
 * the REST call with its CSV export. The read side only touches `report_rollups` (kept on write);
 * the bench prints its row count beside the messages', and the plan of the workspace read.
 *
 *   npx tsx bench/reports.bench.ts                         # PGlite (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_reports npx tsx bench/reports.bench.ts
 *
 * Options (environment): BENCH_PROSPECTS (100000), BENCH_MESSAGES (500000), BENCH_DAYS (90), BENCH_RUNS (100).
 * On Postgres the database is emptied first (it must be a scratch database).
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, queryRows, type Database, type Db } from '../src/server/db/database.js';
import { getReport } from '../src/server/reports/reports.service.js';
import { startBenchApp } from './bench-app.js';
import { seedBenchData } from './seed.js';
import { settleTables } from './settle.js';

const PROSPECTS = Number(process.env.BENCH_PROSPECTS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP = 10;
const url = process.env.DATABASE_URL;

type Row = { piece: string; p50: number; p95: number; max: number };
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(piece: string, fn: () => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { piece, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

async function main() {
  if (url) {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    await client.unsafe('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade;');
    await client.end();
  }
  const database: Database = url ? await openDatabase({ kind: 'postgres', url, poolSize: 4 }) : await openDatabase({ kind: 'pglite' });
  const { app, base, cookie, workspaceId } = await startBenchApp(database, 'sm-bench-reports-');
  const seeded = await seedBenchData(database, { workspaceId, prospects: PROSPECTS, sentPerDay: Math.ceil(MESSAGES / DAYS), days: DAYS, campaigns: 50 });
  await settleTables(database, url);
  console.log(`${database.kind}: seeded ${JSON.stringify(seeded.counts)} in ${(seeded.ms / 1000).toFixed(1)} s (the rollups are written by the same statements)`);

  const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(workspaceId, fn);
  const [sizes] = await inWorkspace((db) =>
    queryRows<{ messages: number; rollups: number; busiest: string }>(
      db,
      sql`select (select count(*)::int from messages) as messages, (select count(*)::int from report_rollups) as rollups,
                 (select campaign_id from report_rollups group by 1 order by sum(sent) desc limit 1) as busiest`,
    ),
  );
  console.log(`messages: ${sizes!.messages.toLocaleString('en')}, report_rollups rows: ${sizes!.rollups.toLocaleString('en')}`);
  const busiest = sizes!.busiest;
  const to = new Date().toISOString().slice(0, 10);
  const ninety = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
  const plan = await inWorkspace((db) =>
    queryRows<{ 'QUERY PLAN': string }>(db, sql`explain select day, sum(sent) from report_rollups r where r.workspace_id = ${workspaceId} and r.day between ${ninety}::date and ${to}::date group by 1`),
  );
  console.log(`plan of the workspace read (90 days):\n  ${plan.map((line) => line['QUERY PLAN']).join('\n  ')}`);

  const rows: Row[] = [];
  rows.push(await measure('campaign report, 30 days (service)', () => inWorkspace((db) => getReport(db, workspaceId, { campaignId: busiest }))));
  rows.push(await measure('campaign report, 90 days (service)', () => inWorkspace((db) => getReport(db, workspaceId, { campaignId: busiest, from: ninety, to }))));
  rows.push(await measure('workspace report, 30 days (service)', () => inWorkspace((db) => getReport(db, workspaceId, {}))));
  rows.push(await measure('workspace report, 90 days (service)', () => inWorkspace((db) => getReport(db, workspaceId, { from: ninety, to }))));
  const get = (path: string) => async () => {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
  };
  rows.push(await measure('GET /api/admin/reports (workspace, 30 d)', get('/api/admin/reports')));
  rows.push(await measure('GET /api/admin/reports?campaignId= (30 d)', get(`/api/admin/reports?campaignId=${busiest}`)));
  rows.push(await measure('GET /api/admin/reports/daily.csv (90 d)', get(`/api/admin/reports/daily.csv?from=${ninety}&to=${to}`)));

  console.log(`\n${database.kind}, ${sizes!.messages.toLocaleString('en')} messages, ${RUNS} runs each (ms):`);
  console.log('| piece | p50 | p95 | max |\n|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.piece} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} |`);
  await app.stop();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
