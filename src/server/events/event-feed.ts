import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../db/database.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';

/**
 * The workspace's events as people read them — newest first, with who did it and the names of the
 * prospect and campaign involved. Backs the dashboard's activity stream and a campaign's activity.
 */

export const eventFeedItemOutput = z.object({
  id: z.number().int(),
  type: z.string(),
  createdAt: z.date(),
  actorName: z.string().nullable(),
  prospectId: z.string().nullable(),
  prospectName: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type EventFeedItem = z.infer<typeof eventFeedItemOutput>;

export type EventFeedQuery = {
  /** Only this campaign's events. */
  campaignId?: string;
  /** Only these types. */
  types?: readonly string[];
  /** Never these types (chatty ones such as `job.progress`). */
  excludeTypes?: readonly string[];
  /** Events older than this id (the previous page's last id). */
  before?: number;
  limit: number;
};

const textList = (values: readonly string[]) => sql`(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`;

export async function eventFeed(db: Db, workspaceId: string, query: EventFeedQuery): Promise<EventFeedItem[]> {
  const conditions: SQL[] = [sql`workspace_id = ${workspaceId}`];
  if (query.campaignId) conditions.push(sql`campaign_id = ${query.campaignId}`);
  if (query.types?.length) conditions.push(sql`type in ${textList(query.types)}`);
  if (query.excludeTypes?.length) conditions.push(sql`type not in ${textList(query.excludeTypes)}`);
  if (query.before) conditions.push(sql`id < ${query.before}`);
  const rows = await queryRows<{
    id: string | number;
    type: string;
    created_at: string | Date;
    actor_name: string | null;
    prospect_id: string | null;
    prospect_name: string | null;
    campaign_id: string | null;
    campaign_name: string | null;
    data: Record<string, unknown> | null;
  }>(
    db,
    // The page of events first (the (workspace_id, id) index walks it newest first), names after.
    sql`select e.id, e.type, e.created_at, e.data, e.prospect_id, e.campaign_id, u.name as actor_name, c.name as campaign_name,
          ${prospectDisplayName} as prospect_name
        from (
          select * from events where ${sql.join(conditions, sql` and `)}
          order by id desc
          limit ${query.limit}
        ) as e
        left join users u on u.id = e.actor_user_id
        left join prospects on prospects.id = e.prospect_id
        left join campaigns c on c.id = e.campaign_id
        order by e.id desc`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    type: row.type,
    createdAt: new Date(row.created_at),
    actorName: row.actor_name,
    prospectId: row.prospect_id,
    prospectName: row.prospect_name,
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    data: row.data ?? {},
  }));
}
