import { eq, ne, sql, type SQL } from 'drizzle-orm';
import type { ProspectStage } from '../../shared/enums.js';
import { queryRows, type Db } from '../db/database.js';
import { campaigns, prospects } from '../db/schema/index.js';
import { AppError, fieldIssue } from '../errors.js';

/**
 * The bulk moves: put the selected prospects in a campaign, or on a pipeline stage. Only rows that
 * actually change are written and counted; one statement however many rows the filter matches.
 */
async function assertCampaignOpen(db: Db, campaignId: string): Promise<void> {
  const [campaign] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new AppError('BAD_REQUEST', 'campaignId: Unknown campaign', { reason: 'input.invalid', issues: [fieldIssue(['campaignId'], 'campaign.unknown', 'Unknown campaign')] });
  if (campaign.status === 'archived') {
    throw new AppError('BAD_REQUEST', 'campaignId: This campaign is archived', { reason: 'input.invalid', issues: [fieldIssue(['campaignId'], 'campaign.archived', 'This campaign is archived')] });
  }
}

async function countUpdated(db: Db, set: SQL, where: SQL | undefined, changes: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with changed as (update ${prospects} set ${set}, updated_at = now() where ${where} and ${changes} returning 1)
        select count(*)::int as n from changed`,
  );
  return Number(row?.n ?? 0);
}

export async function addToCampaign(db: Db, where: SQL | undefined, campaignId: string): Promise<number> {
  await assertCampaignOpen(db, campaignId);
  return countUpdated(db, sql`campaign_id = ${campaignId}`, where, sql`${prospects.campaignId} is distinct from ${campaignId}`);
}

export async function setStage(db: Db, where: SQL | undefined, stage: ProspectStage): Promise<number> {
  return countUpdated(db, sql`stage = ${stage}, stage_changed_at = now()`, where, ne(prospects.stage, stage));
}
