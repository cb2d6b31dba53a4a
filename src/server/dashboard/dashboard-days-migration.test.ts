import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUpgradedThrough } from '../../../tests/helpers/migrated-before.js';
import { queryRows, type Database } from '../db/database.js';
import { NO_ID } from '../db/schema/index.js';

/**
 * The dashboard reads its series from `dashboard_days` since the migration that adds it: a
 * database whose report rollups were written before it is upgraded, and each day holds the sum of
 * that day's rollup rows (campaigns, mailboxes, steps, variants).
 */
let database: Database;
let cleanup: () => Promise<void> = async () => {};
let workspaceId: string;

beforeAll(async () => {
  ({ database, cleanup } = await databaseUpgradedThrough('_dashboard_days', async (run) => {
    const [workspace] = await run<{ id: string }>(sql`insert into workspaces (name) values ('Before dashboard_days') returning id`);
    workspaceId = workspace!.id;
    const row = (campaign: string, step: number, day: string, sent: number, replied: number, positive: number) =>
      run(sql`insert into report_rollups (workspace_id, campaign_id, mailbox_id, step_position, variant_index, day, sent, replied, positive, bounces_received, meetings)
              values (${workspaceId}, ${campaign}::uuid, ${NO_ID}, ${step}, 0, ${day}::date, ${sent}, ${replied}, ${positive}, 1, 0)`);
    await row('11111111-1111-4111-8111-111111111111', 0, '2026-11-30', 40, 3, 1);
    await row('11111111-1111-4111-8111-111111111111', 1, '2026-11-30', 25, 2, 0);
    await row('22222222-2222-4222-8222-222222222222', 0, '2026-11-30', 10, 0, 0);
    await row('22222222-2222-4222-8222-222222222222', 0, '2026-12-01', 7, 1, 1);
  }));
}, 120_000);
afterAll(() => cleanup());

describe('upgrading to dashboard_days', () => {
  it('sums the rollup rows written before it, per day', async () => {
    const days = await database.withWorkspace(workspaceId, (db) =>
      queryRows(db, sql`select to_char(day, 'YYYY-MM-DD') as day, sent, replied, positive, bounces_received from dashboard_days order by day`),
    );
    expect(days).toEqual([
      { day: '2026-11-30', sent: 75, replied: 5, positive: 1, bounces_received: 3 },
      { day: '2026-12-01', sent: 7, replied: 1, positive: 1, bounces_received: 1 },
    ]);
  });
});
