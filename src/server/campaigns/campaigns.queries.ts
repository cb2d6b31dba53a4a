import { and, asc, desc, eq, gt, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { agents, campaignMailboxes, campaigns, jobs, mailboxes } from '../db/schema/index.js';
import { containsPattern, cursorTimestamp, decodeCursor, encodeCursor, isCursorTimestamp } from '../db/list-query.js';
import { notFound } from '../errors.js';
import { eventFeed } from '../events/event-feed.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';
import type { ProspectStage } from '../../shared/enums.js';
import { countsForCampaigns, EMPTY_COUNTS } from './campaign-counters.js';
import { allowedTransitions } from './campaign-status.js';
import type { CampaignSortField, CampaignView, ListCampaignsInput } from './campaigns.schemas.js';

const campaignColumns = {
  id: campaigns.id,
  name: campaigns.name,
  description: campaigns.description,
  status: campaigns.status,
  agentId: campaigns.agentId,
  createdBy: campaigns.createdBy,
  timezone: campaigns.timezone,
  sendWindowStart: campaigns.sendWindowStart,
  sendWindowEnd: campaigns.sendWindowEnd,
  sendDays: campaigns.sendDays,
  dailyLimit: campaigns.dailyLimit,
  stopOnReply: campaigns.stopOnReply,
  verifyEmails: campaigns.verifyEmails,
  riskyAddressPolicy: campaigns.riskyAddressPolicy,
  trackOpens: campaigns.trackOpens,
  trackClicks: campaigns.trackClicks,
  startedAt: campaigns.startedAt,
  pausedAt: campaigns.pausedAt,
  completedAt: campaigns.completedAt,
  archivedAt: campaigns.archivedAt,
  createdAt: campaigns.createdAt,
  updatedAt: campaigns.updatedAt,
  agentName: agents.name,
  phantombusterAgentId: campaigns.phantombusterAgentId,
  linkedinSearchUrl: campaigns.linkedinSearchUrl,
  linkedinMaxProfiles: campaigns.linkedinMaxProfiles,
};

type CampaignRow = Omit<CampaignView, 'mailboxIds' | 'counts' | 'allowedTransitions' | 'linkedinSearch'> & {
  phantombusterAgentId: string | null;
  linkedinSearchUrl: string | null;
  linkedinMaxProfiles: number;
};

async function present(db: Db, workspaceId: string, rows: CampaignRow[]): Promise<CampaignView[]> {
  const ids = rows.map((row) => row.id);
  // Independent reads, sent together: postgres.js pipelines them on the transaction's connection.
  const [counts, links] = await Promise.all([
    countsForCampaigns(db, workspaceId, ids),
    ids.length
      ? db
          .select({ campaignId: campaignMailboxes.campaignId, mailboxId: campaignMailboxes.mailboxId })
          .from(campaignMailboxes)
          .where(inArray(campaignMailboxes.campaignId, ids))
      : [],
  ]);
  const mailboxIdsOf = new Map<string, string[]>();
  for (const link of links) {
    const ids = mailboxIdsOf.get(link.campaignId);
    if (ids) ids.push(link.mailboxId);
    else mailboxIdsOf.set(link.campaignId, [link.mailboxId]);
  }
  return rows.map(({ phantombusterAgentId, linkedinSearchUrl, linkedinMaxProfiles, ...row }) => ({
    ...row,
    linkedinSearch: phantombusterAgentId ? { agentId: phantombusterAgentId, searchUrl: linkedinSearchUrl, maxProfiles: linkedinMaxProfiles } : null,
    mailboxIds: mailboxIdsOf.get(row.id) ?? [],
    counts: counts.get(row.id) ?? { ...EMPTY_COUNTS },
    allowedTransitions: [...allowedTransitions(row.status)],
  }));
}

export async function getCampaign(db: Db, workspaceId: string, id: string): Promise<CampaignView> {
  const [row] = await db.select(campaignColumns).from(campaigns).leftJoin(agents, eq(agents.id, campaigns.agentId)).where(eq(campaigns.id, id));
  if (!row) throw notFound('Campaign');
  const [view] = await present(db, workspaceId, [row]);
  return view!;
}

/** The sort key as the database compares it, and as text for the cursor (full timestamp precision). */
function sortKey(field: CampaignSortField): { column: SQL; asText: SQL<string>; fromText: (value: string) => SQL; isValidValue: (value: string) => boolean } {
  if (field === 'name') return { column: sql`${campaigns.name}`, asText: sql<string>`${campaigns.name}`, fromText: (v) => sql`${v}`, isValidValue: () => true };
  const column = field === 'updatedAt' ? campaigns.updatedAt : campaigns.createdAt;
  return { column: sql`${column}`, asText: cursorTimestamp(column), fromText: (v) => sql`${v}::timestamptz`, isValidValue: isCursorTimestamp };
}

/** Filtered, sorted, keyset-paginated list with derived counters. */
export async function listCampaigns(db: Db, workspaceId: string, input: ListCampaignsInput) {
  const filters: SQL[] = [eq(campaigns.workspaceId, workspaceId)];
  if (input.status?.length) filters.push(inArray(campaigns.status, input.status));
  if (input.agentId) filters.push(eq(campaigns.agentId, input.agentId));
  if (input.createdFrom) filters.push(gte(campaigns.createdAt, input.createdFrom));
  if (input.createdTo) filters.push(lte(campaigns.createdAt, input.createdTo));
  if (input.q) filters.push(ilike(campaigns.name, containsPattern(input.q)));
  const total = db.select({ n: sql<number>`count(*)::int` }).from(campaigns).where(and(...filters));

  const key = sortKey(input.sort);
  const page = [...filters];
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor, { sort: input.sort, order: input.order, isValidValue: key.isValidValue });
    const after = input.order === 'asc' ? sql`>` : sql`<`;
    page.push(sql`(${key.column}, ${campaigns.id}) ${after} (${key.fromText(cursor.value)}, ${cursor.id}::uuid)`);
  }
  const direction = input.order === 'asc' ? asc : desc;
  // The total and the page in one round trip (pipelined, as in `present`).
  const [[totalRow], rows] = await Promise.all([
    total,
    db
      .select({ ...campaignColumns, sortValue: key.asText })
      .from(campaigns)
      .leftJoin(agents, eq(agents.id, campaigns.agentId))
      .where(and(...page))
      .orderBy(direction(key.column), direction(campaigns.id))
      .limit(input.limit + 1),
  ]);
  const hasMore = rows.length > input.limit;
  const pageRows = rows.slice(0, input.limit);
  const last = pageRows[pageRows.length - 1];
  const items = await present(
    db,
    workspaceId,
    pageRows.map(({ sortValue: _sortValue, ...row }) => row),
  );
  return { items, nextCursor: hasMore && last ? encodeCursor({ sort: input.sort, order: input.order, value: last.sortValue, id: last.id }) : null, total: Number(totalRow?.n ?? 0) };
}

