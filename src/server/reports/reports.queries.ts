import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { NO_ID } from '../db/schema/index.js';
import type { Counts } from './reports.schemas.js';

/**
 * Reads of `report_rollups` (schema/reports.ts), kept on write: a range is at most one row per
 * day and dimension, served by the primary key (workspace, campaign, day, …) for a campaign and by
 * report_rollups_workspace_day_idx for the workspace. Messages are never scanned.
 */

export type Range = { from: string; to: string; timezone: string };
type CountRow = { [K in keyof Counts]: number | string };

const SUMS = sql.raw(`sum(attempted)::int as attempted, sum(sent)::int as sent, sum(bounced)::int as bounced, sum(replied)::int as replied,
  sum(positive)::int as positive, sum(unsubscribed)::int as unsubscribed, sum(opened)::int as opened, sum(clicked)::int as clicked,
  sum(meetings)::int as meetings`);

export const toCounts = (row: Partial<CountRow> | undefined): Counts => ({
  attempted: Number(row?.attempted ?? 0),
  sent: Number(row?.sent ?? 0),
  bounced: Number(row?.bounced ?? 0),
  replied: Number(row?.replied ?? 0),
  positive: Number(row?.positive ?? 0),
  unsubscribed: Number(row?.unsubscribed ?? 0),
  opened: Number(row?.opened ?? 0),
  clicked: Number(row?.clicked ?? 0),
  meetings: Number(row?.meetings ?? 0),
});

/** The range's days in the workspace's time zone (the rollups' days are in it too). */
export async function resolveRange(db: Db, workspaceId: string, input: { from?: string; to?: string }, days: number): Promise<Range> {
  const [row] = await queryRows<{ tz: string; from: string; to: string }>(
    db,
    sql`with ws as (select coalesce((select timezone from workspaces where id = ${workspaceId}), 'UTC') as tz),
        d as (select tz, coalesce(${input.to ?? null}::date, (now() at time zone tz)::date) as last from ws),
        r as (select tz, coalesce(${input.from ?? null}::date, last - ${days - 1}::int) as first, last from d)
        select tz, to_char(first, 'YYYY-MM-DD') as "from", to_char(last, 'YYYY-MM-DD') as "to" from r`,
  );
  return { timezone: row!.tz, from: row!.from, to: row!.to };
}

function scope(workspaceId: string, campaignId: string | undefined, range: Range): SQL {
  const campaign = campaignId ? sql` and r.campaign_id = ${campaignId}` : sql``;
  return sql`r.workspace_id = ${workspaceId}${campaign} and r.day between ${range.from}::date and ${range.to}::date`;
}

export async function totals(db: Db, workspaceId: string, campaignId: string | undefined, range: Range): Promise<Counts & { contacted: number }> {
  const [row] = await queryRows<CountRow & { contacted: number }>(
    db,
    sql`select ${SUMS}, coalesce(sum(sent) filter (where step_position = 0), 0)::int as contacted from report_rollups r where ${scope(workspaceId, campaignId, range)}`,
  );
  return { ...toCounts(row), contacted: Number(row?.contacted ?? 0) };
}

export async function byStep(db: Db, workspaceId: string, campaignId: string, range: Range) {
  const rows = await queryRows<CountRow & { step_position: number; variant_index: number; subject: string | null }>(
    db,
    sql`with rolled as (
          select step_position, variant_index, ${SUMS} from report_rollups r
          where ${scope(workspaceId, campaignId, range)} and step_position >= 0 group by 1, 2
        )
        select rolled.*, coalesce(v.subject_template, s.subject_template) as subject
        from rolled
        left join sequence_steps s on s.campaign_id = ${campaignId} and s.position = rolled.step_position
        left join step_variants v on v.step_id = s.id and v.variant_index = rolled.variant_index and rolled.variant_index > 0
        order by 1, 2`,
  );
  return rows.map((row) => ({ stepPosition: Number(row.step_position), variantIndex: Number(row.variant_index), subject: row.subject, ...toCounts(row) }));
}

export async function byDay(db: Db, workspaceId: string, campaignId: string | undefined, range: Range) {
  const rows = await queryRows<CountRow & { day: string }>(
    db,
    sql`with rolled as (
          select r.day, ${SUMS} from report_rollups r
          where ${scope(workspaceId, campaignId, range)} group by 1
        )
        select to_char(days.day, 'YYYY-MM-DD') as day, rolled.attempted, rolled.sent, rolled.bounced, rolled.replied, rolled.positive,
               rolled.unsubscribed, rolled.opened, rolled.clicked, rolled.meetings
        from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') as days(day)
        left join rolled on rolled.day = days.day::date
        order by days.day`,
  );
  return rows.map((row) => ({ day: row.day, ...toCounts(row) }));
}

export async function byMailbox(db: Db, workspaceId: string, campaignId: string | undefined, range: Range) {
  const rows = await queryRows<CountRow & { mailbox_id: string; email: string | null }>(
    db,
    sql`with rolled as (
          select mailbox_id, ${SUMS} from report_rollups r where ${scope(workspaceId, campaignId, range)} and mailbox_id <> ${NO_ID} group by 1
        )
        select rolled.*, m.from_email as email from rolled left join mailboxes m on m.id = rolled.mailbox_id
        order by rolled.sent desc, m.from_email`,
  );
  return rows.map((row) => ({ mailboxId: row.mailbox_id, email: row.email, ...toCounts(row) }));
}

export async function byCampaign(db: Db, workspaceId: string, range: Range) {
  const rows = await queryRows<CountRow & { campaign_id: string; name: string | null }>(
    db,
    sql`with rolled as (
          select campaign_id, ${SUMS} from report_rollups r where ${scope(workspaceId, undefined, range)} and campaign_id <> ${NO_ID} group by 1
        )
        select rolled.*, c.name from rolled left join campaigns c on c.id = rolled.campaign_id
        order by rolled.sent desc, c.name`,
  );
  return rows.map((row) => ({ campaignId: row.campaign_id, name: row.name, ...toCounts(row) }));
}

/** People in the campaign (counters kept on write) or in the workspace. */
export async function prospectCount(db: Db, workspaceId: string, campaignId: string | undefined): Promise<number> {
  const [row] = campaignId
    ? await queryRows<{ n: number }>(db, sql`select prospects as n from campaign_counters where campaign_id = ${campaignId}`)
    : await queryRows<{ n: number }>(db, sql`select prospects as n from workspace_counters where workspace_id = ${workspaceId}`);
  return Number(row?.n ?? 0);
}

export async function campaignInfo(db: Db, campaignId: string) {
  const [row] = await queryRows<{ id: string; name: string; track_opens: boolean; track_clicks: boolean }>(
    db,
    sql`select id, name, track_opens, track_clicks from campaigns where id = ${campaignId}`,
  );
  return row ? { id: row.id, name: row.name, trackOpens: row.track_opens, trackClicks: row.track_clicks } : null;
}
