/**
 * `npm run bench`: runs the benches one after the other, each in its own process (each opens and
 * seeds its own database, so nothing carries over between them).
 *
 *   npm run bench                          # all of them, on PGlite
 *   npm run bench -- dashboard import      # only those whose name contains a word given
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench npm run bench   # on Postgres (a scratch database: it is emptied)
 *
 * Sizes: ROWS / RUNS for the import and prospect-list benches, BENCH_PROSPECTS / BENCH_RUNS for
 * the dashboard bench (each file's header says more).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((word) => file.includes(word)))
  .sort();

if (benches.length === 0) {
  console.error(`No bench matches ${wanted.join(', ')}.`);
  process.exit(1);
}

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  // The tsx binary that runs this file runs the bench too (same loader, same Node).
  const result = spawnSync(process.execPath, [...process.execArgv, path.join(here, bench)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failed++;
    console.error(`${bench} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed ? 1 : 0);
