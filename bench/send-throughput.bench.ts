/**
 * Sending throughput with caps lifted: the engine's whole path (tick → plan → claim transaction
 * with every re-check → render → nodemailer pooled SMTP → record) against a bare nodemailer loop
 * sending the same number of messages to the same local SMTP server (tests/fakes/smtp-server.ts,
 * which parses every message it accepts), in the same run. Prints both rates and the ratio.
 *
 *   npx tsx bench/send-throughput.bench.ts                 # PGlite (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_send npx tsx bench/send-throughput.bench.ts
 *
 * Options (environment): BENCH_MESSAGES (default 1000), BENCH_MAILBOXES (default 50, the most a campaign takes: the engine sends at most once per mailbox per tick, by design, so many mailboxes measure its per-message cost).
 * On Postgres the database is emptied first (it must be a scratch database).
 */
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import postgres from 'postgres';
import { startFakeSmtpServer } from '../tests/fakes/smtp-server.js';
import { openDatabase, type Database, type Db } from '../src/server/db/database.js';
import { campaignMailboxes, mailboxes, prospects } from '../src/server/db/schema/index.js';
import { runSendTick } from '../src/server/sending/send-tick.service.js';
import { startBenchApp } from './bench-app.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);
const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 50);
const url = process.env.DATABASE_URL;
const BODY = 'Hi {{firstName}},\n\nA short note about {{company}}: we help teams like yours book more meetings.\n\nWorth a chat next week?\n\n{{signature}}';

async function main() {
  if (url) {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    await client.unsafe('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade;');
    await client.end();
  }
  const database: Database = url ? await openDatabase({ kind: 'postgres', url, poolSize: 4 }) : await openDatabase({ kind: 'pglite' });
  const { app, base, cookie, workspaceId } = await startBenchApp(database, 'sm-bench-send-', { ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  const smtp = await startFakeSmtpServer();
  const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(workspaceId, fn);
  const api = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(`${base}${path}`, { method, headers: { cookie, origin: base, 'content-type': 'application/json' }, body: json === undefined ? undefined : JSON.stringify(json) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };

  // Caps lifted: no daily cap that binds, no gap, no warm-up, open all week.
  await api('PATCH', '/api/admin/workspace', { postalAddress: '12 rue des Lilas, 69001 Lyon', companyName: 'Bench Co' });
  const boxes = await inWorkspace((db) =>
    db
      .insert(mailboxes)
      .values(
        Array.from({ length: MAILBOXES }, (_, i) => ({
          workspaceId, kind: 'smtp' as const, fromName: `Sender ${i}`, fromEmail: `sender${i}@bench-send.example`, smtpHost: smtp.host, smtpPort: smtp.port,
          smtpSecure: false, smtpPlaintext: true, dailyLimit: 1_000_000, minGapSeconds: 0, windowStart: '00:00', windowEnd: '23:59',
          windowDays: [1, 2, 3, 4, 5, 6, 7], windowTimezone: 'UTC', warmupEnabled: false,
        })),
      )
      .returning({ id: mailboxes.id }),
  );
  const campaign = await api('POST', '/api/admin/campaigns', { name: 'Throughput', mailboxIds: boxes.map((b) => b.id), sendWindowStart: '00:00', sendWindowEnd: '23:59', sendDays: [1, 2, 3, 4, 5, 6, 7] });
  await api('PUT', `/api/admin/campaigns/${campaign.id}/sequence`, { steps: [{ delayDays: 0, subject: 'Quick question, {{firstName}}', body: BODY }] });
  await inWorkspace(async (db) => {
    await db.insert(prospects).values(Array.from({ length: MESSAGES }, (_, i) => ({ workspaceId, campaignId: campaign.id, email: `p${i}@bench-recipient.example`, firstName: `P${i}`, company: `Company ${i}` })));
    await db.select().from(campaignMailboxes).limit(1);
  });
  await api('POST', `/api/admin/campaigns/${campaign.id}/launch`, {});
  await inWorkspace((db) => db.execute(sql`update enrollments set address_verdict = 'valid'`));

  // The engine: ticks one simulated minute apart until every message left.
  const services = app.services;
  const deps = { inWorkspace, config: services.config, secretBox: services.secretBox, logger: services.logger };
  let now = new Date(Date.now() + 3 * 86_400_000);
  let sent = 0;
  let ticks = 0;
  const engineStarted = performance.now();
  while (sent < MESSAGES && ticks < 10_000) {
    const result = await runSendTick(deps, { now });
    sent += result.sent;
    ticks++;
    if (result.sent === 0 && result.deferred === 0 && result.skipped === 0 && ticks > 3) break;
    now = new Date(now.getTime() + 60_000);
  }
  const engineSeconds = (performance.now() - engineStarted) / 1000;
  if (sent < MESSAGES) console.warn(`only ${sent} of ${MESSAGES} left in ${ticks} ticks`);

  // The bare loop: one pooled nodemailer transport, the same text, one message after the other.
  const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true, pool: true });
  const bareStarted = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    await transport.sendMail({ from: 'sender0@bench-send.example', to: `p${i}@bench-recipient.example`, subject: `Quick question, P${i}`, text: BODY.replace('{{firstName}}', `P${i}`) });
  }
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  transport.close();

  const engineRate = sent / engineSeconds;
  const bareRate = MESSAGES / bareSeconds;
  console.log(`\n${database.kind}, ${MESSAGES} messages, ${MAILBOXES} mailboxes, caps lifted:`);
  console.log('| path | messages | seconds | messages/s |\n|---|---:|---:|---:|');
  console.log(`| engine (${ticks} ticks) | ${sent} | ${engineSeconds.toFixed(2)} | ${engineRate.toFixed(1)} |`);
  console.log(`| bare nodemailer loop | ${MESSAGES} | ${bareSeconds.toFixed(2)} | ${bareRate.toFixed(1)} |`);
  console.log(`engine / bare = ${(engineRate / bareRate).toFixed(2)}`);
  await smtp.stop();
  await app.stop();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
