import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { queryRows, type Db } from '../db/database.js';
import { users } from '../db/schema/index.js';
import { NO_ID } from '../db/schema/reports.js';
import { dailySeries } from '../dashboard/dashboard.service.js';
import { seriesFromSourceRows } from '../dashboard/series-reference.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { reconcileCounters } from './reconcile.js';

/** A small seeded PRNG (mulberry32): the same seed replays the same operations. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: T[]): T | undefined => items[Math.floor(next() * items.length)] };
}
type Random = ReturnType<typeof prng>;

let database: TestDatabase;
let workspaceId: string;
let otherWorkspaceId: string;

async function newWorkspace(name: string): Promise<string> {
  const id = randomUUID();
  await database.withWorkspace(id, async (db) => {
    const [user] = await db.insert(users).values({ email: `${id}@example.com`, name, passwordHash: 'x' }).returning({ id: users.id });
    await provisionWorkspace(db, { workspaceId: id, name, ownerUserId: user!.id, ownerName: name });
  });
  return id;
}

const ids = async (db: Db, query: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, query)).map((row) => row.id);
const INTENTS = ['interested', 'meeting_request', 'question', 'not_interested'] as const;
const ago = (random: Random) => sql`now() - make_interval(mins => ${random.int(40 * 24 * 60)})`;
/*
 * What the report rollup gives a reply, a bounce notice or a positive decision to (the last mail
 * sent to that person before it) is fixed when that row is written, as it is in the product: mail
 * is sent before its answers arrive, sent mail is neither deleted nor moved to another campaign, and
 * a campaign with mail is archived rather than deleted. The operations below keep to that.
 */
const notBeforeReplies = (random: Random) =>
  sql`greatest(${ago(random)}, (select max(i.received_at) + interval '1 second' from messages i
        where i.prospect_id = m.prospect_id and i.direction = 'inbound'))`;

