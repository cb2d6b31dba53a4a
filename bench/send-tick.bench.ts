/**
 * The send tick's decision at scale: 1 000 mailboxes (six time zones, half warming up, some with
 * sends today), 10 active campaigns sharing them (100 mailboxes each), 50 000 enrolled prospects
 * whose first email is due now. Times `planSends` — due messages, windows in each prospect's zone,
 * every linked mailbox's capacity, rotation — which is everything a tick decides before the first
 * claim; budget 1 s. Reports p50 / p95 / max over RUNS ticks, each one minute later.
 *
 *   npx tsx bench/send-tick.bench.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_tick npx tsx bench/send-tick.bench.ts   # a scratch database: it is emptied
 *
 * Options (environment): BENCH_RUNS (default 20), BENCH_MESSAGES (default 50000), BENCH_MAILBOXES (default 1000).
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../src/server/db/database.js';
import { planSends } from '../src/server/sending/send-plan.js';
import { startBenchApp } from './bench-app.js';
import { settleTables } from './settle.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50_000);
const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 1_000);
const CAMPAIGNS = 10;
const BUDGET_MS = 1000;
const url = process.env.DATABASE_URL;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function resetPostgres(databaseUrl: string): Promise<void> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await client.unsafe('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade;');
  await client.end();
}

async function seed(db: Db, workspaceId: string, now: Date): Promise<void> {
  const zones = sql.raw(`array['Europe/Paris','America/New_York','Asia/Tokyo','UTC','Europe/London','America/Los_Angeles']`);
  await db.execute(sql`
    insert into mailboxes (workspace_id, kind, from_name, from_email, smtp_host, smtp_port, smtp_secure, daily_limit, min_gap_seconds,
      window_start, window_end, window_days, window_timezone, warmup_enabled, warmup_start_per_day, warmup_increment_per_day, warmup_started_at, last_sent_at)
    select ${workspaceId}, 'smtp', 'Bench ' || g, 'mb' || g || '@bench.example', 'smtp.bench.example', 587, false, 50, 60,
      '00:00', '23:59', '{1,2,3,4,5,6,7}', (${zones})[1 + g % 6], g % 2 = 0, 5, 2,
      case when g % 2 = 0 then ${now.toISOString()}::timestamptz - (g % 20) * interval '1 day' end,
      case when g % 3 = 0 then ${now.toISOString()}::timestamptz - interval '30 minutes' end
    from generate_series(1, ${MAILBOXES}) g`);
  await db.execute(sql`
    insert into campaigns (workspace_id, name, status, timezone, send_window_start, send_window_end, send_days)
    select ${workspaceId}, 'Bench campaign ' || g, 'active', 'UTC', '00:00', '23:59', '{1,2,3,4,5,6,7}' from generate_series(1, ${CAMPAIGNS}) g`);
  await db.execute(sql`
    insert into campaign_mailboxes (workspace_id, campaign_id, mailbox_id)
    select ${workspaceId}, c.id, m.id
    from (select id, row_number() over (order by created_at, id) - 1 as n from campaigns) c
    join (select id, row_number() over (order by from_email) - 1 as n from mailboxes where kind = 'smtp') m on m.n % ${CAMPAIGNS} = c.n`);
  await db.execute(sql`
    insert into sequence_steps (workspace_id, campaign_id, position, delay_days, subject_template, body_template)
    select ${workspaceId}, id, 0, 0, 'Hello {{firstName|there}}', 'A short idea.' from campaigns`);
  await db.execute(sql`
    insert into prospects (workspace_id, email, first_name, campaign_id, timezone)
    select ${workspaceId}, 'p' || g || '@prospect' || (g % 5000) || '.example', 'P' || g,
      (select id from campaigns order by created_at, id offset (g % ${CAMPAIGNS}) limit 1), (${zones})[1 + g % 6]
    from generate_series(1, ${MESSAGES}) g`);
  await db.execute(sql`
    insert into enrollments (workspace_id, prospect_id, campaign_id, state, current_step, next_run_at)
    select ${workspaceId}, id, campaign_id, 'active', 0, ${now.toISOString()}::timestamptz from prospects`);
  await db.execute(sql`
    insert into messages (workspace_id, prospect_id, campaign_id, enrollment_id, direction, state, step_position, variant_index, to_email, scheduled_at, unsubscribe_token)
    select e.workspace_id, e.prospect_id, e.campaign_id, e.id, 'outbound', 'scheduled', 0, 0, p.email,
      ${now.toISOString()}::timestamptz - (random() * interval '3 hours'), md5(e.id::text)
    from enrollments e join prospects p on p.id = e.prospect_id`);
  // Some mail already left today, so the per-mailbox "sent today" counts are not all zero.
  await db.execute(sql`
    insert into messages (workspace_id, prospect_id, campaign_id, mailbox_id, direction, state, step_position, to_email, sent_at, subject, body_text)
    select ${workspaceId}, p.id, p.campaign_id, m.id, 'outbound', 'sent', null, p.email, ${now.toISOString()}::timestamptz - interval '2 hours', 'Earlier', 'Earlier'
    from (select id, row_number() over (order by id) as n from mailboxes where kind = 'smtp') m
    join (select id, campaign_id, email, row_number() over (order by id) as n from prospects limit ${MAILBOXES * 3}) p on p.n % ${MAILBOXES} = m.n % ${MAILBOXES}`);
}

async function main() {
  if (url) await resetPostgres(url);
  const database: Database = url ? await openDatabase({ kind: 'postgres', url, poolSize: 4 }) : await openDatabase({ kind: 'pglite' });
  const { app, workspaceId } = await startBenchApp(database, 'sm-bench-tick-');
  const start = new Date();
  start.setUTCSeconds(0, 0);
  const seeded = performance.now();
  await database.withWorkspace(workspaceId, (db) => seed(db, workspaceId, start));
  await settleTables(database, url);
  console.log(`${database.kind}: seeded ${MAILBOXES} mailboxes, ${CAMPAIGNS} campaigns, ${MESSAGES} due messages in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const times: number[] = [];
  let planned = 0;
  for (let run = -2; run < RUNS; run++) {
    const now = new Date(start.getTime() + (run + 3) * 60_000);
    const began = performance.now();
    const plan = await database.withWorkspace(workspaceId, (db) => planSends(db, now));
    const ms = performance.now() - began;
    if (run >= 0) times.push(ms);
    planned = plan.sends.length;
  }
  times.sort((a, b) => a - b);
  const [p50, p95, max] = [percentile(times, 50), percentile(times, 95), times[times.length - 1]!];
  console.log(`tick decision (planSends), ${RUNS} runs: p50 ${p50.toFixed(0)} ms · p95 ${p95.toFixed(0)} ms · max ${max.toFixed(0)} ms — ${planned} sends planned per tick (budget ${BUDGET_MS} ms: ${p95 <= BUDGET_MS ? 'within' : 'OVER'})`);
  await app.stop();
  await database.close();
  if (p95 > BUDGET_MS) process.exitCode = 1;
}

await main();
