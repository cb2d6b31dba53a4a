/**
 * The email engine's pure rules at the scale of a large workspace: 1 000 mailboxes (six time
 * zones, half of them warming up) and 50 000 enrolled prospects over a 4-step sequence. Reports
 * p50 / p95 / max over RUNS runs of:
 * - capacity: `mailboxCapacityToday` for every mailbox + `campaignCapacityToday`;
 * - forecast: `forecastCampaign`, with prospects grouped by (step, due day) as a GROUP BY gives
 *   them, and ungrouped (one group per prospect, each with its own due time: the worst case);
 * - rotation: `assignMailboxes` for 50 000 due messages (80 % first emails, 20 % follow-ups);
 * - render: `renderStep` of one parsed step for 50 000 prospects.
 * Each run moves `now` on by 61 s so the time-zone memo is not simply warm.
 *
 *   npx tsx bench/sending-rules.bench.ts
 *
 * Options (environment): BENCH_RUNS (default 200), BENCH_PROSPECTS (default 50000), BENCH_MAILBOXES (default 1000).
 */
import {
  assignMailboxes,
  buildVariableLookup,
  campaignCapacityToday,
  forecastCampaign,
  mailboxCapacityToday,
  parseStep,
  renderStep,
  seededRandom,
  type DueItem,
  type ForecastMailbox,
  type PendingGroup,
  type RotationCandidate,
  type StepDelay,
  type VariableLookup,
} from '../src/server/sending/rules/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const PROSPECTS = Number(process.env.BENCH_PROSPECTS ?? 50_000);
const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 1_000);
const WARMUP = 10;
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Europe/London', 'America/Los_Angeles'];
const START = new Date('2026-06-09T10:00:00Z');
const DAY = 86_400_000;

type Row = { piece: string; p50: number; p95: number; max: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function measure(piece: string, runs: number, fn: (run: number) => unknown): Row {
  for (let i = 0; i < Math.min(WARMUP, runs); i++) fn(i);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    fn(run + WARMUP);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { piece, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? Number.NaN };
}

const random = seededRandom('bench');
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] ?? (items[0] as T);

const mailboxes: ForecastMailbox[] = Array.from({ length: MAILBOXES }, (_, index) => ({
  id: `mb-${index}`,
  status: index % 50 === 0 ? 'paused' : 'active',
  dailyLimit: 20 + Math.floor(random() * 31),
  minGapSeconds: 120 + Math.floor(random() * 181),
  window: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  timeZone: ZONES[index % ZONES.length] ?? 'UTC',
  warmup: { enabled: index % 2 === 0, startPerDay: 5, incrementPerDay: 2, startedAt: new Date(START.getTime() - Math.floor(random() * 30) * DAY) },
  sentToday: Math.floor(random() * 15),
}));
const usage = mailboxes.map((mailbox) => ({ sentToday: mailbox.sentToday, lastSentAt: random() < 0.7 ? new Date(START.getTime() - Math.floor(random() * 3_600_000)) : null }));

const steps: StepDelay[] = [
  { days: 0, businessDays: false },
  { days: 3, businessDays: true },
  { days: 4, businessDays: false },
  { days: 7, businessDays: false },
];
const ungrouped: PendingGroup[] = Array.from({ length: PROSPECTS }, () => ({
  stepIndex: Math.floor(random() * steps.length),
  count: 1,
  dueAt: random() < 0.5 ? null : new Date(START.getTime() + Math.floor(random() * 14 * DAY)),
}));
const grouped = new Map<string, PendingGroup>();
for (const group of ungrouped) {
  const day = group.dueAt ? Math.floor((group.dueAt.getTime() - START.getTime()) / DAY) : 0;
  const key = `${group.stepIndex}:${day}`;
  const existing = grouped.get(key);
  if (existing) existing.count++;
  else grouped.set(key, { stepIndex: group.stepIndex, count: 1, dueAt: new Date(START.getTime() + day * DAY) });
}

const forecastInput = (run: number, pending: readonly PendingGroup[]) => ({
  now: new Date(START.getTime() + run * 61_000),
  timeZone: 'Europe/Paris',
  campaignWindow: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] },
  campaignDailyLimit: null,
  campaignSentToday: 0,
  steps,
  pending,
  mailboxes,
});

const candidates: RotationCandidate[] = mailboxes.map((mailbox, index) => ({
  mailboxId: mailbox.id,
  healthy: mailbox.status === 'active',
  available: 1 + (index % 2),
  sentToday: mailbox.sentToday,
  lastSentAt: usage[index]?.lastSentAt ?? null,
}));
const due: DueItem[] = Array.from({ length: PROSPECTS }, (_, index) => ({ key: `e-${index}`, threadMailboxId: random() < 0.2 ? pick(mailboxes).id : null }));

const step = parseStep({ subject: '{Quick question|Idea} for {{company|your team}}', body: 'Hi {{firstName|there}},\n\n{{openingLine}}\n\n{We help|Our team helps} {{industry}} companies like {{company}}.\n\n{{signature}}', bodyFormat: 'text' });
const lookups: VariableLookup[] = Array.from({ length: PROSPECTS }, (_, index) =>
  buildVariableLookup({
    prospect: { firstName: `First${index}`, company: `Company ${index}`, industry: 'Logistics', email: `p${index}@client.example` },
    enrichment: { openingLine: 'Saw your new warehouse.', talkingPoints: ['a', 'b'], fitScore: 80 },
    sender: { fromName: 'Alex Durand', fromEmail: 'alex@us.example', signature: 'Alex' },
  }),
);

const rows: Row[] = [
  measure(`capacity: ${MAILBOXES} mailboxes + campaign`, RUNS, (run) => {
    const now = new Date(START.getTime() + run * 61_000);
    const perMailbox = mailboxes.map((mailbox, index) => mailboxCapacityToday(mailbox, usage[index] ?? { sentToday: 0, lastSentAt: null }, now));
    return campaignCapacityToday({ dailyLimit: null, sentToday: 0, mailboxes: perMailbox, due: PROSPECTS });
  }),
  measure(`forecast: ${PROSPECTS} prospects in ${grouped.size} groups`, RUNS, (run) => forecastCampaign(forecastInput(run, [...grouped.values()]))),
  measure(`forecast: ${PROSPECTS} prospects ungrouped`, RUNS, (run) => forecastCampaign(forecastInput(run, ungrouped))),
  measure(`rotation: ${PROSPECTS} due over ${MAILBOXES} mailboxes`, RUNS, () => assignMailboxes(candidates, due)),
  measure(`render: ${PROSPECTS} messages of one step`, Math.max(5, Math.floor(RUNS / 10)), (run) => {
    let held = 0;
    for (let index = 0; index < lookups.length; index++) {
      const lookup = lookups[index];
      if (lookup && renderStep(step, lookup, { prospectId: `p${index}`, stepPosition: 1, variantIndex: run % 2 }).hold) held++;
    }
    return held;
  }),
];

const sample = forecastCampaign(forecastInput(0, [...grouped.values()]));
console.log(`Forecast sample: first step done ${JSON.stringify(sample.firstStep)}, last step ${JSON.stringify(sample.lastStep)}, ${sample.totalMessages} messages`);
console.log(`\n${MAILBOXES} mailboxes, ${PROSPECTS.toLocaleString('en')} prospects, ${RUNS} runs each (render: ${Math.max(5, Math.floor(RUNS / 10))}) (ms):`);
console.log('| piece | p50 | p95 | max |\n|---|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.piece} | ${row.p50.toFixed(2)} | ${row.p95.toFixed(2)} | ${row.max.toFixed(2)} |`);
