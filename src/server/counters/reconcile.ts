import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';

/*
 * Recomputes the counters the triggers keep (drizzle/…_counters.sql) from the source rows: the
 * definitions below are the reference for what each counter means. `report_rollups` (the reports
 * and the dashboard series) is recomputed by its SQL function, from the same per-row definitions
 * its triggers apply. Run by the maintenance job
 * (counters.reconcile) and on demand; it returns how many counter rows were wrong (0 when the
 * triggers did their job).
 *
 * The counter tables are locked EXCLUSIVE for the transaction: a writer whose trigger is about to
 * apply a delta waits, then applies it on top of the recomputed value, so no increment is lost
 * (writers of every workspace wait a moment; this runs off-peak).
 */
const POSITIVE = sql.raw(`('interested', 'meeting_request')`);

export type ReconcileResult = { campaignRows: number; rollupRows: number; workspaceRows: number };

export async function reconcileCounters(db: Db, workspaceId: string): Promise<ReconcileResult> {
  await db.execute(sql`lock table campaign_counters, report_rollups, dashboard_days, workspace_counters in exclusive mode`);
  const [campaignRows] = await queryRows<{ n: number }>(
    db,
    sql`with fresh as (
          select c.id as campaign_id, c.workspace_id,
            (select count(*) from (
               select e.prospect_id from enrollments e where e.campaign_id = c.id
               union select p.id from prospects p where p.workspace_id = c.workspace_id and p.campaign_id = c.id) as members)::int as prospects,
            (select count(*) from enrollments e where e.campaign_id = c.id)::int as enrolled,
            (select count(*) from messages m where m.workspace_id = c.workspace_id and m.campaign_id = c.id and m.direction = 'outbound' and m.state = 'sent')::int as sent,
            (select count(*) from messages m where m.workspace_id = c.workspace_id and m.campaign_id = c.id and m.direction = 'inbound' and not m.is_bounce and not m.is_auto_reply)::int as replied,
            (select count(*) from messages m join ai_decisions d on d.message_id = m.id
               where m.workspace_id = c.workspace_id and m.campaign_id = c.id and d.intent in ${POSITIVE})::int as positive,
            (select count(*) from messages m where m.workspace_id = c.workspace_id and m.campaign_id = c.id and m.direction = 'inbound' and m.is_bounce)::int as bounced,
            (select count(*) from enrollments e where e.campaign_id = c.id and e.stopped_reason = 'unsubscribed')::int as unsubscribed,
            (select count(*) from meetings mt where mt.workspace_id = c.workspace_id and mt.campaign_id = c.id and mt.status <> 'cancelled')::int as meetings
          from campaigns c where c.workspace_id = ${workspaceId}
        ), changed as (
          insert into campaign_counters as t (campaign_id, workspace_id, prospects, enrolled, sent, replied, positive, bounced, unsubscribed, meetings)
          select * from fresh
          on conflict (campaign_id) do update set prospects = excluded.prospects, enrolled = excluded.enrolled, sent = excluded.sent,
            replied = excluded.replied, positive = excluded.positive, bounced = excluded.bounced, unsubscribed = excluded.unsubscribed, meetings = excluded.meetings
          where (t.prospects, t.enrolled, t.sent, t.replied, t.positive, t.bounced, t.unsubscribed, t.meetings)
            is distinct from (excluded.prospects, excluded.enrolled, excluded.sent, excluded.replied, excluded.positive, excluded.bounced, excluded.unsubscribed, excluded.meetings)
          returning (t.prospects + t.enrolled + t.sent + t.replied + t.positive + t.bounced + t.unsubscribed + t.meetings) as total, (t.xmax = 0) as inserted
        )
        -- A campaign seen for the first time with all zeros was not wrong: only count real differences.
        select count(*) filter (where not inserted or total <> 0)::int as n from changed`,
  );
  // The per-day rollup (reports and the dashboard series): recomputed by the same part definitions
  // the triggers use (drizzle/…_reports.sql, …_one_rollup.sql), one aggregate over the workspace's rows.
  const [rollupRows] = await queryRows<{ n: number }>(db, sql`select sales_machine_report_reconcile(${workspaceId}::uuid) as n`);
  // The dashboard's per-day sums of that rollup (its trigger keeps them; here they are redone from it).
  const [dayRows] = await queryRows<{ n: number }>(
    db,
    sql`with fresh as (
          select workspace_id, day, sum(sent)::int as sent, sum(replied)::int as replied, sum(bounces_received)::int as bounces_received,
                 sum(positive)::int as positive, sum(meetings)::int as meetings
          from report_rollups where workspace_id = ${workspaceId} group by 1, 2
        ), gone as (
          delete from dashboard_days t where t.workspace_id = ${workspaceId}
            and not exists (select 1 from fresh f where f.day = t.day)
            and (t.sent, t.replied, t.bounces_received, t.positive, t.meetings) <> (0, 0, 0, 0, 0)
          returning 1
        ), changed as (
          insert into dashboard_days as t (workspace_id, day, sent, replied, bounces_received, positive, meetings)
          select * from fresh
          on conflict (workspace_id, day) do update set sent = excluded.sent, replied = excluded.replied,
            bounces_received = excluded.bounces_received, positive = excluded.positive, meetings = excluded.meetings
          where (t.sent, t.replied, t.bounces_received, t.positive, t.meetings)
            is distinct from (excluded.sent, excluded.replied, excluded.bounces_received, excluded.positive, excluded.meetings)
          returning (t.sent + t.replied + t.bounces_received + t.positive + t.meetings) as total, (t.xmax = 0) as inserted
        )
        select ((select count(*) from gone) + (select count(*) filter (where not inserted or total <> 0) from changed))::int as n`,
  );
  const [workspaceRows] = await queryRows<{ n: number }>(
    db,
    sql`with changed as (
          insert into workspace_counters as t (workspace_id, prospects)
          select ${workspaceId}, (select count(*) from prospects where workspace_id = ${workspaceId})::int
          on conflict (workspace_id) do update set prospects = excluded.prospects where t.prospects <> excluded.prospects
          returning t.prospects, (t.xmax = 0) as inserted
        )
        select count(*) filter (where not inserted or prospects <> 0)::int as n from changed`,
  );
  return { campaignRows: Number(campaignRows?.n ?? 0), rollupRows: Number(rollupRows?.n ?? 0) + Number(dayRows?.n ?? 0), workspaceRows: Number(workspaceRows?.n ?? 0) };
}
