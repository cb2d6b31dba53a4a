import type { Actor } from '../actor.js';
import { and, asc, count, eq, gt, ne, sql, type SQL } from 'drizzle-orm';
import type { ProspectSource } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { queryRows } from '../db/database.js';
import { campaigns, prospects, prospectTags } from '../db/schema/index.js';
import { AppError, fieldIssue, notFound } from '../errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { assertCampaignExists } from '../campaigns/campaigns.queries.js';
import { recordEvent } from '../events/events.service.js';
import { exclusionReason, loadIcpExclusions } from '../icp/exclusions.js';
import { addToCampaign, setStage } from './prospects-bulk-move.js';
import { filterConditions, prospectColumns } from './prospects-query.js';
import { NEEDS_CONTACT } from './prospect-fields.js';
import type { BulkInput, CreateInput, ProspectView, UpdateInput } from './prospects.schemas.js';

/** Prospect rules: one person per workspace (by email, or LinkedIn URL without email), campaign in the workspace. */


export async function getProspect(db: Db, id: string): Promise<ProspectView> {
  const [row] = await db.select(prospectColumns).from(prospects).leftJoin(campaigns, eq(campaigns.id, prospects.campaignId)).where(eq(prospects.id, id));
  if (!row) throw notFound('Prospect');
  return row;
}


function duplicateError(email: string | null | undefined, linkedinUrl: string | null | undefined): AppError {
  const message = email ? `A prospect with the email ${email} already exists` : `A prospect with the LinkedIn URL ${linkedinUrl} already exists`;
  const reason = email ? { reason: 'prospect.duplicate_email' as const, params: { email } } : { reason: 'prospect.duplicate_linkedin' as const, params: { linkedinUrl: linkedinUrl ?? '' } };
  return new AppError('CONFLICT', message, { ...reason, issues: [fieldIssue([email ? 'email' : 'linkedinUrl'], 'prospect.duplicate', message)] });
}

/** The existing prospect a new email or LinkedIn URL would duplicate: the email is checked first. */
async function duplicateOf(db: Db, email: string | null | undefined, linkedinUrl: string | null | undefined, exceptId?: string): Promise<AppError> {
  if (email) {
    const others = exceptId ? and(eq(prospects.email, email), ne(prospects.id, exceptId)) : eq(prospects.email, email);
    const [same] = await db.select({ id: prospects.id }).from(prospects).where(others).limit(1);
    if (same || !linkedinUrl) return duplicateError(email, null);
  }
  return duplicateError(null, linkedinUrl);
}

/** Refuses a prospect the ICP excludes (the way the import skips it), naming the domain or company. */
async function assertNotExcluded(db: Db, prospect: { email?: string | null; companyDomain?: string | null; company?: string | null }): Promise<void> {
  const reason = exclusionReason(await loadIcpExclusions(db), prospect);
  if (!reason) return;
  if (reason.code === 'excluded_domain') {
    const message = `The domain ${reason.domain} is excluded by your ICP`;
    throw new AppError('UNPROCESSABLE_CONTENT', message, { reason: 'prospect.excluded_domain', params: { domain: reason.domain }, issues: [fieldIssue([prospect.email ? 'email' : 'companyDomain'], 'prospect.excluded', message)] });
  }
  const message = `The company ${reason.company} is excluded by your ICP`;
  throw new AppError('UNPROCESSABLE_CONTENT', message, { reason: 'prospect.excluded_company', params: { company: reason.company }, issues: [fieldIssue(['company'], 'prospect.excluded', message)] });
}