/** What the campaign form offers: the workspace's agents and mailboxes. */
export async function campaignFormOptions(db: Db) {
  const agentRows = await db
    .select({ id: agents.id, name: agents.name, isDefault: agents.isDefault })
    .from(agents)
    .orderBy(desc(agents.isDefault), asc(agents.name));
  const mailboxRows = await db
    .select({ id: mailboxes.id, fromEmail: mailboxes.fromEmail, fromName: mailboxes.fromName, kind: mailboxes.kind, status: mailboxes.status })
    .from(mailboxes)
    .orderBy(asc(mailboxes.kind), asc(mailboxes.fromEmail));
  return { agents: agentRows, mailboxes: mailboxRows };
}

/** The campaign must exist in this workspace (row-level security hides the others): 404 otherwise. */
export async function assertCampaignExists(db: Db, id: string): Promise<void> {
  const [row] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id));
  if (!row) throw notFound('Campaign');
}

/** The campaign's activity, newest first (without the chatty job and scrape progress: the progress card shows those); `before` pages back by event id. */
export async function campaignEvents(db: Db, workspaceId: string, input: { id: string; before?: number; limit: number }) {
  await assertCampaignExists(db, input.id);
  return eventFeed(db, workspaceId, { campaignId: input.id, excludeTypes: ['job.progress', 'scrape.progress', 'scrape.launched'], before: input.before, limit: input.limit });
}

/**
 * Work running for the campaign (scraping, enrichment, sending — later issues enqueue it with
 * `payload.campaignId`): everything queued or running, plus what finished in the last 24 hours.
 */
export async function campaignJobs(db: Db, workspaceId: string, id: string) {
  await assertCampaignExists(db, id);
  return db
    .select({
      id: jobs.id,
      type: jobs.type,
      state: jobs.state,
      progress: jobs.progress,
      lastError: jobs.lastError,
      lastOutcome: jobs.lastOutcome,
      outcomeReason: jobs.outcomeReason,
      runAt: jobs.runAt,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      createdAt: jobs.createdAt,
      startedAt: jobs.startedAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(
      and(
        eq(jobs.workspaceId, workspaceId),
        eq(jobs.campaignId, id),
        or(inArray(jobs.state, ['queued', 'running']), gt(jobs.finishedAt, sql`now() - interval '24 hours'`)),
      ),
    )
    .orderBy(desc(sql`${jobs.state} in ('queued', 'running')`), desc(jobs.createdAt))
    .limit(20);
}

/** The newest prospects of the campaign (the full, filterable list lives on the prospects page). */
export async function campaignProspects(db: Db, workspaceId: string, input: { id: string; limit: number }) {
  await assertCampaignExists(db, input.id);
  const rows = await queryRows<{
    id: string;
    name: string | null;
    email: string | null;
    company: string | null;
    title: string | null;
    stage: ProspectStage;
    last_contacted_at: string | Date | null;
    created_at: string | Date;
  }>(
    db,
    sql`select id, email, company, title, stage, last_contacted_at, created_at, ${prospectDisplayName} as name
        from prospects
        where workspace_id = ${workspaceId} and campaign_id = ${input.id}
        order by created_at desc nulls last, id desc nulls last
        limit ${input.limit}`,
  );
  const [total] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from prospects where workspace_id = ${workspaceId} and campaign_id = ${input.id}`,
  );
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((row) => ({
      id: row.id,
      name: row.name ?? '—',
      email: row.email,
      company: row.company,
      title: row.title,
      stage: row.stage,
      lastContactedAt: row.last_contacted_at === null ? null : new Date(row.last_contacted_at),
      createdAt: new Date(row.created_at),
    })),
  };
}
