import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { CHART_DAYS, type DailyPoint } from './dashboard.service.js';

/**
 * Test-only: the dashboard's 30-day series computed straight from the source rows, with the
 * definitions the series has always had (the dropped `activity_rollups` and its reconcile): sent =
 * outbound accepted, at sent_at; replies = inbound neither bounce nor auto-reply, and bounces =
 * inbound bounce notices, at received_at; positive = AI decisions interested / meeting request, at
 * their creation; meetings = not cancelled, at their creation; days in the workspace's time zone.
 * Tests compare `dailySeries` (read from report_rollups) with it.
 */
export async function seriesFromSourceRows(db: Db, workspaceId: string): Promise<DailyPoint[]> {
  const rows = await queryRows<DailyPoint>(
    db,
    sql`with ws as (select timezone as tz, (now() at time zone timezone)::date as today from workspaces where id = ${workspaceId}),
        events as (
          select sent_at as at, 1 as sent, 0 as replies, 0 as bounces, 0 as positive, 0 as meetings
            from messages where workspace_id = ${workspaceId} and direction = 'outbound' and state = 'sent' and sent_at is not null
          union all
          select received_at, 0, (not is_bounce and not is_auto_reply)::int, is_bounce::int, 0, 0
            from messages where workspace_id = ${workspaceId} and direction = 'inbound' and received_at is not null
          union all
          select created_at, 0, 0, 0, 1, 0 from ai_decisions where workspace_id = ${workspaceId} and intent in ('interested', 'meeting_request')
          union all
          select created_at, 0, 0, 0, 0, 1 from meetings where workspace_id = ${workspaceId} and status <> 'cancelled'
        ), days as (select ws.today - back.n as day from ws, generate_series(0, ${CHART_DAYS - 1}::int) as back(n))
        select to_char(days.day, 'YYYY-MM-DD') as day,
               coalesce(sum(e.sent), 0)::int as sent, coalesce(sum(e.replies), 0)::int as replies, coalesce(sum(e.bounces), 0)::int as bounces,
               coalesce(sum(e.positive), 0)::int as positive, coalesce(sum(e.meetings), 0)::int as meetings
        from days cross join ws left join events e on (e.at at time zone ws.tz)::date = days.day
        group by days.day order by days.day`,
  );
  return rows.map((row) => ({ ...row, sent: Number(row.sent), replies: Number(row.replies), bounces: Number(row.bounces), positive: Number(row.positive), meetings: Number(row.meetings) }));
}
