/**
 * CSV import throughput: a realistic 100,000-row Apollo-style file (BOM-less, CRLF, quoted cells,
 * ~1% duplicates, some bad rows, 5% LinkedIn-only) through the real import service, on a fresh
 * database. Target: well under 30 s on PGlite and on Postgres.
 *
 *   npx tsx bench/import.bench.ts                    # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_prospects npx tsx bench/import.bench.ts
 *   ROWS=20000 npx tsx bench/import.bench.ts         # smaller run
 */
import { importCsv } from '../src/server/prospects/csv-import.js';
import { createBenchWorkspace, generateApolloCsv, openBenchDatabase } from './prospects-bench-setup.js';

const rows = Number(process.env.ROWS ?? 100_000);

const { database, label, cleanup } = await openBenchDatabase();
try {
  const { workspaceId, userId, campaignIds } = await createBenchWorkspace(database, ['Bench campaign']);
  let started = performance.now();
  const csv = generateApolloCsv(rows);
  console.log(`generated ${rows.toLocaleString('en')} rows (${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(2)} s`);

  started = performance.now();
  const result = await importCsv(database, { workspaceId, userId, role: 'admin' }, { body: csv, campaignId: campaignIds[0], fileName: 'bench.csv' });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${label}: imported ${result.imported.toLocaleString('en')}, duplicates ${result.duplicates.toLocaleString('en')}, errors ${result.errorCount.toLocaleString('en')} of ${result.totalRows.toLocaleString('en')} rows`);
  console.log(`${label}: ${seconds.toFixed(2)} s total, ${Math.round(result.totalRows / seconds).toLocaleString('en')} rows/s`);

  // Re-importing the same file: everything is a duplicate (the ON CONFLICT path at full size).
  started = performance.now();
  const again = await importCsv(database, { workspaceId, userId, role: 'admin' }, { body: csv });
  const againSeconds = (performance.now() - started) / 1000;
  console.log(`${label}: re-import ${againSeconds.toFixed(2)} s (${again.imported} new, ${again.duplicates.toLocaleString('en')} duplicates), ${Math.round(again.totalRows / againSeconds).toLocaleString('en')} rows/s`);
} finally {
  await cleanup();
}
