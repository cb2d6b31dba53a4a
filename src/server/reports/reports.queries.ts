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

type Grouped = CountRow & { g: number; day: string | null; campaign_id: string | null; mailbox_id: string | null; step_position: number | null; variant_index: number | null; contacted: number };

/**
 * Every table of a report in one pass over the range's rollup rows (GROUPING SETS): by day, by
 * campaign, by mailbox, by step and variant, and the total. The `g` bitmask says which set a row is.
 */
export async function aggregate(db: Db, workspaceId: string, campaignId: string | undefined, range: Range) {
  const rows = await queryRows<Grouped>(
    db,
    sql`select grouping(r.day, r.campaign_id, r.mailbox_id, r.step_position, r.variant_index)::int as g,
               to_char(r.day, 'YYYY-MM-DD') as day, r.campaign_id, r.mailbox_id, r.step_position, r.variant_index, ${SUMS},
               coalesce(sum(sent) filter (where step_position = 0), 0)::int as contacted
        from report_rollups r where ${scope(workspaceId, campaignId, range)}
        group by grouping sets ((r.day), (r.campaign_id), (r.mailbox_id), (r.step_position, r.variant_index), ())`,
  );
  const of = (g: number) => rows.filter((row) => Number(row.g) === g);
  const total = of(31)[0];
  const byDay = new Map(of(15).map((row) => [row.day!, toCounts(row)]));
  const days: (Counts & { day: string })[] = [];
  for (let day = new Date(`${range.from}T00:00:00Z`); day.toISOString().slice(0, 10) <= range.to; day.setUTCDate(day.getUTCDate() + 1)) {
    const key = day.toISOString().slice(0, 10);
    days.push({ day: key, ...(byDay.get(key) ?? toCounts(undefined)) });
  }
  const bySent = <T extends { sent: number }>(list: T[]) => list.sort((a, b) => b.sent - a.sent);
  return {
    totals: { ...toCounts(total), contacted: Number(total?.contacted ?? 0) },
    days,
    campaigns: bySent(of(23).filter((row) => row.campaign_id !== NO_ID).map((row) => ({ campaignId: row.campaign_id!, ...toCounts(row) }))),
    mailboxes: bySent(of(27).filter((row) => row.mailbox_id !== NO_ID).map((row) => ({ mailboxId: row.mailbox_id!, ...toCounts(row) }))),
    steps: of(28)
      .filter((row) => Number(row.step_position) >= 0)
      .map((row) => ({ stepPosition: Number(row.step_position), variantIndex: Number(row.variant_index), ...toCounts(row) }))
      .sort((a, b) => a.stepPosition - b.stepPosition || a.variantIndex - b.variantIndex),
  };
}

const idList = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The subjects of a campaign's steps and variants, by "position:variant". */
export async function stepSubjects(db: Db, campaignId: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ key: string; subject: string }>(
    db,
    sql`select s.position || ':0' as key, s.subject_template as subject from sequence_steps s where s.campaign_id = ${campaignId}
        union all
        select s.position || ':' || v.variant_index, v.subject_template from sequence_steps s join step_variants v on v.step_id = s.id where s.campaign_id = ${campaignId}`,
  );
  return new Map(rows.map((row) => [row.key, row.subject]));
}

export async function mailboxEmails(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; email: string }>(db, sql`select id, from_email as email from mailboxes where id in (${idList(ids)})`);
  return new Map(rows.map((row) => [row.id, row.email]));
}

export async function campaignNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(db, sql`select id, name from campaigns where id in (${idList(ids)})`);
  return new Map(rows.map((row) => [row.id, row.name]));
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
