/**
 * Parsing a PhantomBuster result: 2,500 Sales Navigator profiles (the most one search exports),
 * with 5% re-listed under URL variants, from the result object as it arrives (a JSON string),
 * and from the equivalent result.csv. Prints p50/p95 over RUNS runs. The insert into the database
 * is not measured yet (it comes with the scrape job).
 *
 *   npx tsx bench/scraping-parse.bench.ts
 *   PROFILES=10000 RUNS=10 npx tsx bench/scraping-parse.bench.ts
 *
 * Target (issue 9): our part of a 50-profile scrape under 5 s; here 2,500 profiles should parse in
 * well under a second.
 */
import { stringify } from 'csv-stringify/sync';
import { parseProfileCsv, parseProfileRecords } from '../src/server/scraping/profiles.js';
import { generateSalesNavigatorProfiles } from '../tests/fakes/linkedin-profiles.js';

const profiles = Number(process.env.PROFILES ?? 2500);
const runs = Number(process.env.RUNS ?? 30);

const distinct = Math.round(profiles / 1.05);
const rows = generateSalesNavigatorProfiles(distinct, { duplicates: profiles - distinct });
const resultObject = JSON.stringify(rows);
const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
const csv = stringify(rows, { header: true, columns });
console.log(`${rows.length.toLocaleString('en')} profiles: result object ${(resultObject.length / 1024 / 1024).toFixed(2)} MiB, CSV ${(csv.length / 1024 / 1024).toFixed(2)} MiB`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function measure(label: string, parse: () => { profiles: unknown[]; duplicates: number; rejectedCount: number }) {
  parse(); // warm-up: JIT, first-use module costs
  const times: number[] = [];
  let last = parse();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    last = parse();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} p50 ${percentile(times, 50).toFixed(1)} ms   p95 ${percentile(times, 95).toFixed(1)} ms   ` +
      `(${last.profiles.length} profiles, ${last.duplicates} duplicates, ${last.rejectedCount} rejected, ${runs} runs)`,
  );
}

// The result object arrives as a JSON string inside the API answer: its JSON.parse is part of the cost.
measure('result object (JSON string)', () => parseProfileRecords(JSON.parse(resultObject) as unknown));
measure('result.csv', () => parseProfileCsv(csv));
