import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { mailboxCapacityToday, type MailboxCapacity } from './rules/capacity.js';
import { localDayBounds } from './rules/local-time.js';
import type { MailboxPacing } from './rules/mailbox-pacing.js';
import { assignMailboxes, rotationCandidate, type DueItem } from './rules/mailbox-rotation.js';
import { isWithinWindow, nextWindowOpening, resolveSendTimezone, type SendWindow } from './rules/send-window.js';

/**
 * The "due" half of a tick: which scheduled messages may go now, and from which mailbox. Reads only;
 * every decision is re-checked when the message is claimed (another instance may be ticking too).
 */

export type MailboxRow = {
  id: string;
  kind: string;
  status: 'active' | 'paused' | 'error';
  daily_limit: number;
  min_gap_seconds: number;
  window_start: string;
  window_end: string;
  window_days: number[];
  window_timezone: string;
  warmup_enabled: boolean;
  warmup_start_per_day: number;
  warmup_increment_per_day: number;
  warmup_started_at: Date | string | null;
  last_sent_at: Date | string | null;
};

const asDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

export function pacingOf(row: MailboxRow): MailboxPacing {
  return {
    id: row.id,
    status: row.status,
    dailyLimit: row.daily_limit,
    minGapSeconds: row.min_gap_seconds,
    window: { start: row.window_start, end: row.window_end, days: row.window_days },
    timeZone: row.window_timezone,
    warmup: { enabled: row.warmup_enabled, startPerDay: row.warmup_start_per_day, incrementPerDay: row.warmup_increment_per_day, startedAt: asDate(row.warmup_started_at) },
  };
}

/** What a mailbox has sent (or may have: claimed, unknown, bounced) since `since`, all campaigns. */
export async function mailboxSentSince(db: Db, mailboxId: string, since: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from messages where mailbox_id = ${mailboxId} and direction = 'outbound'
        and (state in ('sent', 'sending', 'unknown') or is_bounce) and coalesce(sent_at, updated_at) >= ${since.toISOString()}`,
  );
  return Number(row?.n ?? 0);
}

/** What a campaign sent (or may have) since `since`: its campaign cap counts these. */
export async function campaignSentSince(db: Db, campaignId: string, since: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from messages where campaign_id = ${campaignId} and direction = 'outbound'
        and (state in ('sent', 'sending', 'unknown') or is_bounce) and coalesce(sent_at, updated_at) >= ${since.toISOString()}`,
  );
  return Number(row?.n ?? 0);
}

export async function loadMailbox(db: Db, mailboxId: string, options: { lock?: boolean } = {}): Promise<MailboxRow | null> {
  const [row] = await queryRows<MailboxRow>(db, sql`select * from mailboxes where id = ${mailboxId} ${options.lock ? sql`for update` : sql``}`);
  return row ?? null;
}

/** Capacity of one mailbox at `now` (the rule), from its row and what it sent today in its own zone. */
export async function capacityOf(db: Db, row: MailboxRow, now: Date): Promise<MailboxCapacity> {
  const pacing = pacingOf(row);
  const { start } = localDayBounds(now, pacing.timeZone);
  const sentToday = await mailboxSentSince(db, row.id, start);
  return mailboxCapacityToday(pacing, { sentToday, lastSentAt: asDate(row.last_sent_at) }, now);
}

/**
 * Capacity of many mailboxes at once (the tick's plan): their sends since each one's local
 * midnight in one statement, then the same rule as `capacityOf`.
 */
export async function capacitiesOf(db: Db, rows: readonly MailboxRow[], now: Date): Promise<{ row: MailboxRow; capacity: MailboxCapacity }[]> {
  if (rows.length === 0) return [];
  const starts = rows.map((row) => localDayBounds(now, pacingOf(row).timeZone).start.toISOString());
  const ids = `{${rows.map((row) => row.id).join(',')}}`;
  const earliest = starts.reduce((min, start) => (start < min ? start : min));
  const counts = await queryRows<{ id: string; n: number }>(
    db,
    sql`select m.mailbox_id as id, count(*)::int as n
        from messages m
        join unnest(${ids}::uuid[], ${`{${starts.map((start) => `"${start}"`).join(',')}}`}::timestamptz[]) as b(id, since) on b.id = m.mailbox_id
        where m.mailbox_id = any(${ids}::uuid[]) and m.direction = 'outbound' and (m.state in ('sent', 'sending', 'unknown') or m.is_bounce)
          and coalesce(m.sent_at, m.updated_at) >= ${earliest} and coalesce(m.sent_at, m.updated_at) >= b.since
        group by m.mailbox_id`,
  );
  const sent = new Map(counts.map((row) => [row.id, Number(row.n)]));
  return rows.map((row) => ({ row, capacity: mailboxCapacityToday(pacingOf(row), { sentToday: sent.get(row.id) ?? 0, lastSentAt: asDate(row.last_sent_at) }, now) }));
}

