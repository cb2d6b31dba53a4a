import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { DomainCheckResult } from '../db/schema/index.js';
import { sendingDomainChecksSql, sendingDomainProblems } from './domain-health.js';
import { workspaceProspectCount } from '../counters/counters.queries.js';
import { computeHealthScore, HEALTH_RULES, type HealthScore } from './health-score.js';

/**
 * The dashboard's numbers: the series and the prospect total from counters kept on write
 * (src/server/counters/), the operational counts from their rows.
 * Day boundaries follow the workspace's time zone. Every query names the workspace explicitly
 * as well as relying on row-level security, so the planner can use the (workspace_id, …) indexes.
 */

export const CHART_DAYS = 30;

/**
 * Opens a workspace-scoped transaction (`ctx.inWorkspace`). The combined reads below run their
 * parts as separate short transactions side by side: on Postgres they use two or three pool
 * connections at once (the 30-day series and the 100k-row count overlap); PGlite queues them.
 */
export type InWorkspace = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

export type DailyPoint = { day: string; sent: number; replies: number; bounces: number; positive: number; meetings: number };

/** Per-day counts for the last 30 days (today included), oldest first; days without activity are zeros. */
export async function dailySeries(db: Db, workspaceId: string): Promise<DailyPoint[]> {
  // From the workspace's per-day sums of the rollup kept on write (dashboard_days, schema/reports.ts):
  // 30 rows, whatever the mail volume. Its days are already the workspace's (a time zone change
  // rebuilds the rollup, and the sums follow).
  const rows = await queryRows<{ day: string; sent: number; replies: number; bounces: number; positive: number; meetings: number }>(
    db,
    sql`with bounds as (
          select today, today - ${CHART_DAYS - 1}::int as since
          from (select (now() at time zone coalesce((select timezone from workspaces where id = ${workspaceId}), 'UTC'))::date as today) as t
        ), rolled as (
          select r.day, r.sent, r.replied as replies, r.bounces_received as bounces, r.positive, r.meetings
          from dashboard_days r, bounds b
          where r.workspace_id = ${workspaceId} and r.day between b.since and b.today
        )
        select to_char(days.day, 'YYYY-MM-DD') as day,
               coalesce(rolled.sent, 0) as sent, coalesce(rolled.replies, 0) as replies, coalesce(rolled.bounces, 0) as bounces,
               coalesce(rolled.positive, 0) as positive, coalesce(rolled.meetings, 0) as meetings
        from (select b.today - back.n as day from bounds b, generate_series(0, ${CHART_DAYS - 1}::int) as back(n)) as days
        left join rolled on rolled.day = days.day
        order by days.day`,
  );
  return rows.map((row) => ({
    day: row.day,
    sent: Number(row.sent),
    replies: Number(row.replies),
    bounces: Number(row.bounces),
    positive: Number(row.positive),
    meetings: Number(row.meetings),
  }));
}

export type DashboardMetrics = {
  prospects: number;
  sentToday: number;
  sent7d: number;
  sent30d: number;
  replies30d: number;
  /** replies ÷ sent over 30 days; null when nothing was sent. */
  replyRate: number | null;
  positiveReplies30d: number;
  /** AI decisions with intent interested / meeting_request ÷ replies over 30 days; null without replies. */
  positiveReplyRate: number | null;
  bounces7d: number;
  /** bounces ÷ sent over 7 days; null when nothing was sent. */
  bounceRate7d: number | null;
  meetings30d: number;
};

const sum = (points: DailyPoint[], key: keyof Omit<DailyPoint, 'day'>) => points.reduce((total, point) => total + point[key], 0);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Every prospect of the workspace (the dashboard tile; the filtered count lives in prospects-query.ts). */
export function totalProspects(db: Db, workspaceId: string): Promise<number> {
  return workspaceProspectCount(db, workspaceId);
}

