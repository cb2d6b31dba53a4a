import { asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { campaigns, sequenceSteps } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import { unknownAddressCount } from './address-checks.service.js';
import type { CampaignCapacityView, MailboxCapacityView } from './capacity.schemas.js';
import { campaignCapacityToday, type CampaignLimit, type HoldCount, type HoldCode, type MailboxCapacity, type MailboxLimit } from './rules/capacity.js';
import { forecastCampaign, type Milestone, type PendingGroup } from './rules/forecast.js';
import { localDayBounds } from './rules/local-time.js';
import { campaignSentSince, capacitiesOf, pacingOf, type MailboxRow } from './send-plan.js';

/**
 * The capacity view: per mailbox of a campaign, what still leaves today and which limit binds
 * (the rules in `rules/capacity.ts`, fed with today's counts), the held enrolments by reason, and
 * the forecast of when everyone will have had step 1 and the last step (`rules/forecast.ts`).
 */

type Param = string | number | null;

/** Limits' params as plain JSON: instants as ISO strings, nested counts dropped. */
function plainLimit(limit: MailboxLimit | CampaignLimit) {
  const params: Record<string, Param> = {};
  for (const [key, value] of Object.entries(limit.params as Record<string, unknown>)) {
    if (value instanceof Date) params[key] = value.toISOString();
    else if (typeof value === 'string' || typeof value === 'number' || value === null) params[key] = value;
  }
  return { code: limit.code, remaining: Math.min(limit.remaining, 2_147_483_647), params };
}

function mailboxView(row: MailboxRow & { from_email: string; kind: string }, capacity: MailboxCapacity): MailboxCapacityView {
  return {
    mailboxId: row.id,
    fromEmail: row.from_email,
    kind: row.kind,
    status: row.status,
    remaining: Math.min(capacity.remaining, 2_147_483_647),
    binding: capacity.binding,
    limits: capacity.limits.map(plainLimit),
    sentToday: capacity.sentToday,
    capToday: capacity.capToday,
    nextSendAt: capacity.nextSendAt?.toISOString() ?? null,
  };
}

const milestone = (value: Milestone) => (value.kind === 'on' ? { kind: value.kind, date: value.date, day: value.day } : { kind: value.kind, date: null, day: null });

type FullMailboxRow = MailboxRow & { from_email: string; kind: string };

/** Today's capacity of every mailbox of the workspace (Settings → Email), all campaigns together. */
export async function mailboxesCapacity(db: Db, now: Date): Promise<{ items: MailboxCapacityView[] }> {
  const rows = await queryRows<FullMailboxRow>(db, sql`select * from mailboxes order by kind = 'sandbox' desc, created_at`);
  const capacities = await capacitiesOf(db, rows, now);
  return { items: capacities.map(({ row, capacity }) => mailboxView(row as FullMailboxRow, capacity)) };
}

export async function campaignCapacity(db: Db, campaignId: string, now: Date): Promise<CampaignCapacityView> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign');
  const rows = await queryRows<FullMailboxRow>(
    db,
    sql`select m.* from mailboxes m join campaign_mailboxes cm on cm.mailbox_id = m.id where cm.campaign_id = ${campaignId} order by m.created_at`,
  );
  const capacities: MailboxCapacity[] = (await capacitiesOf(db, rows, now)).map((entry) => entry.capacity);

  const { start, end } = localDayBounds(now, campaign.timezone);
  const sentToday = await campaignSentSince(db, campaignId, start);
  const [due] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from messages m join enrollments e on e.id = m.enrollment_id and e.state = 'active' and e.hold is null
        where m.campaign_id = ${campaignId} and m.direction = 'outbound' and m.state = 'scheduled' and m.scheduled_at < ${end.toISOString()}`,
  );
  const heldRows = await queryRows<{ code: string; n: number }>(
    db,
    sql`select hold->>'code' as code, count(*)::int as n from enrollments where campaign_id = ${campaignId} and state = 'active' and hold is not null group by 1 order by 2 desc`,
  );
  const holds: HoldCount[] = heldRows.map((row) => ({ code: row.code as HoldCode, count: Number(row.n) }));
  const unknown = await unknownAddressCount(db, campaignId, now);
  if (unknown > 0) holds.push({ code: 'address_unknown', count: unknown });
  const stoppedRows = await queryRows<{ reason: string; n: number }>(
    db,
    sql`select coalesce(stopped_reason, 'manual') as reason, count(*)::int as n from enrollments where campaign_id = ${campaignId} and state = 'stopped' group by 1 order by 2 desc`,
  );
  const today = campaignCapacityToday({ dailyLimit: campaign.dailyLimit, sentToday, mailboxes: capacities, due: Number(due?.n ?? 0), holds });

  const steps = await db.select({ days: sequenceSteps.delayDays, businessDays: sequenceSteps.businessDays, position: sequenceSteps.position }).from(sequenceSteps).where(eq(sequenceSteps.campaignId, campaignId)).orderBy(asc(sequenceSteps.position));
  const pendingRows = await queryRows<{ step_position: number; due_at: Date | string; n: number }>(
    db,
    sql`select m.step_position, min(m.scheduled_at) as due_at, count(*)::int as n
        from messages m join enrollments e on e.id = m.enrollment_id and e.state = 'active' and e.hold is null
        where m.campaign_id = ${campaignId} and m.direction = 'outbound' and m.state = 'scheduled'
        group by m.step_position, date_trunc('day', m.scheduled_at at time zone ${campaign.timezone})`,
  );
  const indexOf = new Map(steps.map((step, index) => [step.position, index]));
  const pending: PendingGroup[] = pendingRows.flatMap((row) => {
    const stepIndex = indexOf.get(row.step_position);
    return stepIndex === undefined ? [] : [{ stepIndex, count: Number(row.n), dueAt: new Date(row.due_at) }];
  });
  const forecast = forecastCampaign({
    now,
    timeZone: campaign.timezone,
    campaignWindow: { start: campaign.sendWindowStart, end: campaign.sendWindowEnd, days: campaign.sendDays },
    campaignDailyLimit: campaign.dailyLimit,
    campaignSentToday: sentToday,
    steps,
    pending,
    mailboxes: rows.map((row, index) => ({ ...pacingOf(row), sentToday: capacities[index]?.sentToday ?? 0, remainingToday: capacities[index]?.remaining ?? 0 })),
  });

  return {
    campaignId,
    timeZone: campaign.timezone,
    computedAt: now.toISOString(),
    today: { remaining: Math.min(today.remaining, 2_147_483_647), binding: today.binding, limits: today.limits.map(plainLimit), sentToday, due: Number(due?.n ?? 0) },
    mailboxes: rows.map((row, index) => mailboxView(row, capacities[index]!)),
    holds: today.holds,
    stopped: stoppedRows.map((row) => ({ reason: row.reason, count: Number(row.n) })),
    forecast: {
      firstStep: milestone(forecast.firstStep),
      lastStep: milestone(forecast.lastStep),
      firstSendOn: forecast.firstSendOn,
      totalMessages: forecast.totalMessages,
      outcome: forecast.outcome,
      days: forecast.days.slice(0, 14),
    },
  };
}
