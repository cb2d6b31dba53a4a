import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { campaignCounterRows } from '../counters/counters.queries.js';
import type { CampaignCounts } from './campaigns.schemas.js';

export const EMPTY_COUNTS: CampaignCounts = { prospects: 0, sent: 0, replies: 0, meetings: 0 };

/**
 * The counters of a page of campaigns, kept on write by database triggers (src/server/counters/):
 * - prospects: enrolled in the campaign or currently assigned to it (each person once);
 * - sent: outbound messages in state `sent`;
 * - replies: inbound messages that are neither bounces nor auto-replies;
 * - meetings: meetings linked to the campaign, cancelled ones excluded.
 */
export async function countsForCampaigns(db: Db, workspaceId: string, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
  const counts = new Map<string, CampaignCounts>();
  for (const id of campaignIds) counts.set(id, { ...EMPTY_COUNTS });
  for (const row of await campaignCounterRows(db, workspaceId, campaignIds)) {
    counts.set(row.campaign_id, { prospects: Number(row.prospects), sent: Number(row.sent), replies: Number(row.replied), meetings: Number(row.meetings) });
  }
  return counts;
}

/** True when the campaign has mail that went out (or may have): erasing it would lose history. */
export async function hasSentMail(db: Db, workspaceId: string, campaignId: string): Promise<boolean> {
  const [row] = await queryRows<{ sent: boolean }>(
    db,
    sql`select exists (
          select 1 from messages
          where workspace_id = ${workspaceId} and campaign_id = ${campaignId}
            and (direction = 'inbound' or state in ('sent', 'sending', 'unknown'))
        ) as sent`,
  );
  return Boolean(row?.sent);
}
