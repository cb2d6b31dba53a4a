/**
 * Replies: arrival → decision.
 *  1. BENCH_REPLIES (default 1000) replies ingested and classified on the OFFLINE path (no model):
 *     throughput and p50 / p95 / max of arrival (start of ingestion) → decision recorded.
 *  2. The model path with the OpenAI-compatible fake answering in BENCH_MODEL_MS (default 1500) ms:
 *     BENCH_MODEL_REPLIES (default 40) replies decided by BENCH_WORKERS (default 4) concurrent
 *     decision workers; p95 arrival → decision (the original plan's target: under 5 s).
 *
 *   npx tsx bench/replies.bench.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sm_bench_replies npx tsx bench/replies.bench.ts   (a scratch database)
 */
import postgres from 'postgres';
import { startFakeOpenAi } from '../tests/fakes/openai.js';
import type { ReplyModel } from '../src/server/agent/classify-and-decide.js';
import { decideInboundMessage } from '../src/server/agent/decision.service.js';
import { LLM_REPLY_JSON_SCHEMA } from '../src/server/agent/llm-reply.js';
import { openDatabase, type Database, type Db } from '../src/server/db/database.js';
import { mailboxes, messages, prospects } from '../src/server/db/schema/index.js';
import { completeStructured } from '../src/server/integrations/llm-structured.js';
import type { InboundMail } from '../src/server/replies/inbound-mail.js';
import { ingestInboundMail } from '../src/server/replies/ingest.service.js';
import { startBenchApp } from './bench-app.js';

const REPLIES = Number(process.env.BENCH_REPLIES ?? 1000);
const MODEL_REPLIES = Number(process.env.BENCH_MODEL_REPLIES ?? 40);
const MODEL_MS = Number(process.env.BENCH_MODEL_MS ?? 1500);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const url = process.env.DATABASE_URL;

const TEXTS = [
  'Sounds interesting, can we book a call next week?',
  'not interested, take me off your list',
  'Pas pour le moment, revenez vers moi au prochain trimestre.',
  'Who else uses this? What does it cost?',
  'I am out of the office until Monday with limited access to email.',
  'Please contact my colleague jane.doe@acme-{i}.example instead, she handles this.',
  'yes 👍',
  'Unsubscribe',
  'Merci, ça m’intéresse, on peut en parler jeudi ?',
  'Thanks but we already have a vendor.\n\n> On Monday, Alex wrote:\n> Hi there, an idea for you',
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
};

async function resetPostgres(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade;');
  await sql.end();
}

if (url) await resetPostgres(url);
const database: Database = url ? await openDatabase({ kind: 'postgres', url, poolSize: 8 }) : await openDatabase({ kind: 'pglite' });
const { app, workspaceId } = await startBenchApp(database, 'sm-bench-replies-');
const { config, secretBox, logger } = app.services;
const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(workspaceId, fn);

/** `count` prospects, each mailed once from one mailbox; returns what a reply needs. */
async function seed(prefix: string, count: number) {
  return inWorkspace(async (db) => {
    const [mailbox] = await db.insert(mailboxes).values({ workspaceId, kind: 'smtp', fromName: 'Alex', fromEmail: `alex-${prefix}@ourco.example` }).returning({ id: mailboxes.id, email: mailboxes.fromEmail });
    const people = await db
      .insert(prospects)
      .values(Array.from({ length: count }, (_, i) => ({ workspaceId, email: `p${i}@${prefix}-${i}.example`, firstName: `P${i}`, company: `Co ${i}` })))
      .returning({ id: prospects.id, email: prospects.email });
    const sent = await db
      .insert(messages)
      .values(people.map((person, i) => ({ workspaceId, prospectId: person.id, mailboxId: mailbox!.id, direction: 'outbound' as const, state: 'sent' as const, messageIdHeader: `<${prefix}-${i}@ourco.example>`, fromEmail: mailbox!.email, toEmail: person.email, subject: 'Idea', sentAt: new Date() })))
      .returning({ messageIdHeader: messages.messageIdHeader, toEmail: messages.toEmail });
    return { mailboxId: mailbox!.id, mailboxEmail: mailbox!.email, sent };
  });
}