/** One random write of the kinds the product (and the engines to come) make, including bulk ones and cascades. */
async function randomOperation(db: Db, ws: string, random: Random): Promise<string> {
  const campaignIds = await ids(db, sql`select id from campaigns order by id`);
  const prospectIds = await ids(db, sql`select id from prospects order by id`);
  const campaign = () => random.pick(campaignIds) ?? null;
  const prospect = random.pick(prospectIds);
  const op = random.int(17);
  if (op === 0 || campaignIds.length === 0) {
    await db.execute(sql`insert into campaigns (workspace_id, name) values (${ws}, 'Prop campaign')`);
    return 'create campaign';
  }
  if (op <= 2 || !prospect) {
    const count = 1 + random.int(4);
    const target = campaign();
    const assign = random.next() < 0.6;
    await db.execute(sql`insert into prospects (workspace_id, full_name, email, campaign_id)
      select ${ws}, 'P ' || g, gen_random_uuid() || '@p.example', ${assign ? target : null}::uuid from generate_series(1, ${count}) as g`);
    return 'create prospects';
  }
  switch (op) {
    case 3:
      await db.execute(sql`update prospects set campaign_id = ${random.next() < 0.2 ? null : campaign()}::uuid where id = ${prospect}`);
      return 'move prospect';
    case 4:
      await db.execute(sql`insert into enrollments (workspace_id, prospect_id, campaign_id, state, stopped_reason)
        values (${ws}, ${prospect}, ${campaign()}, 'stopped', ${random.pick(['unsubscribed', 'replied', null])})`);
      return 'enrol';
    case 5:
      await db.execute(sql`delete from enrollments where id = (select id from enrollments order by id offset ${random.int(5)} limit 1)`);
      return 'unenrol';
    case 6:
      await db.execute(sql`update enrollments set stopped_reason = ${random.pick(['unsubscribed', 'bounced', null])}
        where id = (select id from enrollments order by id offset ${random.int(5)} limit 1)`);
      return 'stop enrollment';
    case 7:
      await db.execute(sql`insert into messages (workspace_id, prospect_id, campaign_id, direction, state, scheduled_at, step_position, variant_index)
        values (${ws}, ${prospect}, ${campaign()}, 'outbound', 'scheduled', now(), ${random.int(3)}, ${random.int(2)})`);
      return 'schedule';
    case 8: {
      const kind = random.int(5);
      const scheduled = sql`(select id from messages where state = 'scheduled' order by id offset ${random.int(3)} limit 1)`;
      const sent = sql`(select id from messages where direction = 'outbound' and state = 'sent' order by id offset ${random.int(4)} limit 1)`;
      if (kind === 0) {
        await db.execute(sql`update messages m set state = 'failed', is_bounce = true, sent_at = ${notBeforeReplies(random)} where id = ${scheduled}`);
        return 'refused at send';
      }
      if (kind === 1) {
        await db.execute(sql`update messages set is_bounce = true where id = ${sent}`);
        return 'bounce notice marks sent';
      }
      if (kind === 2) {
        await db.execute(sql`update messages set opened_at = coalesce(opened_at, sent_at), clicked_at = ${random.next() < 0.5 ? sql`sent_at` : sql`null`} where id = ${sent}`);
        return 'open / click';
      }
      await db.execute(sql`update messages m set state = 'sent', sent_at = ${notBeforeReplies(random)} where id = ${scheduled}`);
      return 'send';
    }
    case 9: {
      const kind = random.int(3);
      await db.execute(sql`insert into messages (workspace_id, prospect_id, campaign_id, direction, state, is_bounce, is_auto_reply, received_at)
        values (${ws}, ${prospect}, ${campaign()}, 'inbound', 'received', ${kind === 1}, ${kind === 2}, ${ago(random)})`);
      return 'receive';
    }
    case 10:
      await db.execute(sql`insert into ai_decisions (workspace_id, message_id, prospect_id, intent, confidence, action, provider, created_at)
        select ${ws}, id, prospect_id, ${random.pick([...INTENTS])}, 0.9, 'review', 'offline', ${ago(random)}
        from messages where direction = 'inbound' order by id offset ${random.int(4)} limit 1`);
      return 'decide';
    case 11:
      await db.execute(sql`update ai_decisions set intent = ${random.pick([...INTENTS])} where id = (select id from ai_decisions order by id offset ${random.int(3)} limit 1)`);
      return 'reclassify';
    case 12:
      await db.execute(sql`delete from messages where id = (select id from messages where not (direction = 'outbound' and state = 'sent')
        order by id offset ${random.int(6)} limit 1)`);
      return 'delete message';
    case 13:
      if (random.next() < 0.5) {
        await db.execute(sql`insert into meetings (workspace_id, prospect_id, campaign_id, provider, starts_at, created_at)
          values (${ws}, ${prospect}, ${campaign()}, 'calcom', now() + interval '1 day', ${ago(random)})`);
        return 'book meeting';
      }
      await db.execute(sql`update meetings set status = ${random.pick(['cancelled', 'scheduled', 'completed'])}
        where id = (select id from meetings order by id offset ${random.int(3)} limit 1)`);
      return 'meeting status';
    case 14:
      // Bulk delete (the prospects page's "delete selected"; an erasure also deletes the person's rows).
      await db.execute(sql`delete from prospects where id in (select id from prospects order by id offset ${random.int(4)} limit ${1 + random.int(3)})`);
      return 'delete prospects';
    case 15:
      await db.execute(sql`update messages set campaign_id = ${campaign()} where id = (select id from messages where state = 'scheduled' order by id offset ${random.int(6)} limit 1)`);
      return 'move message';
    default:
      if (random.next() < 0.3) {
        await db.execute(sql`delete from campaigns c where id = ${campaign()}
          and not exists (select 1 from messages m where m.campaign_id = c.id and m.state <> 'scheduled')`);
        return 'delete campaign';
      }
      await db.execute(sql`update prospects set campaign_id = ${campaign()} where campaign_id is null`);
      return 'assign unassigned';
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = await newWorkspace('Counted');
  otherWorkspaceId = await newWorkspace('Neighbour');
}, 60_000);
afterAll(() => database?.close());

