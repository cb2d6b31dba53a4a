/**
 * Issue 12's budgets: the three hot reads under concurrent keep-alive load, each beside its
 * sequential latency and the raw SQL of the same read (the statements one request sent, replayed
 * on the bare driver), /health while PGlite works, and the server's RSS after the load.
 *
 *   npx tsx bench/load.bench.ts --prospects 10000 --clients 50 --seconds 10            # PGlite (a temporary data folder)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_perf_bench npx tsx bench/load.bench.ts
 *
 * Options: --prospects (100000), --campaigns (50), --days (90), --sent-per-day (5000: ≈ 500k
 * messages with replies over 90 days), --clients (200 on PostgreSQL, 50 on PGlite), --seconds (20),
 * --runs (sequential runs per read, 100), --pglite-thread (worker: the default, PGLITE_WORKER=true;
 * main: in the server's own thread, as before issue 12). On PostgreSQL the database is emptied
 * first (scratch only). On PGlite the data lives in a temporary folder, as under `npm start`, and
 * the database and app are restarted after seeding, so the RSS figures are those of a server that
 * opened 100k prospects, not of the one that just wrote them. --data-dir DIR (PGlite) keeps the
 * data folder: a first run seeds it, later runs measure on it without seeding again (minutes saved
 * on a loaded machine; the seed options are then those of the first run). --reuse (PostgreSQL):
 * the same for a scratch database an earlier run seeded (not emptied; seeded only if empty).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { restartBenchApp, signInSeededAdmin, startBenchApp } from './bench-app.js';
import { seedBenchData } from './seed.js';
import { settleTables } from './settle.js';

const { values: args } = parseArgs({
  options: {
    prospects: { type: 'string', default: '100000' },
    campaigns: { type: 'string', default: '50' },
    days: { type: 'string', default: '90' },
    'sent-per-day': { type: 'string', default: '5000' },
    clients: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '100' },
    'pglite-thread': { type: 'string', default: 'worker' },
    'data-dir': { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const url = process.env.DATABASE_URL;
const kind = url ? 'postgres' : 'pglite';
const clients = Number(args.clients ?? (url ? 200 : 50));
const seconds = Number(args.seconds);
const runs = Number(args.runs);
const BUDGET = url ? { p95: 100, health: null, rss: 300 } : { p95: 300, health: 50, rss: 300 };
const READS = [
  { name: 'campaigns', path: '/api/admin/campaigns' },
  { name: 'dashboard stats', path: '/api/admin/dashboard/stats' },
  { name: 'prospects ?q=', path: '/api/admin/prospects?q=martin' },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const median = (times: number[]) => percentile([...times].sort((a, b) => a - b), 50);

type Load = { requests: number; errors: number; failures: Record<string, number>; rps: number; p50: number; p95: number; p99: number; probeP99: number | null };

function runLoad(target: string, cookie: string, probe: string): Promise<Load> {
  const client = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-client.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [client, target, String(clients), String(seconds), cookie, probe], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`load client exited ${code}`))));
  });
}

async function resetPostgres(databaseUrl: string): Promise<void> {
  const admin = new URL(databaseUrl);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const server = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  if ((await server`select 1 from pg_database where datname = ${name}`).length === 0) await server.unsafe(`create database "${name.replaceAll('"', '')}"`);
  await server.end();
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await client.unsafe('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade;');
  await client.end();
}

/**
 * Replays captured statements on the bare driver, in one transaction (so the captured
 * `set_config(…, true)` scopes them as it did the request): the floor for that read.
 */
function rawRunner(database: Database, statements: { query: string; params: unknown[] }[]) {
  const client = (database.db as unknown as { $client: unknown }).$client;
  type Tx = { query(q: string, p: unknown[]): Promise<unknown> };
  return async () => {
    if (database.kind === 'postgres') {
      await (client as postgres.Sql).begin(async (tx) => {
        for (const { query, params } of statements) await tx.unsafe(query, params as postgres.ParameterOrJSON<never>[]);
      });
    } else {
      await (client as { transaction(fn: (tx: Tx) => Promise<void>): Promise<void> }).transaction(async (tx) => {
        for (const { query, params } of statements) await tx.query(query, params);
      });
    }
  };
}

