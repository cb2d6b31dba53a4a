import type { Actor } from '../actor.js';
import { and, eq, inArray } from 'drizzle-orm';
import type { CampaignStatus } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { agents, campaignMailboxes, campaigns, mailboxes, messages } from '../db/schema/index.js';
import { AppError, fieldIssue, notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { launchCampaign, type PreflightOptions } from '../sending/enrolment.service.js';
import { hasSentMail } from './campaign-counters.js';
import { assertTransition, transitionTimestamps } from './campaign-status.js';
import { getCampaign } from './campaigns.queries.js';
import type { CampaignView, CreateCampaignInput, UpdateCampaignInput } from './campaigns.schemas.js';


/** An unknown (or another workspace's) agent or mailbox is bad input on that field, not a 404. */
async function checkReferences(db: Db, input: { agentId?: string | null; mailboxIds?: string[] }): Promise<void> {
  if (input.agentId) {
    const [agent] = await db.select({ id: agents.id }).from(agents).where(eq(agents.id, input.agentId));
    if (!agent) throw new AppError('BAD_REQUEST', 'agentId: Unknown agent', { reason: 'input.invalid', issues: [fieldIssue(['agentId'], 'agent.unknown', 'Unknown agent')] });
  }
  if (input.mailboxIds?.length) {
    const found = await db.select({ id: mailboxes.id }).from(mailboxes).where(inArray(mailboxes.id, input.mailboxIds));
    if (found.length !== input.mailboxIds.length) {
      throw new AppError('BAD_REQUEST', 'mailboxIds: Unknown mailbox', { reason: 'input.invalid', issues: [fieldIssue(['mailboxIds'], 'mailbox.unknown', 'Unknown mailbox')] });
    }
  }
}

async function defaultAgentId(db: Db): Promise<string | null> {
  const [agent] = await db.select({ id: agents.id }).from(agents).where(eq(agents.isDefault, true));
  return agent?.id ?? null;
}

async function sandboxMailboxIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.kind, 'sandbox'));
  return rows.map((row) => row.id);
}

async function replaceMailboxes(db: Db, workspaceId: string, campaignId: string, mailboxIds: string[]): Promise<void> {
  await db.delete(campaignMailboxes).where(eq(campaignMailboxes.campaignId, campaignId));
  if (mailboxIds.length) await db.insert(campaignMailboxes).values(mailboxIds.map((mailboxId) => ({ workspaceId, campaignId, mailboxId })));
}

export async function createCampaign(db: Db, actor: Actor, input: CreateCampaignInput): Promise<CampaignView> {
  await checkReferences(db, input);
  const agentId = input.agentId === undefined ? await defaultAgentId(db) : input.agentId;
  const mailboxIds = input.mailboxIds ?? (await sandboxMailboxIds(db));
  const [row] = await db
    .insert(campaigns)
    .values({
      workspaceId: actor.workspaceId,
      name: input.name,
      description: input.description,
      agentId,
      createdBy: actor.userId,
      timezone: input.timezone,
      sendWindowStart: input.sendWindowStart,
      sendWindowEnd: input.sendWindowEnd,
      sendDays: input.sendDays,
      dailyLimit: input.dailyLimit,
      stopOnReply: input.stopOnReply,
      trackOpens: input.trackOpens,
      trackClicks: input.trackClicks,
    })
    .returning({ id: campaigns.id });
  if (!row) throw new Error('campaign insert returned no row');
  await replaceMailboxes(db, actor.workspaceId, row.id, mailboxIds);
  await recordEvent(db, {
    workspaceId: actor.workspaceId,
    type: 'campaign.created',
    actorUserId: actor.userId,
    campaignId: row.id,
    data: { name: input.name },
  });
  return getCampaign(db, actor.workspaceId, row.id);
}

async function lockCampaign(db: Db, id: string) {
  const [current] = await db.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
  if (!current) throw notFound('Campaign');
  return current;
}

/** Moves a campaign along the status machine (409 on an illegal move) and records the change. */
async function changeStatus(
  db: Db,
  actor: Actor,
  current: { id: string; status: CampaignStatus; startedAt: Date | null },
  to: CampaignStatus,
  reason?: string,
  launchOptions: PreflightOptions = {},
): Promise<void> {
  if (current.status === to) return;
  assertTransition(current.status, to);
  // Launching (or resuming) runs the preflight (409 listing what is missing) and enrols the prospects.
  const launch = to === 'active' ? await launchCampaign(db, current.id, new Date(), launchOptions) : null;
  await db
    .update(campaigns)
    .set({ status: to, ...transitionTimestamps(to, current, new Date()) })
    .where(eq(campaigns.id, current.id));
  await recordEvent(db, {
    workspaceId: actor.workspaceId,
    type: 'campaign.status_changed',
    actorUserId: actor.userId,
    campaignId: current.id,
    data: { from: current.status, to, ...(reason ? { reason } : {}), ...(launch ? { enrolled: launch.enrolled } : {}) },
  });
}