type DueRow = {
  message_id: string;
  campaign_id: string;
  enrollment_id: string;
  step_position: number;
  send_window_start: string;
  send_window_end: string;
  send_days: number[];
  campaign_timezone: string;
  prospect_timezone: string | null;
  enrichment_timezone: string | null;
  workspace_timezone: string;
  thread_mailbox_id: string | null;
};

export type PlannedSend = { messageId: string; mailboxId: string; campaignId: string };

export type SendPlan = { sends: PlannedSend[]; deferred: { messageId: string; until: Date }[]; waiting: number };

export const DUE_BATCH = 500;

/**
 * Due messages of active campaigns whose enrolment is active and not held, each in the campaign's
 * window read in the prospect's zone; mailboxes by rotation (a follow-up keeps its thread's mailbox).
 * A message outside its window is deferred to the window's next opening.
 */
export async function planSends(db: Db, now: Date): Promise<SendPlan> {
  const due = await queryRows<DueRow>(
    db,
    sql`select m.id as message_id, m.campaign_id, m.enrollment_id, m.step_position,
          c.send_window_start, c.send_window_end, c.send_days, c.timezone as campaign_timezone,
          p.timezone as prospect_timezone, en.timezone as enrichment_timezone, w.timezone as workspace_timezone,
          (select prev.mailbox_id from messages prev where prev.enrollment_id = m.enrollment_id and prev.direction = 'outbound'
             and prev.state = 'sent' and prev.step_position < m.step_position order by prev.step_position limit 1) as thread_mailbox_id
        from messages m
        join enrollments e on e.id = m.enrollment_id and e.state = 'active' and e.hold is null
        join campaigns c on c.id = m.campaign_id and c.status = 'active'
        join prospects p on p.id = m.prospect_id
        join workspaces w on w.id = m.workspace_id
        left join enrichments en on en.prospect_id = p.id
        where m.direction = 'outbound' and m.state = 'scheduled' and m.scheduled_at <= ${now.toISOString()}
        order by m.scheduled_at, m.id
        limit ${DUE_BATCH}`,
  );
  const deferred: SendPlan['deferred'] = [];
  const inWindow = new Map<string, (DueRow & { item: DueItem })[]>();
  for (const row of due) {
    const window: SendWindow = { start: row.send_window_start, end: row.send_window_end, days: row.send_days };
    const zone = resolveSendTimezone({ prospect: row.prospect_timezone, enrichment: row.enrichment_timezone, campaign: row.campaign_timezone, workspace: row.workspace_timezone }).timeZone;
    if (!isWithinWindow(now, window, zone)) {
      const opening = nextWindowOpening(now, window, zone);
      if (opening) deferred.push({ messageId: row.message_id, until: opening });
      continue;
    }
    const list = inWindow.get(row.campaign_id) ?? [];
    list.push({ ...row, item: { key: row.message_id, threadMailboxId: row.thread_mailbox_id } });
    inWindow.set(row.campaign_id, list);
  }
  if (inWindow.size === 0) return { sends: [], deferred, waiting: 0 };

  // The campaigns' mailboxes with their rows, in one statement.
  const linked = await queryRows<MailboxRow & { campaign_id: string }>(
    db,
    sql`select cm.campaign_id, m.* from campaign_mailboxes cm join mailboxes m on m.id = cm.mailbox_id
        where cm.campaign_id in (${sql.join([...inWindow.keys()].map((id) => sql`${id}`), sql`, `)})`,
  );
  const links = linked.map((row) => ({ campaign_id: row.campaign_id, mailbox_id: row.id }));
  const mailboxRows = [...new Map(linked.map((row) => [row.id, row])).values()];
  // A mailbox shared by several campaigns sends once per tick in all: its slot is used up here.
  const available = new Map<string, ReturnType<typeof rotationCandidate>>();
  for (const { row, capacity } of await capacitiesOf(db, mailboxRows, now)) {
    available.set(row.id, rotationCandidate(capacity, { healthy: row.status === 'active', lastSentAt: asDate(row.last_sent_at) }, now));
  }
  const sends: PlannedSend[] = [];
  let waiting = 0;
  for (const [campaignId, rows] of inWindow) {
    const candidates = links.filter((link) => link.campaign_id === campaignId).flatMap((link) => available.get(link.mailbox_id) ?? []);
    const plan = assignMailboxes(candidates, rows.map((row) => row.item));
    waiting += plan.waiting.length;
    for (const assignment of plan.assigned) {
      sends.push({ messageId: assignment.key, mailboxId: assignment.mailboxId, campaignId });
      const used = available.get(assignment.mailboxId);
      if (used) available.set(assignment.mailboxId, { ...used, available: Math.max(0, used.available - 1), sentToday: used.sentToday + 1 });
    }
  }
  return { sends, deferred, waiting };
}
