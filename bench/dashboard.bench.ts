/**
 * Dashboard latency with a realistic workspace: 100 000 prospects, 30 days of mail, replies,
 * decisions, meetings and events (bench/seed.ts). Reports p50 / p95 / max over RUNS runs of every
 * piece (each in its own workspace transaction, as a request would run it) and of the combined
 * REST call `GET /api/admin/dashboard/stats` through the real HTTP server.
 *
 *   npx tsx bench/dashboard.bench.ts                       # PGlite (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_dash npx tsx bench/dashboard.bench.ts
 *
 * Options (environment): BENCH_PROSPECTS (default 100000), BENCH_RUNS (default 200).
 * On Postgres the database is emptied first (it must be a scratch database).
 */
import { settleTables } from './settle.js';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../src/server/db/database.js';
import { getActivity } from '../src/server/dashboard/activity.service.js';
import { dailySeries, getDashboardStats, getHealth, getMetrics, totalProspects } from '../src/server/dashboard/dashboard.service.js';
import { getKanban } from '../src/server/dashboard/pipeline.service.js';
import { startBenchApp } from './bench-app.js';
import { seedBenchData } from './seed.js';

const PROSPECTS = Number(process.env.BENCH_PROSPECTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 15;
const url = process.env.DATABASE_URL;

type Row = { piece: string; p50: number; p95: number; max: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(piece: string, fn: () => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { piece, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]! };
}

async function resetPostgres(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  // A scratch database: drop everything the migrations made so each run starts clean.
  await sql.unsafe('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade;');
  await sql.end();
}

async function main() {
  if (url) await resetPostgres(url);
  const database: Database = url ? await openDatabase({ kind: 'postgres', url, poolSize: 4 }) : await openDatabase({ kind: 'pglite' });
  const { app, base, cookie, workspaceId } = await startBenchApp(database, 'sm-bench-');

  const seeded = await seedBenchData(database, { workspaceId, prospects: PROSPECTS });
  await settleTables(database, url);
  console.log(`${database.kind}: seeded ${JSON.stringify(seeded.counts)} in ${(seeded.ms / 1000).toFixed(1)} s`);

  const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(workspaceId, fn);
  const rows: Row[] = [];
  rows.push(await measure('daily series (30 d)', () => inWorkspace((db) => dailySeries(db, workspaceId))));
  rows.push(await measure('prospect count', () => inWorkspace((db) => totalProspects(db, workspaceId))));
  rows.push(await measure('metrics (tiles)', () => getMetrics(inWorkspace, workspaceId)));
  rows.push(await measure('health score', () => getHealth(inWorkspace, workspaceId)));
  rows.push(await measure('stats (service)', () => getDashboardStats(inWorkspace, workspaceId)));
  rows.push(await measure('kanban (8/column)', () => inWorkspace((db) => getKanban(db, workspaceId, 8))));
  rows.push(await measure('activity (25)', () => inWorkspace((db) => getActivity(db, workspaceId, { limit: 25 }))));
  rows.push(
    await measure('GET /api/admin/dashboard/stats', async () => {
      const response = await fetch(`${base}/api/admin/dashboard/stats`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`stats answered ${response.status}`);
      await response.arrayBuffer();
    }),
  );

  console.log(`\n${database.kind}, ${PROSPECTS.toLocaleString('en')} prospects, ${RUNS} runs each (ms):`);
  console.log('| piece | p50 | p95 | max |\n|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.piece} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} |`);
  await app.stop();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
