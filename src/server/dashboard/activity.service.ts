import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';

/** What the activity stream shows: what the AI and the mail flow did, and pipeline moves. */
export const ACTIVITY_EVENT_TYPES = [
  'ai.decision',
  'message.sent',
  'message.received',
  'meeting.booked',
  'prospect.stage_changed',
  'prospects.imported',
  'campaign.created',
  'campaign.status_changed',
  'job.failed',
] as const;

export type ActivityItem = {
  id: number;
  type: string;
  createdAt: Date;
  actorName: string | null;
  prospectId: string | null;
  prospectName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  data: Record<string, unknown>;
};

export async function getActivity(db: Db, workspaceId: string, input: { before?: number; limit: number }): Promise<ActivityItem[]> {
  const types = sql`(${sql.join(
    ACTIVITY_EVENT_TYPES.map((type) => sql`${type}`),
    sql`, `,
  )})`;
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
    sql`select e.id, e.type, e.created_at, e.data, e.prospect_id, e.campaign_id, u.name as actor_name, c.name as campaign_name,
          coalesce(nullif(p.full_name, ''), nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), ''), p.email) as prospect_name
        from (
          select * from events
          where workspace_id = ${workspaceId} and type in ${types} ${input.before ? sql`and id < ${input.before}` : sql``}
          order by id desc
          limit ${input.limit}
        ) as e
        left join users u on u.id = e.actor_user_id
        left join prospects p on p.id = e.prospect_id
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
