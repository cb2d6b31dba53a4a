import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { users } from '../db/schema/index.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { dailySeries, type DailyPoint } from './dashboard.service.js';
import { seriesFromSourceRows } from './series-reference.js';
import { WorkspaceFixtures } from './test-fixtures.js';

/*
 * The dashboard series now comes from report_rollups (one rollup kept on write instead of two):
 * for a seeded sequence of events it must give the numbers it always gave, day by day, in the
 * workspace's time zone, including what the reports count differently (a refusal at send is a
 * report bounce, not a dashboard one; a bounce notice is a dashboard bounce on the day it came).
 */
let database: TestDatabase;
let fixtures: WorkspaceFixtures;
const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);

beforeAll(async () => {
  database = await createTestDatabase();
  const workspaceId = randomUUID();
  await database.withWorkspace(workspaceId, async (db) => {
    const [user] = await db.insert(users).values({ email: `${workspaceId}@example.com`, name: 'Series', passwordHash: 'x' }).returning({ id: users.id });
    await provisionWorkspace(db, { workspaceId, name: 'Series', ownerUserId: user!.id, ownerName: 'Series' });
    await db.execute(sql`update workspaces set timezone = 'America/New_York' where id = ${workspaceId}`);
  });
  fixtures = new WorkspaceFixtures(database, workspaceId);
}, 60_000);
afterAll(() => database?.close());

const read = () => database.withWorkspace(fixtures.workspaceId, (db) => Promise.all([dailySeries(db, fixtures.workspaceId), seriesFromSourceRows(db, fixtures.workspaceId)]));
const total = (series: DailyPoint[], key: keyof Omit<DailyPoint, 'day'>) => series.reduce((sum, point) => sum + point[key], 0);

it('gives the same 30-day series as the source rows, for a seeded sequence of events, across time zones', async () => {
  const campaign = await fixtures.campaign({ name: 'Series', status: 'active' });
  const ana = await fixtures.prospect({ campaignId: campaign });
  const ben = await fixtures.prospect({ campaignId: campaign });
  // Hours chosen around midnights of New York and UTC, over five weeks (the oldest fall outside the 30 days).
  for (const hours of [1, 5, 23, 25, 29, 47, 71, 200, 400, 690, 760, 800]) await fixtures.sent(ana, 1, { campaignId: campaign, at: hoursAgo(hours) });
  await fixtures.sent(ben, 3, { campaignId: campaign, at: hoursAgo(30) });
  const [reply] = await fixtures.inbound(ana, 1, { campaignId: campaign, at: hoursAgo(4) });
  const [benReply] = await fixtures.inbound(ben, 1, { campaignId: campaign, at: hoursAgo(20) });
  await fixtures.inbound(ana, 1, { campaignId: campaign, at: hoursAgo(3), kind: 'auto' });
  await fixtures.inbound(ben, 2, { campaignId: campaign, at: hoursAgo(26), kind: 'bounce' });
  await fixtures.decision(reply!, ana, 'interested', hoursAgo(2));
  await fixtures.decision(benReply!, ben, 'meeting_request', hoursAgo(19));
  await fixtures.decision(benReply!, ben, 'not_interested', hoursAgo(18));
  await fixtures.meeting(ana, { campaignId: campaign, at: hoursAgo(1) });
  await fixtures.meeting(ben, { campaignId: campaign, at: hoursAgo(50), status: 'cancelled' });
  await database.withWorkspace(fixtures.workspaceId, async (db) => {
    // Refused for good at send: attempted and bounced in the reports, neither sent nor bounced on the dashboard.
    await db.execute(sql`insert into messages (workspace_id, prospect_id, campaign_id, direction, state, is_bounce, sent_at)
      values (${fixtures.workspaceId}, ${ben}, ${campaign}, 'outbound', 'failed', true, now() - interval '6 hours')`);
    // A later bounce notice flags a sent message: still sent; the notice itself is the dashboard's bounce.
    await db.execute(sql`update messages set is_bounce = true where id = (select id from messages where prospect_id = ${ben} and state = 'sent' order by id limit 1)`);
  });

  const [series, reference] = await read();
  expect(series).toEqual(reference);
  expect(series).toHaveLength(30);
  // 12 + 3 sends, of which the two oldest are more than 30 days old whatever the hour (690 h is always within).
  expect({ sent: total(series, 'sent'), replies: total(series, 'replies'), bounces: total(series, 'bounces'), positive: total(series, 'positive'), meetings: total(series, 'meetings') })
    .toEqual({ sent: 13, replies: 2, bounces: 2, positive: 2, meetings: 1 });

  // Moving the workspace to another time zone moves the days, not the totals.
  await database.withWorkspace(fixtures.workspaceId, (db) => db.execute(sql`update workspaces set timezone = 'Asia/Kolkata' where id = ${fixtures.workspaceId}`));
  const [moved, movedReference] = await read();
  expect(moved).toEqual(movedReference);
  expect(total(moved, 'sent')).toBe(13);

  // Erasing a person takes their mail, reply and positive decision off the series (a booked meeting stays, unlinked).
  await database.withWorkspace(fixtures.workspaceId, (db) => db.execute(sql`delete from prospects where id = ${ana}`));
  const [erased, erasedReference] = await read();
  expect(erased).toEqual(erasedReference);
  expect({ sent: total(erased, 'sent'), replies: total(erased, 'replies'), positive: total(erased, 'positive'), meetings: total(erased, 'meetings') })
    .toEqual({ sent: 3, replies: 1, positive: 1, meetings: 1 });
}, 60_000);