export function metricsFromSeries(series: DailyPoint[], prospects: number): DashboardMetrics {
  const week = series.slice(-7);
  const sent30d = sum(series, 'sent');
  const sent7d = sum(week, 'sent');
  const replies30d = sum(series, 'replies');
  const positiveReplies30d = sum(series, 'positive');
  const bounces7d = sum(week, 'bounces');
  return {
    prospects,
    sentToday: series[series.length - 1]?.sent ?? 0,
    sent7d,
    sent30d,
    replies30d,
    replyRate: ratio(replies30d, sent30d),
    positiveReplies30d,
    positiveReplyRate: ratio(positiveReplies30d, replies30d),
    bounces7d,
    bounceRate7d: ratio(bounces7d, sent7d),
    meetings30d: sum(series, 'meetings'),
  };
}

export async function getMetrics(inWorkspace: InWorkspace, workspaceId: string): Promise<DashboardMetrics> {
  const [series, prospects] = await Promise.all([inWorkspace((db) => dailySeries(db, workspaceId)), inWorkspace((db) => totalProspects(db, workspaceId))]);
  return metricsFromSeries(series, prospects);
}

/** The counts the health score needs beyond the daily series. */
export async function operationalCounts(db: Db, workspaceId: string) {
  const [row] = await queryRows<{ mailboxes: number; failed_jobs: number; stale_reviews: number; domain_checks: (DomainCheckResult | null)[] }>(
    db,
    sql`select
          (select count(*)::int from mailboxes where workspace_id = ${workspaceId} and status in ('error', 'paused')) as mailboxes,
          (select count(*)::int from jobs
             where workspace_id = ${workspaceId} and state = 'failed'
               and created_at > now() - interval '7 days'
               and finished_at > now() - make_interval(hours => ${HEALTH_RULES.failedJobs.windowHours})) as failed_jobs,
          (select count(*)::int from review_items
             where workspace_id = ${workspaceId} and status = 'pending'
               and created_at < now() - make_interval(hours => ${HEALTH_RULES.reviewBacklog.olderThanHours})) as stale_reviews,
          ${sendingDomainChecksSql(workspaceId)} as domain_checks`,
  );
  const domainProblems = sendingDomainProblems(row?.domain_checks ?? []);
  return { unhealthyMailboxes: Number(row?.mailboxes ?? 0), failedJobs24h: Number(row?.failed_jobs ?? 0), staleReviewItems: Number(row?.stale_reviews ?? 0), domainProblems };
}

export function healthFromSeries(series: DailyPoint[], operational: Awaited<ReturnType<typeof operationalCounts>>): HealthScore {
  const week = series.slice(-HEALTH_RULES.bounceRate.windowDays);
  return computeHealthScore({
    sent7d: sum(week, 'sent'),
    bounces7d: sum(week, 'bounces'),
    sent30d: sum(series, 'sent'),
    replies30d: sum(series, 'replies'),
    ...operational,
  });
}

/** Where the health score's operational inputs come from (the router passes a cached loader). */
export type OperationalLoader = () => Promise<Awaited<ReturnType<typeof operationalCounts>>>;

export async function getHealth(inWorkspace: InWorkspace, workspaceId: string, operationalLoader?: OperationalLoader): Promise<HealthScore> {
  const [series, operational] = await Promise.all([
    inWorkspace((db) => dailySeries(db, workspaceId)),
    operationalLoader ? operationalLoader() : inWorkspace((db) => operationalCounts(db, workspaceId)),
  ]);
  return healthFromSeries(series, operational);
}

/** Everything the home page's top half shows, from one pass over the 30-day series. */
export async function getDashboardStats(inWorkspace: InWorkspace, workspaceId: string, operationalLoader?: OperationalLoader) {
  const [series, prospects, operational] = await Promise.all([
    inWorkspace((db) => dailySeries(db, workspaceId)),
    inWorkspace((db) => totalProspects(db, workspaceId)),
    operationalLoader ? operationalLoader() : inWorkspace((db) => operationalCounts(db, workspaceId)),
  ]);
  return { metrics: metricsFromSeries(series, prospects), health: healthFromSeries(series, operational), daily: series, generatedAt: new Date() };
}