export async function updateCampaign(db: Db, actor: Actor, input: UpdateCampaignInput, launchOptions: PreflightOptions = {}): Promise<CampaignView> {
  const current = await lockCampaign(db, input.id);
  const { id, status, mailboxIds, linkedinSearch, ...fields } = input;
  // Only the fields the caller sent (undefined = leave as is; null is a real value, e.g. no agent).
  const patch: Partial<typeof campaigns.$inferInsert> = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (linkedinSearch !== undefined) {
    patch.phantombusterAgentId = linkedinSearch?.agentId ?? null;
    patch.linkedinSearchUrl = linkedinSearch?.searchUrl ?? null;
    if (linkedinSearch) patch.linkedinMaxProfiles = linkedinSearch.maxProfiles;
  }
  const changedFields = Object.keys(patch);
  if (current.status === 'archived' && (changedFields.length > 0 || mailboxIds !== undefined)) {
    throw new AppError('CONFLICT', 'This campaign is archived: it can no longer be edited', { reason: 'campaign.archived_readonly' });
  }
  await checkReferences(db, { agentId: fields.agentId, mailboxIds });
  const start = fields.sendWindowStart ?? current.sendWindowStart;
  const end = fields.sendWindowEnd ?? current.sendWindowEnd;
  if (start >= end) {
    throw new AppError('BAD_REQUEST', 'sendWindowEnd: The window must end after it starts', {
      reason: 'input.invalid',
      issues: [fieldIssue(['sendWindowEnd'], 'window.end_before_start', 'The window must end after it starts')],
    });
  }
  if (changedFields.length > 0) await db.update(campaigns).set(patch).where(eq(campaigns.id, id));
  if (mailboxIds !== undefined) await replaceMailboxes(db, actor.workspaceId, id, mailboxIds);
  if (changedFields.length > 0 || mailboxIds !== undefined) {
    await recordEvent(db, {
      workspaceId: actor.workspaceId,
      type: 'campaign.updated',
      actorUserId: actor.userId,
      campaignId: id,
      data: { fields: [...changedFields, ...(mailboxIds !== undefined ? ['mailboxIds'] : [])] },
    });
  }
  if (status !== undefined) await changeStatus(db, actor, current, status, undefined, launchOptions);
  return getCampaign(db, actor.workspaceId, id);
}

/**
 * Deletes a campaign — unless it has sent mail (or received replies): then it is archived
 * instead, so the conversation history and the numbers survive. An active campaign is paused
 * first (when `pauseFirst`, as the UI's "Pause and delete" asks), or refused, so nothing is cut
 * off mid-send.
 */
export async function deleteCampaign(db: Db, actor: Actor, id: string, options: { pauseFirst?: boolean } = {}): Promise<{ deleted: boolean; archived: boolean }> {
  const current = await lockCampaign(db, id);
  if (current.status === 'active') {
    if (!options.pauseFirst) throw new AppError('CONFLICT', 'Pause this campaign before deleting it', { reason: 'campaign.pause_before_delete' });
    await changeStatus(db, actor, current, 'paused', 'paused_to_delete');
    current.status = 'paused';
  }
  if (await hasSentMail(db, actor.workspaceId, id)) {
    if (current.status !== 'archived') await changeStatus(db, actor, current, 'archived', 'deleted_with_history');
    return { deleted: false, archived: true };
  }
  // Mail that was only scheduled never left: drop it rather than leave it orphaned and sendable.
  await db
    .delete(messages)
    .where(and(eq(messages.campaignId, id), eq(messages.direction, 'outbound'), inArray(messages.state, ['scheduled', 'failed'])));
  await db.delete(campaigns).where(eq(campaigns.id, id));
  await recordEvent(db, {
    workspaceId: actor.workspaceId,
    type: 'campaign.deleted',
    actorUserId: actor.userId,
    campaignId: id,
    data: { name: current.name },
  });
  return { deleted: true, archived: false };
}

/**
 * Brings an archived campaign back where it was before archiving: `completed` if it had run
 * out, `paused` if it was ever launched (resuming stays a separate, deliberate step), else `draft`.
 */
export async function restoreCampaign(db: Db, actor: Actor, id: string): Promise<CampaignView> {
  const current = await lockCampaign(db, id);
  if (current.status !== 'archived') throw new AppError('CONFLICT', 'Only an archived campaign can be restored', { reason: 'campaign.not_archived' });
  const to: CampaignStatus = current.completedAt ? 'completed' : current.startedAt ? 'paused' : 'draft';
  await db.update(campaigns).set({ status: to, archivedAt: null }).where(eq(campaigns.id, id));
  await recordEvent(db, {
    workspaceId: actor.workspaceId,
    type: 'campaign.status_changed',
    actorUserId: actor.userId,
    campaignId: id,
    data: { from: 'archived', to, reason: 'restored' },
  });
  return getCampaign(db, actor.workspaceId, id);
}
