import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';

/** The counters of these campaigns as the triggers keep them; a campaign without a row has all zeros. */
export async function campaignCounterRows(db: Db, workspaceId: string, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  const ids = sql.join(
    campaignIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return queryRows<{ campaign_id: string; prospects: number; sent: number; replied: number; meetings: number }>(
    db,
    sql`select campaign_id, prospects, sent, replied, meetings from campaign_counters
        where workspace_id = ${workspaceId} and campaign_id in (${ids})`,
  );
}

/** Every prospect of the workspace (the dashboard tile), kept on write. */
export async function workspaceProspectCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select prospects as n from workspace_counters where workspace_id = ${workspaceId}`);
  return Number(row?.n ?? 0);
}
