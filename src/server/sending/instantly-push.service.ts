import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { campaigns, instantlyLeads } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import type { InstantlyLeadInput } from '../integrations/instantly.js';

/**
 * A campaign that sends through Instantly (its `instantly_campaign_id` is set) hands its enrolled
 * prospects to that Instantly campaign as leads, with their personalisation variables, instead of
 * scheduling messages in our own mailboxes. Each pushed prospect is recorded in `instantly_leads`
 * in the same step that follows Instantly's answer: a retried batch skips what is recorded, and
 * `skip_if_in_campaign` makes Instantly ignore a lead whose answer we lost.
 */
export const INSTANTLY_PUSH_BATCH = 100;

export type LeadSource = {
  prospectId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  company: string | null;
  companyDomain: string | null;
  title: string | null;
  openingLine: string | null;
  talkingPoints: string[];
};

const clean = (value: string | null | undefined): string | null => (value && value.trim() ? value.trim() : null);

/**
 * The lead Instantly receives: the standard fields, `personalization` = the enrichment's opening
 * line (Instantly's `{{personalization}}`), and custom variables for the talking points (each on
 * its own, and joined) and our prospect id — usable in Instantly templates as `{{talkingPoint1}}`…
 */
export function instantlyLeadOf(source: LeadSource): InstantlyLeadInput {
  const [first, ...rest] = (clean(source.fullName) ?? '').split(/\s+/).filter(Boolean);
  const points = source.talkingPoints.map((point) => point.trim()).filter(Boolean).slice(0, 5);
  const variables: Record<string, string> = { salesMachineProspectId: source.prospectId };
  points.forEach((point, index) => (variables[`talkingPoint${index + 1}`] = point));
  if (points.length) variables.talkingPoints = points.join(' • ');
  const domain = clean(source.companyDomain);
  return {
    email: source.email.trim().toLowerCase(),
    first_name: clean(source.firstName) ?? first ?? null,
    last_name: clean(source.lastName) ?? (rest.length ? rest.join(' ') : null),
    company_name: clean(source.company),
    job_title: clean(source.title),
    website: domain ? `https://${domain}` : null,
    personalization: clean(source.openingLine),
    custom_variables: variables,
  };
}

export type InstantlyCampaignLink = { campaignId: string; workspaceId: string; instantlyCampaignId: string };

export async function instantlyLinkOf(db: Db, campaignId: string): Promise<InstantlyCampaignLink | null> {
  const [row] = await db.select({ id: campaigns.id, workspaceId: campaigns.workspaceId, instantlyCampaignId: campaigns.instantlyCampaignId }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!row) throw new AppError('NOT_FOUND', 'Campaign not found', { reason: 'campaign.not_found' });
  return row.instantlyCampaignId ? { campaignId: row.id, workspaceId: row.workspaceId, instantlyCampaignId: row.instantlyCampaignId } : null;
}

/** Enrolled prospects not pushed yet to this Instantly campaign, never a suppressed address. */
export async function pendingLeads(db: Db, link: InstantlyCampaignLink, limit: number): Promise<LeadSource[]> {
  const rows = await queryRows<{
    id: string;
    email: string;
    first_name: string | null;
    last_name: string | null;
    full_name: string | null;
    company: string | null;
    company_domain: string | null;
    title: string | null;
    opening_line: string | null;
    talking_points: string[] | null;
  }>(
    db,
    sql`select p.id, p.email, p.first_name, p.last_name, p.full_name, p.company, p.company_domain, p.title, en.opening_line, en.talking_points
        from enrollments e join prospects p on p.id = e.prospect_id left join enrichments en on en.prospect_id = p.id
        where e.campaign_id = ${link.campaignId} and e.state = 'active' and p.email is not null
          and p.stage not in ('unsubscribed', 'bounced')
          and not exists (select 1 from suppressions s where (s.kind = 'email' and s.value = lower(p.email))
                or (s.kind = 'domain' and s.value = split_part(lower(p.email), '@', 2)))
          and not exists (select 1 from instantly_leads l where l.prospect_id = p.id and l.instantly_campaign_id = ${link.instantlyCampaignId})
        order by e.created_at, p.id limit ${limit}`,
  );
  return rows.map((row) => ({
    prospectId: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    fullName: row.full_name,
    company: row.company,
    companyDomain: row.company_domain,
    title: row.title,
    openingLine: row.opening_line,
    talkingPoints: Array.isArray(row.talking_points) ? row.talking_points.filter((point): point is string => typeof point === 'string') : [],
  }));
}

export async function recordPushedLead(db: Db, link: InstantlyCampaignLink, prospectId: string, leadId: string | null): Promise<void> {
  await db.insert(instantlyLeads).values({ workspaceId: link.workspaceId, campaignId: link.campaignId, prospectId, instantlyCampaignId: link.instantlyCampaignId, leadId }).onConflictDoNothing();
}

export async function recordPushFinished(db: Db, link: InstantlyCampaignLink, pushed: number): Promise<void> {
  if (pushed > 0) await recordEvent(db, { workspaceId: link.workspaceId, type: 'instantly.leads_pushed', campaignId: link.campaignId, data: { pushed, instantlyCampaignId: link.instantlyCampaignId } });
}

export async function instantlyPushStatus(db: Db, campaignId: string): Promise<{ instantlyCampaignId: string | null; pushed: number; pending: number }> {
  const link = await instantlyLinkOf(db, campaignId);
  if (!link) return { instantlyCampaignId: null, pushed: 0, pending: 0 };
  const [pushed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(instantlyLeads)
    .where(and(eq(instantlyLeads.campaignId, campaignId), eq(instantlyLeads.instantlyCampaignId, link.instantlyCampaignId)));
  const pending = await pendingLeads(db, link, 100_000);
  return { instantlyCampaignId: link.instantlyCampaignId, pushed: Number(pushed?.n ?? 0), pending: pending.length };
}