const NO_DRIFT = { campaignRows: 0, rollupRows: 0, workspaceRows: 0 };

describe('counters kept on write', () => {
  it('equal the recomputation from source rows after random sequences of writes', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = prng(seed);
      for (let segment = 0; segment < 4; segment++) {
        const done: string[] = [];
        for (let i = 0; i < 25; i++) {
          const ws = random.next() < 0.8 ? workspaceId : otherWorkspaceId;
          // Several writes per transaction sometimes, as a request or a job would make them.
          await database.withWorkspace(ws, async (db) => {
            done.push(await randomOperation(db, ws, random));
            if (random.next() < 0.3) done.push(await randomOperation(db, ws, random));
          });
        }
        for (const ws of [workspaceId, otherWorkspaceId]) {
          // The dashboard series (read from the rollup) is what the source rows say, before any repair.
          const [series, reference] = await database.withWorkspace(ws, (db) => Promise.all([dailySeries(db, ws), seriesFromSourceRows(db, ws)]));
          expect(series, `series, seed ${seed}, segment ${segment}, after: ${done.join(', ')}`).toEqual(reference);
          const drift = await database.withWorkspace(ws, (db) => reconcileCounters(db, ws));
          expect(drift, `seed ${seed}, segment ${segment}, after: ${done.join(', ')}`).toEqual(NO_DRIFT);
        }
      }
    }
  }, 240_000);

  it('reconcile repairs counters that were changed behind its back, and reports how many', async () => {
    const ws = workspaceId;
    await database.withWorkspace(ws, async (db) => {
      await db.execute(sql`insert into campaigns (workspace_id, name) values (${ws}, 'Tampered')`);
      await db.execute(sql`insert into prospects (workspace_id, full_name, campaign_id) select ${ws}, 'T', id from campaigns where name = 'Tampered'`);
    });
    const before = await database.withWorkspace(ws, (db) =>
      queryRows<{ prospects: number }>(db, sql`select cc.prospects from campaign_counters cc join campaigns c on c.id = cc.campaign_id where c.name = 'Tampered'`),
    );
    expect(before).toEqual([{ prospects: 1 }]);
    await database.withWorkspace(ws, async (db) => {
      await db.execute(sql`update campaign_counters set sent = sent + 7`);
      await db.execute(sql`update workspace_counters set prospects = 0`);
      await db.execute(sql`insert into report_rollups (workspace_id, campaign_id, mailbox_id, step_position, variant_index, day, sent)
        values (${ws}, ${NO_ID}, ${NO_ID}, -1, 0, '2001-01-01', 3)`);
      // The dashboard's per-day sums, changed by hand for a day no rollup row holds.
      await db.execute(sql`insert into dashboard_days (workspace_id, day, sent) values (${ws}, '2002-02-02', 4)`);
    });
    const drift = await database.withWorkspace(ws, (db) => reconcileCounters(db, ws));
    expect(drift.campaignRows).toBeGreaterThan(0);
    expect(drift.rollupRows).toBe(2);
    expect(drift.workspaceRows).toBe(1);
    const days = await database.withWorkspace(ws, (db) => queryRows<{ day: string }>(db, sql`select to_char(day, 'YYYY-MM-DD') as day from dashboard_days where sent <> 0 and day < '2010-01-01'`));
    expect(days).toEqual([]);
    expect(await database.withWorkspace(ws, (db) => reconcileCounters(db, ws))).toEqual(NO_DRIFT);
  });

  it('keeps each workspace to its own counter rows (row-level security)', async () => {
    const seen = await database.withWorkspace(otherWorkspaceId, (db) =>
      queryRows<{ n: number }>(
        db,
        sql`select (select count(*) from campaign_counters where workspace_id <> ${otherWorkspaceId})::int
                 + (select count(*) from report_rollups where workspace_id <> ${otherWorkspaceId})::int
                 + (select count(*) from workspace_counters where workspace_id <> ${otherWorkspaceId})::int as n`,
      ),
    );
    expect(seen).toEqual([{ n: 0 }]);
  });
});
