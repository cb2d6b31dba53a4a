/**
 * Our part of a LinkedIn scrape, without PhantomBuster's own time:
 *  1. parse + insert 2,500 profiles (the most one Sales Navigator search exports) through the
 *     scrape job's insert path (batches through insertProspectBatch, run counts, enrichment
 *     queued) — p50/p95 over RUNS runs, each with new people, plus one re-run where all are known;
 *  2. a whole 50-profile scrape against the PhantomBuster fake on a socket (launch, polls,
 *     result, parse, insert), polls back to back: target under 5 s.
 *
 *   npx tsx bench/scrape.bench.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_scrape npx tsx bench/scrape.bench.ts
 *   PROFILES=2500 RUNS=5 npx tsx bench/scrape.bench.ts
 */
import { FAKE_PHANTOMBUSTER_KEY, startFakePhantomBuster } from '../tests/fakes/phantombuster.js';
import { generateSalesNavigatorProfiles } from '../tests/fakes/linkedin-profiles.js';
import { createPhantomBusterClient } from '../src/server/integrations/phantombuster.js';
import type { Db } from '../src/server/db/database.js';
import { insertResult, runScrapeStep } from '../src/server/scraping/scrape-run.js';
import { insertRunUnlessActive, updateRun } from '../src/server/scraping/scrape-runs.queries.js';
import { createBenchWorkspace, openBenchDatabase } from './prospects-bench-setup.js';

const profiles = Number(process.env.PROFILES ?? 2500);
const runs = Number(process.env.RUNS ?? 5);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const { database, label, cleanup } = await openBenchDatabase();
const fake = await startFakePhantomBuster({
  agents: [{ id: 'bench', runningPolls: 3, outcome: { kind: 'profiles', rows: generateSalesNavigatorProfiles(50, { seed: 999, duplicates: 2 }) }, savedArgument: { sessionCookie: 'x', searches: 'old', numberOfProfiles: 10 } }],
});
try {
  const names = Array.from({ length: runs + 2 }, (_, i) => `Bench scrape ${i}`);
  const { workspaceId, userId, campaignIds } = await createBenchWorkspace(database, names);
  const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(workspaceId, fn);
  const newRun = (campaignId: string) =>
    inWorkspace(async (db) => (await insertRunUnlessActive(db, { workspaceId, campaignId, requestedBy: userId, agentId: 'bench', searchUrl: 'https://www.linkedin.com/sales/search/people?query=x', searchSource: 'campaign', maxProfiles: 2500 }))!);
  const deps = { workspaceId, inWorkspace, reportProgress: async () => {} };

  const times: number[] = [];
  let last = { found: 0, inserted: 0 };
  const distinct = Math.round(profiles / 1.05);
  for (let i = 0; i < runs; i++) {
    const rows = generateSalesNavigatorProfiles(distinct, { seed: 100 + i, duplicates: profiles - distinct });
    const resultObject = JSON.stringify(rows);
    const run = await newRun(campaignIds[i]!);
    const started = performance.now();
    const parsed = await insertResult({ ...deps, runId: run.id }, run, { source: 'resultObject', data: JSON.parse(resultObject) as unknown });
    times.push(performance.now() - started);
    last = { found: parsed.total, inserted: parsed.profiles.length };
    await inWorkspace((db) => updateRun(db, run.id, { status: 'done' }));
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: parse + insert ${profiles.toLocaleString('en')} profiles   p50 ${percentile(times, 50).toFixed(0)} ms   p95 ${percentile(times, 95).toFixed(0)} ms   max ${times.at(-1)!.toFixed(0)} ms   (${last.found} rows, ${last.inserted} people, ${runs} runs)`);

  // The same result again: everyone is known (the ON CONFLICT path at full size).
  const again = generateSalesNavigatorProfiles(distinct, { seed: 100, duplicates: profiles - distinct });
  const rerun = await newRun(campaignIds[runs]!);
  let started = performance.now();
  await insertResult({ ...deps, runId: rerun.id }, rerun, { source: 'resultObject', data: again });
  console.log(`${label}: re-run of ${profiles.toLocaleString('en')} known profiles ${(performance.now() - started).toFixed(0)} ms`);
  await inWorkspace((db) => updateRun(db, rerun.id, { status: 'done' }));

  // A 50-profile scrape end to end against the fake, its polls back to back (PhantomBuster's own time excluded).
  const client = createPhantomBusterClient({ apiKey: FAKE_PHANTOMBUSTER_KEY, baseUrl: fake.baseUrl, s3BaseUrl: fake.s3BaseUrl });
  const small = await newRun(campaignIds[runs + 1]!);
  await inWorkspace((db) => updateRun(db, small.id, { status: 'queued' }));
  started = performance.now();
  let steps = 0;
  for (;;) {
    steps++;
    const outcome = await runScrapeStep({ ...deps, runId: small.id, client, pollMs: 0, now: () => new Date() });
    if (outcome.kind === 'done') {
      console.log(`${label}: 50-profile scrape, our part: ${(performance.now() - started).toFixed(0)} ms over ${steps} job steps (${outcome.run.newCount} new, ${outcome.run.duplicates} duplicates) — target < 5000 ms`);
      break;
    }
    if (outcome.kind !== 'wait') throw new Error(`scrape ended with ${outcome.kind}`);
  }
} finally {
  await fake.close();
  await cleanup();
}