async function main() {
  if (url && !args.reuse) await resetPostgres(url);
  let capture: { query: string; params: unknown[] }[] | null = null;
  const onStatement = (query: string, params: unknown[]) => capture?.push({ query, params });
  const worker = args['pglite-thread'] !== 'main';
  const keepDir = !url && args['data-dir'] ? path.resolve(args['data-dir']) : null;
  const pgliteDir = url ? null : (keepDir ?? mkdtempSync(path.join(tmpdir(), 'sm-load-pglite-')));
  const open = () =>
    url ? openDatabase({ kind: 'postgres', url, poolSize: 10, onStatement }) : openDatabase({ kind: 'pglite', dataDir: pgliteDir!, worker, onStatement });
  let database = await open();
  let app: Awaited<ReturnType<typeof startBenchApp>>['app'];
  let base: string;
  let cookie: string;
  let seeded: { counts: unknown; ms: number };
  const reused = keepDir || (url && args.reuse) ? await restartBenchApp(database, 'sm-load-') : null;
  const signedIn = reused ? await signInSeededAdmin(database, reused.base) : null;
  if (reused && signedIn) {
    ({ app, base } = reused);
    ({ cookie } = signedIn);
    seeded = { counts: `reused ${keepDir ?? 'database'}`, ms: 0 };
  } else {
    if (reused) await reused.app.stop();
    const first = await startBenchApp(database, 'sm-load-');
    ({ app, base, cookie } = first);
    seeded = await seedBenchData(database, {
      workspaceId: first.workspaceId,
      prospects: Number(args.prospects),
      campaigns: Number(args.campaigns),
      days: Number(args.days),
      sentPerDay: Number(args['sent-per-day']),
    });
    await settleTables(database, url);
  }
  let rssIdle: number | null = null;
  if (pgliteDir) {
    // Restart on the seeded folder: what a server that starts on 100k prospects holds.
    await app.stop();
    await database.close();
    database = await open();
    ({ app, base } = await restartBenchApp(database, 'sm-load-'));
    await fetch(`${base}/api/admin/campaigns`, { headers: { cookie } });
    rssIdle = process.memoryUsage().rss / 2 ** 20;
  }
  const mode = url ? '' : worker ? ' (PGlite in a worker thread)' : ' (PGlite on the main thread)';
  console.log(`${kind}${mode}: seeded ${JSON.stringify(seeded.counts)} in ${(seeded.ms / 1000).toFixed(1)} s; ${clients} clients × ${seconds} s per read`);

  const fetchOk = async (target: string) => {
    const response = await fetch(`${base}${target}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${target} answered ${response.status}`);
    await response.arrayBuffer();
  };
  const rows: string[] = [];
  let rssAfter = 0;
  for (const read of READS) {
    for (let i = 0; i < 5; i++) await fetchOk(read.path);
    capture = [];
    await fetchOk(read.path);
    const statements = capture;
    capture = null;
    const sequential: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await fetchOk(read.path);
      sequential.push(performance.now() - started);
    }
    const raw = rawRunner(database, statements);
    const rawTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await raw();
      rawTimes.push(performance.now() - started);
    }
    const load = await runLoad(`${base}${read.path}`, cookie, database.kind === 'pglite' ? `${base}/health` : '');
    rssAfter = Math.max(rssAfter, process.memoryUsage().rss / 2 ** 20);
    const seq = median(sequential);
    const rawMs = median(rawTimes);
    const ok = (met: boolean) => (met ? 'ok' : 'MISSED');
    rows.push(
      `| ${read.name} | ${statements.length} | ${rawMs.toFixed(1)} | ${seq.toFixed(1)} (${(seq / rawMs).toFixed(2)}×, ≤1.5× ${ok(seq <= rawMs * 1.5)}) | ${load.rps.toFixed(0)} | ${load.p50.toFixed(0)} | ${load.p95.toFixed(0)} (≤${BUDGET.p95} ${ok(load.p95 <= BUDGET.p95)}) | ${load.p99.toFixed(0)} | ${load.errors}${load.errors ? ' ' + JSON.stringify(load.failures) : ''} | ${load.probeP99 === null ? '–' : `${load.probeP99.toFixed(0)} (≤${BUDGET.health} ${ok(load.probeP99 <= BUDGET.health!)})`} |`,
    );
  }
  console.log(`\n${kind}, ${Number(args.prospects).toLocaleString('en')} prospects, ${clients} keep-alive clients × ${seconds} s (ms):`);
  console.log('| read | statements | raw SQL p50 | sequential p50 | req/s | p50 | p95 | p99 | errors | /health p99 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  if (rssIdle !== null) console.log(`server RSS after the restart on the seeded data, before the load: ${rssIdle.toFixed(0)} MB`);
  console.log(`server RSS after the load: ${rssAfter.toFixed(0)} MB (budget ≤ ${BUDGET.rss} MB: ${rssAfter <= BUDGET.rss ? 'ok' : 'MISSED'})`);
  await app.stop();
  await database.close();
  if (pgliteDir && !keepDir) rmSync(pgliteDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
