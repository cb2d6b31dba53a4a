import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { campaignMailboxes, campaigns, enrollments, mailboxes, prospects, sequenceSteps, stepVariants, workspaces } from '../db/schema/index.js';
import type { RuleWithoutParams } from '../../shared/issue-rules.js';
import { AppError, fieldIssue, notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { exclusionReason, loadIcpExclusions } from '../icp/exclusions.js';
import { enqueueInstantlyPush } from './instantly-push.job.js';
import { scheduleMessage } from './message-states.js';
import { nextWindowOpening, resolveSendTimezone } from './rules/send-window.js';
import { stepDueAt } from './rules/step-delay.js';
import { assignVariant, variantSeed } from './rules/variants.js';
import { newUnsubscribeToken, timezoneCandidates, variantCounts } from './send-context.queries.js';

/**
 * Launch preflight and enrolment. A campaign launches only with something to send (a step), someone
 * to send it to (an eligible prospect), something to send it from (a mailbox not in error) and the
 * postal address its footer needs. A prospect is in at most one active sequence.
 */

export const PREFLIGHT_ITEMS = ['steps', 'prospects', 'mailbox', 'postal_address'] as const;
export type PreflightItem = (typeof PREFLIGHT_ITEMS)[number];

export type PreflightCheck = { item: PreflightItem; ok: boolean; reason: RuleWithoutParams | null; message: string | null };
export type Preflight = {
  ok: boolean;
  checks: PreflightCheck[];
  eligibleProspects: number;
  inOtherSequences: number;
  /** When step 1 would first leave if launched now: its delay, then the campaign's window, in the campaign's zone (prospects in other zones may go later). */
  firstSendAt: Date | null;
  prospectsIncoming: boolean;
};

/**
 * `prospectsIncoming`: the launch also starts (or a scrape already runs) a LinkedIn scrape whose
 * prospects will enter the sequence as they arrive, so "no eligible prospect yet" does not block it.
 */
export type PreflightOptions = { prospectsIncoming?: boolean; now?: Date };

const UNMET: Record<PreflightItem, { reason: RuleWithoutParams; message: string }> = {
  steps: { reason: 'preflight.no_steps', message: 'Write at least one email in the sequence' },
  prospects: { reason: 'preflight.no_eligible_prospects', message: 'Add at least one prospect with an email address that can be mailed' },
  mailbox: { reason: 'preflight.no_healthy_mailbox', message: 'Attach at least one mailbox that is not in error' },
  postal_address: { reason: 'preflight.no_postal_address', message: 'Enter the workspace’s postal address (it goes in every email’s footer)' },
};

/** Prospects of the campaign that may enter its sequence now, and those already in another one. */
export async function eligibleProspects(db: Db, campaignId: string): Promise<{ ids: string[]; inOtherSequences: number }> {
  const rows = await db
    .select({ id: prospects.id, email: prospects.email, company: prospects.company, companyDomain: prospects.companyDomain, activeElsewhere: sql<boolean>`exists (
        select 1 from enrollments e where e.prospect_id = ${prospects.id} and e.state = 'active' and e.campaign_id <> ${campaignId})` })
    .from(prospects)
    .where(
      and(
        eq(prospects.campaignId, campaignId),
        isNotNull(prospects.email),
        sql`${prospects.stage} not in ('unsubscribed', 'bounced')`,
        sql`not exists (select 1 from suppressions s where (s.kind = 'email' and s.value = lower(${prospects.email}))
              or (s.kind = 'domain' and s.value = split_part(lower(${prospects.email}), '@', 2)))`,
        sql`not exists (select 1 from enrollments e where e.prospect_id = ${prospects.id} and e.campaign_id = ${campaignId})`,
      ),
    );
  const exclusions = await loadIcpExclusions(db);
  const allowed = rows.filter((row) => exclusionReason(exclusions, row) === null);
  return { ids: allowed.filter((row) => !row.activeElsewhere).map((row) => row.id), inOtherSequences: allowed.filter((row) => row.activeElsewhere).length };
}

export async function launchPreflight(db: Db, campaignId: string, options: PreflightOptions = {}): Promise<Preflight> {
  const now = options.now ?? new Date();
  const [campaign] = await db
    .select({ id: campaigns.id, workspaceId: campaigns.workspaceId, timezone: campaigns.timezone, start: campaigns.sendWindowStart, end: campaigns.sendWindowEnd, days: campaigns.sendDays, instantlyCampaignId: campaigns.instantlyCampaignId })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign');
  // Through Instantly, the sequence and the sending accounts live in Instantly.
  const viaInstantly = campaign.instantlyCampaignId !== null;
  const [steps] = await db.select({ n: sql<number>`count(*)::int` }).from(sequenceSteps).where(eq(sequenceSteps.campaignId, campaignId));
  const [healthy] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(campaignMailboxes)
    .innerJoin(mailboxes, eq(mailboxes.id, campaignMailboxes.mailboxId))
    .where(and(eq(campaignMailboxes.campaignId, campaignId), ne(mailboxes.status, 'error')));
  const [workspace] = await db.select({ postalAddress: workspaces.postalAddress }).from(workspaces).where(eq(workspaces.id, campaign.workspaceId));
  const eligible = await eligibleProspects(db, campaignId);
  // Prospects already enrolled here (a relaunch after a pause) count as something to send.
  const [enrolled] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(and(eq(enrollments.campaignId, campaignId), eq(enrollments.state, 'active')));
  const met: Record<PreflightItem, boolean> = {
    steps: viaInstantly || Number(steps?.n ?? 0) > 0,
    prospects: eligible.ids.length + Number(enrolled?.n ?? 0) > 0 || options.prospectsIncoming === true,
    mailbox: viaInstantly || Number(healthy?.n ?? 0) > 0,
    postal_address: (workspace?.postalAddress ?? '').trim() !== '',
  };
  const checks = PREFLIGHT_ITEMS.map((item) => ({ item, ok: met[item], reason: met[item] ? null : UNMET[item].reason, message: met[item] ? null : UNMET[item].message }));
  const [first] = await db
    .select({ delayDays: sequenceSteps.delayDays, businessDays: sequenceSteps.businessDays })
    .from(sequenceSteps)
    .where(and(eq(sequenceSteps.campaignId, campaignId), eq(sequenceSteps.position, 0)));
  const firstSendAt = first
    ? nextWindowOpening(stepDueAt(now, { days: first.delayDays, businessDays: first.businessDays }, campaign.timezone), { start: campaign.start, end: campaign.end, days: campaign.days }, campaign.timezone)
    : null;
  return { ok: checks.every((check) => check.ok), checks, eligibleProspects: eligible.ids.length, inOtherSequences: eligible.inOtherSequences, firstSendAt, prospectsIncoming: options.prospectsIncoming === true };
}

/** Throws 409 `campaign.preflight_failed` listing every unmet item (as issues, each with its rule). */
export async function assertLaunchable(db: Db, campaignId: string, options: PreflightOptions = {}): Promise<Preflight> {
  const preflight = await launchPreflight(db, campaignId, options);
  if (preflight.ok) return preflight;
  const unmet = PREFLIGHT_ITEMS.filter((item) => !preflight.checks.find((check) => check.item === item)?.ok);
  throw new AppError('CONFLICT', `This campaign cannot be launched yet: ${unmet.map((item) => UNMET[item].message).join('; ')}`, {
    reason: 'campaign.preflight_failed',
    params: { unmet: unmet.join(', ') },
    issues: unmet.map((item) => fieldIssue([item], UNMET[item].reason, UNMET[item].message)),
  });
}

type CampaignForSchedule = { id: string; workspaceId: string; timezone: string };

/** Creates the message of step `position` for an enrolment, due `delay` after `from` in the prospect's zone. */
export async function scheduleStep(db: Db, campaign: CampaignForSchedule, enrollment: { id: string; prospectId: string; email: string }, position: number, from: Date): Promise<boolean> {
  const [step] = await db
    .select({ id: sequenceSteps.id, delayDays: sequenceSteps.delayDays, businessDays: sequenceSteps.businessDays })
    .from(sequenceSteps)
    .where(and(eq(sequenceSteps.campaignId, campaign.id), eq(sequenceSteps.position, position)));
  if (!step) return false;
  const [variants] = await db.select({ n: sql<number>`count(*)::int` }).from(stepVariants).where(eq(stepVariants.stepId, step.id));
  const variantCount = 1 + Number(variants?.n ?? 0);
  const counts = await variantCounts(db, campaign.id, position, variantCount);
  const variantIndex = assignVariant({ assignedCounts: counts, seed: variantSeed(enrollment.prospectId, position) });
  const zone = resolveSendTimezone(await timezoneCandidates(db, enrollment.prospectId, campaign.timezone));
  const scheduledAt = stepDueAt(from, { days: step.delayDays, businessDays: step.businessDays }, zone.timeZone);
  await scheduleMessage(db, {
    workspaceId: campaign.workspaceId,
    prospectId: enrollment.prospectId,
    campaignId: campaign.id,
    enrollmentId: enrollment.id,
    stepPosition: position,
    variantIndex,
    toEmail: enrollment.email,
    scheduledAt,
    unsubscribeToken: newUnsubscribeToken(),
  });
  await db.update(enrollments).set({ currentStep: position, nextRunAt: scheduledAt }).where(eq(enrollments.id, enrollment.id));
  return true;
}

/**
 * Puts prospects into the campaign's sequence (first step scheduled). A prospect already active in
 * another sequence is skipped (the unique index on active enrolments settles races).
 */
export async function enrolProspects(db: Db, campaignId: string, prospectIds: readonly string[], now: Date): Promise<number> {
  if (prospectIds.length === 0) return 0;
  const [campaign] = await db
    .select({ id: campaigns.id, workspaceId: campaigns.workspaceId, timezone: campaigns.timezone, instantlyCampaignId: campaigns.instantlyCampaignId })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign');
  // Sent through Instantly: no message of ours is scheduled; the push job hands them over as leads.
  const viaInstantly = campaign.instantlyCampaignId !== null;
  const people = await db.select({ id: prospects.id, email: prospects.email }).from(prospects).where(inArray(prospects.id, [...prospectIds]));
  let enrolled = 0;
  for (const person of people) {
    if (!person.email) continue;
    const [row] = await db
      .insert(enrollments)
      .values({ workspaceId: campaign.workspaceId, prospectId: person.id, campaignId, state: 'active', nextRunAt: viaInstantly ? null : now })
      .onConflictDoNothing()
      .returning({ id: enrollments.id });
    if (!row) continue;
    enrolled++;
    if (viaInstantly) continue;
    await scheduleStep(db, campaign, { id: row.id, prospectId: person.id, email: person.email }, 0, now);
  }
  if (enrolled && viaInstantly) await enqueueInstantlyPush(db, campaign.workspaceId, campaignId);
  if (enrolled) await recordEvent(db, { workspaceId: campaign.workspaceId, type: 'enrollment.created', campaignId, data: { prospects: enrolled } });
  return enrolled;
}

/** One prospect into a running or draft campaign: 409 saying where it already is when it is in another active sequence. */
export async function enrolProspect(db: Db, campaignId: string, prospectId: string, now: Date): Promise<{ enrolled: boolean }> {
  const [prospect] = await db.select({ id: prospects.id }).from(prospects).where(eq(prospects.id, prospectId));
  if (!prospect) throw notFound('Prospect');
  const [current] = await db
    .select({ campaignId: enrollments.campaignId, name: campaigns.name })
    .from(enrollments)
    .innerJoin(campaigns, eq(campaigns.id, enrollments.campaignId))
    .where(and(eq(enrollments.prospectId, prospectId), eq(enrollments.state, 'active')));
  if (current) {
    if (current.campaignId === campaignId) return { enrolled: false };
    throw new AppError('CONFLICT', `This prospect is already in the active sequence of the campaign “${current.name}”`, {
      reason: 'enrollment.already_enrolled',
      params: { campaignName: current.name },
    });
  }
  await db.update(prospects).set({ campaignId }).where(eq(prospects.id, prospectId));
  return { enrolled: (await enrolProspects(db, campaignId, [prospectId], now)) === 1 };
}

/** At launch (draft or paused → active): preflight, then every eligible prospect enters. */
export async function launchCampaign(db: Db, campaignId: string, now: Date, options: PreflightOptions = {}): Promise<{ enrolled: number }> {
  await assertLaunchable(db, campaignId, options);
  const { ids } = await eligibleProspects(db, campaignId);
  return { enrolled: await enrolProspects(db, campaignId, ids, now) };
}

export async function activeEnrolmentCount(db: Db, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(and(eq(enrollments.campaignId, campaignId), eq(enrollments.state, 'active')));
  return Number(row?.n ?? 0);
}

/**
 * New prospects of a running campaign (scraped, then enriched) enter its sequence as they arrive:
 * those of `prospectIds` that are eligible now. Nothing happens while the campaign is not active
 * (its launch enrols them then).
 */
export async function handOverToSequence(db: Db, campaignId: string | null, prospectIds: readonly string[], now: Date): Promise<number> {
  if (!campaignId || prospectIds.length === 0) return 0;
  const [campaign] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (campaign?.status !== 'active') return 0;
  const wanted = new Set(prospectIds);
  const { ids } = await eligibleProspects(db, campaignId);
  return enrolProspects(db, campaignId, ids.filter((id) => wanted.has(id)), now);
}
