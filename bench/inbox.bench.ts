/**
 * The inbox at realistic scale (issue 11): each filter's first page over HTTP, sequentially,
 * p50 / p95 / max — the unfiltered list, every intent (common, rare, and one no reply has), unread.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_perf_bench npx tsx bench/inbox.bench.ts [--reuse]
 *   npx tsx bench/inbox.bench.ts --prospects 20000 [--data-dir DIR]                              # PGlite
 *
 * --reuse (PostgreSQL): measure the database an earlier run (this bench or load.bench.ts) seeded,
 * as it is (scratch databases only: without it the database is emptied and seeded again).
 * --data-dir (PGlite): keep the folder, and reuse it on later runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../src/server/db/database.js';
import { REPLY_INTENTS } from '../src/shared/enums.js';
import { restartBenchApp, signInSeededAdmin, startBenchApp } from './bench-app.js';
import { seedBenchData } from './seed.js';
import { settleTables } from './settle.js';

const { values: args } = parseArgs({
  options: {
    prospects: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '60' },
    reuse: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});
const url = process.env.DATABASE_URL;
const runs = Number(args.runs);

async function emptyPostgres(databaseUrl: string): Promise<void> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await client.unsafe('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade;');
  await client.end();
}

async function main() {
  const keepDir = !url && args['data-dir'] ? path.resolve(args['data-dir']) : null;
  const pgliteDir = url ? null : (keepDir ?? mkdtempSync(path.join(tmpdir(), 'sm-inbox-pglite-')));
  if (url && !args.reuse) await emptyPostgres(url);
  const database = url ? await openDatabase({ kind: 'postgres', url, poolSize: 10 }) : await openDatabase({ kind: 'pglite', dataDir: pgliteDir! });
  let { app, base } = await restartBenchApp(database, 'sm-inbox-');
  let cookie = (await signInSeededAdmin(database, base))?.cookie;
  if (!cookie) {
    await app.stop();
    const first = await startBenchApp(database, 'sm-inbox-');
    ({ app, base, cookie } = first);
    const seeded = await seedBenchData(database, { workspaceId: first.workspaceId, prospects: Number(args.prospects), sentPerDay: Math.round(Number(args.prospects) / 20) });
    await settleTables(database, url);
    console.log(`seeded ${JSON.stringify(seeded.counts)} in ${(seeded.ms / 1000).toFixed(1)} s`);
  }
  const get = async (target: string) => {
    const started = performance.now();
    const response = await fetch(`${base}${target}`, { headers: { cookie: cookie } });
    if (response.status !== 200) throw new Error(`${target} answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { items: unknown[] };
    return { ms: performance.now() - started, rows: body.items.length };
  };
  const reads = ['/api/admin/inbox', ...REPLY_INTENTS.map((intent) => `/api/admin/inbox?intent=${intent}`), '/api/admin/inbox?unread=true'];
  console.log(`\n${database.kind}, inbox first page (30 conversations), ${runs} sequential runs each (ms):`);
  console.log('| read | rows | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  for (const read of reads) {
    for (let i = 0; i < 3; i++) await get(read);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const result = await get(read);
      times.push(result.ms);
      rows = result.rows;
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
    console.log(`| ${read.replace('/api/admin/inbox', 'inbox')} | ${rows} | ${at(50).toFixed(1)} | ${at(95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`);
  }
  await app.stop();
  await database.close();
  if (pgliteDir && !keepDir) rmSync(pgliteDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