export async function createProspect(db: Db, actor: Actor, input: CreateInput, source: ProspectSource): Promise<ProspectView> {
  if (input.campaignId) await assertCampaignExists(db, input.campaignId);
  await assertNotExcluded(db, input);
  const [row] = await db
    .insert(prospects)
    .values({
      workspaceId: actor.workspaceId,
      email: input.email ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      fullName: input.fullName ?? null,
      linkedinUrl: input.linkedinUrl ?? null,
      title: input.title ?? null,
      company: input.company ?? null,
      companyDomain: input.companyDomain ?? null,
      industry: input.industry ?? null,
      location: input.location ?? null,
      timezone: input.timezone ?? null,
      tags: input.tags ?? [],
      customFields: input.customFields ?? {},
      campaignId: input.campaignId ?? null,
      stage: input.stage ?? 'new',
      source: source,
      createdBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning({ id: prospects.id });
  if (!row) throw await duplicateOf(db, input.email, input.linkedinUrl);
  await recordEvent(db, {
    workspaceId: actor.workspaceId,
    type: 'prospect.created',
    actorUserId: actor.userId,
    prospectId: row.id,
    campaignId: input.campaignId ?? null,
    data: { source: source },
  });
  return getProspect(db, row.id);
}

export async function updateProspect(db: Db, actor: Actor, input: UpdateInput): Promise<ProspectView> {
  const { id, ...changes } = input;
  const [current] = await db.select({ email: prospects.email, linkedinUrl: prospects.linkedinUrl }).from(prospects).where(eq(prospects.id, id)).for('update');
  if (!current) throw notFound('Prospect');
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<typeof prospects.$inferInsert>;
  const email = set.email !== undefined ? set.email : current.email;
  const linkedinUrl = set.linkedinUrl !== undefined ? set.linkedinUrl : current.linkedinUrl;
  if (!email && !linkedinUrl) throw new AppError('BAD_REQUEST', NEEDS_CONTACT, { reason: 'prospect.needs_contact', issues: [fieldIssue(['email'], 'prospect.needs_contact', NEEDS_CONTACT)] });
  if (set.campaignId) await assertCampaignExists(db, set.campaignId);
  if (Object.keys(set).length === 0) return getProspect(db, id);
  // A savepoint, so a duplicate email becomes a clean 409 instead of an aborted transaction.
  try {
    await db.transaction((tx) => tx.update(prospects).set(set).where(eq(prospects.id, id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw await duplicateOf(db, email, linkedinUrl, id);
    throw error;
  }
  await recordEvent(db, {
    workspaceId: actor.workspaceId,
    type: 'prospect.updated',
    actorUserId: actor.userId,
    prospectId: id,
    data: { fields: Object.keys(set) },
  });
  return getProspect(db, id);
}

/**
 * Tag, untag, delete, add to a campaign or set the stage, by ids or by filter ("all matching": the filter is applied here, never a
 * list of 100k ids). Deleting takes the prospect's messages with it (erasure-friendly).
 */
/**
 * Deleting many prospects at once is for admins (as deleting a campaign is), and deletes exactly
 * what the user confirmed: when the selection now matches another number, nothing is deleted.
 */
async function assertMayBulkDelete(db: Db, actor: Actor, where: SQL | undefined, expectedCount: number | undefined): Promise<void> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only workspace admins can delete prospects in bulk', { reason: 'auth.admin_only' });
  if (expectedCount === undefined) return;
  const [row] = await db.select({ n: count() }).from(prospects).where(where);
  const actual = Number(row?.n ?? 0);
  if (actual !== expectedCount) {
    throw new AppError('CONFLICT', `The selection now matches ${actual} prospects, not the ${expectedCount} confirmed: nothing was deleted`, {
      reason: 'prospect.bulk_count_changed',
      params: { expected: expectedCount, actual },
    });
  }
}

export async function bulkUpdate(db: Db, actor: Actor, input: BulkInput): Promise<{ affected: number }> {
  const conditions = filterConditions(actor.workspaceId, { ...(input.filter ?? {}), ...(input.ids ? { ids: input.ids } : {}) });
  const where = and(...conditions);
  let affected: number;
  let deletedIds: string[] = [];
  if (input.action === 'add_to_campaign') {
    affected = await addToCampaign(db, where, input.campaignId!);
  } else if (input.action === 'set_stage') {
    affected = await setStage(db, where, input.stage!);
  } else if (input.action === 'delete') {
    await assertMayBulkDelete(db, actor, where, input.expectedCount);
    deletedIds = (await db.delete(prospects).where(where).returning({ id: prospects.id })).map((row) => row.id);
    affected = deletedIds.length;
  } else {
    const tag = input.tag!;
    const hasTag = sql`${prospects.tags} @> array[${tag}]::text[]`;
    // Only the rows whose tags actually change are written, and counted.
    const [newTags, rowsToChange] =
      input.action === 'tag' ? [sql`array_append(${prospects.tags}, ${tag})`, sql`not ${hasTag}`] : [sql`array_remove(${prospects.tags}, ${tag})`, hasTag];
    // Counted in SQL: a filtered bulk action may touch 100k rows, whose ids need not come back.
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with changed as (update ${prospects} set tags = ${newTags}, updated_at = now() where ${where} and ${rowsToChange} returning 1)
          select count(*)::int as n from changed`,
    );
    affected = Number(row?.n ?? 0);
  }
  await recordEvent(db, {
    workspaceId: actor.workspaceId,
    type: input.action === 'delete' ? 'prospect.deleted' : 'prospects.bulk_updated',
    actorUserId: actor.userId,
    data: {
      action: input.action,
      affected,
      by: input.ids ? 'ids' : 'filter',
      ...(input.tag ? { tag: input.tag } : {}),
      ...(input.action === 'add_to_campaign' ? { campaignId: input.campaignId } : {}),
      ...(input.action === 'set_stage' ? { stage: input.stage } : {}),
      // Ids only while the event stays small; a filtered delete of 100k rows records the count.
      ...(deletedIds.length && deletedIds.length <= 100 ? { ids: deletedIds } : {}),
    },
  });
  return { affected };
}

/**
 * Every tag in use, for the filter select: read from `prospect_tags`, which triggers on `prospects`
 * keep current on every write (create, edit, import, bulk tag/untag, delete), so no prospect is scanned.
 */
export async function listTags(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ tag: prospectTags.tag })
    .from(prospectTags)
    .where(and(eq(prospectTags.workspaceId, workspaceId), gt(prospectTags.prospects, 0)))
    .orderBy(asc(prospectTags.tag))
    .limit(500);
  return rows.map((row) => row.tag);
}

export async function campaignOptions(db: Db) {
  return db.select({ id: campaigns.id, name: campaigns.name, status: campaigns.status }).from(campaigns).orderBy(asc(campaigns.name)).limit(500);
}