function reply(world: Awaited<ReturnType<typeof seed>>, i: number, text: string): InboundMail {
  const out = world.sent[i]!;
  const id = `<r-${out.messageIdHeader!.slice(1, -1)}-${i}>`;
  return {
    messageId: id, inReplyTo: out.messageIdHeader, references: [out.messageIdHeader!], from: { address: out.toEmail!, name: '' }, to: [{ address: world.mailboxEmail, name: '' }], cc: [],
    subject: 'Re: Idea', date: new Date(), text: text.replace('{i}', String(i)), html: null, headers: {}, isDsn: false, deliveryReport: null, rawSize: text.length, dedupeKey: id,
  };
}

/** Arrival → decision for one reply: ingest (one transaction), then decide as the agent.decide job does. */
async function arrive(world: Awaited<ReturnType<typeof seed>>, i: number, text: string, model: ReplyModel | null): Promise<number> {
  const started = performance.now();
  const result = await inWorkspace((db) => ingestInboundMail(db, {}, reply(world, i, text), { kind: 'webhook', mailboxId: world.mailboxId }));
  if (result.decisionJobId && result.messageId) {
    const decided = await decideInboundMessage({ inWorkspace, config, secretBox, logger, model }, result.messageId);
    if (decided.kind !== 'decided') throw new Error(`not decided: ${decided.kind}`);
  }
  return performance.now() - started;
}

// 1. Offline.
const offline = await seed('off', REPLIES);
const times: number[] = [];
const began = performance.now();
for (let i = 0; i < REPLIES; i++) times.push(await arrive(offline, i, TEXTS[i % TEXTS.length]!, null));
const seconds = (performance.now() - began) / 1000;
console.log(`${database.kind}, offline path: ${REPLIES} replies in ${seconds.toFixed(1)} s = ${(REPLIES / seconds).toFixed(0)} replies/s (one worker); arrival → decision ${summary(times)}`);

// 2. The model path, 1.5 s per answer.
const fake = await startFakeOpenAi({
  latencyMs: MODEL_MS,
  responder: () => ({ intent: 'interested', confidence: 0.7, reason: 'Wants to know more', draftSubject: null, draftBody: 'Hi,\n\nHappy to tell you more.\n\nAlex' }),
});
const model: ReplyModel = {
  model: 'gpt-4o-mini',
  async complete(chat) {
    const completion = await completeStructured({ baseUrl: fake.baseUrl, apiKey: fake.apiKey, model: 'gpt-4o-mini', messages: chat, schemaName: 'reply_decision', jsonSchema: LLM_REPLY_JSON_SCHEMA, strict: false, timeoutMs: 20_000, allowPrivate: true });
    return completion.content;
  },
};
const online = await seed('llm', MODEL_REPLIES);
const modelTimes: number[] = [];
let next = 0;
const modelBegan = performance.now();
await Promise.all(
  Array.from({ length: WORKERS }, async () => {
    while (next < MODEL_REPLIES) {
      const i = next++;
      modelTimes.push(await arrive(online, i, 'Sounds good, tell me more about how it works for a team like ours.', model));
    }
  }),
);
const modelSeconds = (performance.now() - modelBegan) / 1000;
console.log(`${database.kind}, model path (fake model answering in ${MODEL_MS} ms, ${WORKERS} workers): ${MODEL_REPLIES} replies in ${modelSeconds.toFixed(1)} s; arrival → decision ${summary(modelTimes)}; model calls ${fake.chats.length}`);
const p95 = percentile([...modelTimes].sort((a, b) => a - b), 95);
console.log(p95 < 5000 ? `target met: p95 ${(p95 / 1000).toFixed(2)} s < 5 s` : `TARGET MISSED: p95 ${(p95 / 1000).toFixed(2)} s ≥ 5 s`);

await fake.close();
await app.stop();
