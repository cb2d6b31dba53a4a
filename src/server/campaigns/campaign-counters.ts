import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { CampaignCounts } from './campaigns.schemas.js';

export const EMPTY_COUNTS: CampaignCounts = { prospects: 0, sent: 0, replies: 0, meetings: 0 };

/**
 * Derived counters for a page of campaigns, never stored: one round trip of grouped counts.
 * - prospects: enrolled in the campaign or currently assigned to it (each person once);
 * - sent: outbound messages in state `sent`;
 * - replies: inbound messages that are neither bounces nor auto-replies;
 * - meetings: meetings linked to the campaign, cancelled ones excluded.
 */
export async function countsForCampaigns(db: Db, workspaceId: string, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
  const counts = new Map<string, CampaignCounts>();
  if (campaignIds.length === 0) return counts;
  const ids = sql`(${sql.join(
    campaignIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const rows = await queryRows<{ kind: keyof CampaignCounts; campaign_id: string; n: number }>(
    db,
    sql`select 'sent' as kind, campaign_id, count(*)::int as n from messages
          where workspace_id = ${workspaceId} and campaign_id in ${ids} and direction = 'outbound' and state = 'sent'
          group by campaign_id
        union all
        select 'replies', campaign_id, count(*)::int from messages
          where workspace_id = ${workspaceId} and campaign_id in ${ids} and direction = 'inbound' and not is_bounce and not is_auto_reply
          group by campaign_id
        union all
        select 'meetings', campaign_id, count(*)::int from meetings
          where workspace_id = ${workspaceId} and campaign_id in ${ids} and status <> 'cancelled'
          group by campaign_id
        union all
        select 'prospects', campaign_id, count(*)::int from (
            select campaign_id, prospect_id from enrollments where workspace_id = ${workspaceId} and campaign_id in ${ids}
            union
            select campaign_id, id from prospects where workspace_id = ${workspaceId} and campaign_id in ${ids}
          ) as members
          group by campaign_id`,
  );
  for (const id of campaignIds) counts.set(id, { ...EMPTY_COUNTS });
  for (const row of rows) {
    const entry = counts.get(row.campaign_id);
    if (entry) entry[row.kind] = Number(row.n);
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
