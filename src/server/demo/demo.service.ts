import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { DEMO_MARKS } from './demo-marks.js';

export type DemoDataSummary = { prospects: number; campaigns: number; messages: number };

const agentNames = sql.join(
  DEMO_MARKS.agentNames.map((name) => sql`${name}`),
  sql`, `,
);

/** How much demo data the workspace holds (zeros when none). */
export async function demoDataSummary(db: Db, workspaceId: string): Promise<DemoDataSummary> {
  const [row] = await queryRows<{ prospects: number; campaigns: number; messages: number }>(
    db,
    sql`select (select count(*)::int from prospects where workspace_id = ${workspaceId} and ${DEMO_MARKS.prospect}) as prospects,
               (select count(*)::int from campaigns where workspace_id = ${workspaceId} and ${DEMO_MARKS.campaign}) as campaigns,
               (select count(*)::int from messages where workspace_id = ${workspaceId} and ${sql.raw(DEMO_MARKS.messageIdPrefixSql)}) as messages`,
  );
  return { prospects: Number(row?.prospects ?? 0), campaigns: Number(row?.campaigns ?? 0), messages: Number(row?.messages ?? 0) };
}

/**
 * Removes every demo row of the workspace in one transaction, leaving its own rows alone. The
 * demo people go with their mail, decisions, enrollments and enrichments (cascades); what would
 * only be unlinked (meetings, events, jobs) is deleted first. Counters follow through their triggers.
 */
export async function removeDemoData(db: Db, workspaceId: string): Promise<DemoDataSummary> {
  const removed = await demoDataSummary(db, workspaceId);
  const demoProspects = sql`select id from prospects where workspace_id = ${workspaceId} and ${DEMO_MARKS.prospect}`;
  const demoCampaigns = sql`select id from campaigns where workspace_id = ${workspaceId} and ${DEMO_MARKS.campaign}`;
  await db.execute(sql`delete from meetings where workspace_id = ${workspaceId} and ${DEMO_MARKS.meeting}`);
  await db.execute(sql`delete from events where workspace_id = ${workspaceId} and (prospect_id in (${demoProspects}) or campaign_id in (${demoCampaigns}))`);
  await db.execute(sql`delete from jobs where workspace_id = ${workspaceId} and campaign_id in (${demoCampaigns})`);
  await db.execute(sql`delete from prospects where workspace_id = ${workspaceId} and ${DEMO_MARKS.prospect}`);
  await db.execute(sql`delete from campaigns where workspace_id = ${workspaceId} and ${DEMO_MARKS.campaign}`);
  await db.execute(sql`delete from mailboxes where workspace_id = ${workspaceId} and ${DEMO_MARKS.mailbox}`);
  await db.execute(sql`delete from agents where workspace_id = ${workspaceId} and name in (${agentNames}) and not is_default`);
  return removed;
}
