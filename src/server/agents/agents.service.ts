import { and, asc, count, desc, eq, ne } from 'drizzle-orm';
import type { UiLanguage } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { agents, campaigns, workspaces } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import type { AgentView, CreateAgentInput, PreviewReplyInput, UpdateAgentInput } from './agents.schemas.js';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { loadReplyModel, previewVerdict } from './agent-verdict.service.js';
import { buildSampleReply, type SampleReply } from './sample-reply.js';

/** More would not help anyone choose; it also bounds what one workspace can store. */
export const MAX_AGENTS_PER_WORKSPACE = 50;

type AgentRow = typeof agents.$inferSelect;

function present(row: AgentRow, campaignCount: number): AgentView {
  return {
    id: row.id,
    name: row.name,
    personality: row.personality,
    tone: row.tone,
    style: row.style,
    language: row.language,
    templates: row.templates,
    bookingUrl: row.bookingUrl,
    // `real` is single precision: 0.8 comes back as 0.800000011920929.
    confidenceThreshold: Math.round(row.confidenceThreshold * 1000) / 1000,
    autoSend: row.autoSend,
    undoWindowSeconds: row.undoWindowSeconds,
    forbiddenTopics: row.forbiddenTopics,
    escalationWords: row.escalationWords,
    isDefault: row.isDefault,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    campaignCount,
  };
}

async function campaignCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ agentId: campaigns.agentId, n: count() }).from(campaigns).groupBy(campaigns.agentId);
  return new Map(rows.filter((row) => row.agentId).map((row) => [row.agentId!, Number(row.n)]));
}

/** The workspace's agents, the default first. */
export async function listAgents(db: Db): Promise<AgentView[]> {
  const rows = await db.select().from(agents).orderBy(desc(agents.isDefault), asc(agents.createdAt), asc(agents.id));
  const counts = await campaignCounts(db);
  return rows.map((row) => present(row, counts.get(row.id) ?? 0));
}

export async function getAgent(db: Db, id: string): Promise<AgentView> {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  if (!row) throw notFound('Agent');
  const [used] = await db.select({ n: count() }).from(campaigns).where(eq(campaigns.agentId, id));
  return present(row, Number(used?.n ?? 0));
}

/** The agent a campaign without its own agent uses. Every workspace has exactly one. */
export async function getDefaultAgent(db: Db): Promise<AgentRow> {
  const [row] = await db.select().from(agents).where(eq(agents.isDefault, true));
  if (!row) throw new AppError('CONFLICT', 'This workspace has no default agent: create one', { reason: 'agent.no_default' });
  return row;
}

/**
 * Moves the default flag to `id`. The partial unique index allows one default per workspace, so
 * the old one is cleared first; both statements share the caller's transaction.
 */
async function makeDefault(db: Db, id: string): Promise<void> {
  await db.update(agents).set({ isDefault: false }).where(and(eq(agents.isDefault, true), ne(agents.id, id)));
  await db.update(agents).set({ isDefault: true }).where(eq(agents.id, id));
}

export async function createAgent(db: Db, workspaceId: string, input: CreateAgentInput): Promise<AgentView> {
  const [total] = await db.select({ n: count() }).from(agents);
  if (Number(total?.n ?? 0) >= MAX_AGENTS_PER_WORKSPACE) {
    throw new AppError('CONFLICT', `A workspace can have at most ${MAX_AGENTS_PER_WORKSPACE} agents: delete one first`, { reason: 'agent.limit', params: { max: MAX_AGENTS_PER_WORKSPACE } });
  }
  const { isDefault, ...fields } = input;
  const [row] = await db
    .insert(agents)
    .values({ ...fields, workspaceId, isDefault: false })
    .returning({ id: agents.id });
  if (!row) throw new Error('agent insert returned no row');
  // The first agent of a workspace that somehow has none becomes the default too.
  const [current] = await db.select({ id: agents.id }).from(agents).where(eq(agents.isDefault, true));
  if (isDefault || !current) await makeDefault(db, row.id);
  return getAgent(db, row.id);
}

export async function updateAgent(db: Db, input: UpdateAgentInput): Promise<AgentView> {
  const { id, isDefault, ...fields } = input;
  const [existing] = await db.select({ id: agents.id, isDefault: agents.isDefault }).from(agents).where(eq(agents.id, id));
  if (!existing) throw notFound('Agent');
  if (isDefault === false && existing.isDefault) {
    throw new AppError('CONFLICT', 'A workspace always has one default agent: make another agent the default instead', { reason: 'agent.default_required' });
  }
  if (Object.keys(fields).length) await db.update(agents).set(fields).where(eq(agents.id, id));
  if (isDefault && !existing.isDefault) await makeDefault(db, id);
  return getAgent(db, id);
}

/**
 * Deletes an agent. The default agent stays (409). Campaigns that used the agent switch to the
 * default agent rather than being left without one, so their replies keep being handled.
 */
export async function deleteAgent(db: Db, id: string): Promise<{ reassignedCampaigns: number }> {
  const [existing] = await db.select({ id: agents.id, isDefault: agents.isDefault }).from(agents).where(eq(agents.id, id));
  if (!existing) throw notFound('Agent');
  if (existing.isDefault) throw new AppError('CONFLICT', 'The default agent cannot be deleted: make another agent the default first', { reason: 'agent.default_undeletable' });
  const fallback = await getDefaultAgent(db);
  const moved = await db.update(campaigns).set({ agentId: fallback.id }).where(eq(campaigns.agentId, id)).returning({ id: campaigns.id });
  await db.delete(agents).where(eq(agents.id, id));
  return { reassignedCampaigns: moved.length };
}

/**
 * The editor's offline sample reply, signed by the caller for the workspace's company. An `auto`
 * agent with no sample message to detect the language from speaks the caller's language, else
 * the workspace's.
 */
export async function previewAgentReply(
  deps: { inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>; config: Config; secretBox: SecretBox },
  input: PreviewReplyInput,
  caller: { workspace: { id: string; name: string }; user: { name: string; language: UiLanguage | null } },
): Promise<SampleReply> {
  const { workspace, model } = await deps.inWorkspace(async (db) => {
    const [row] = await db
      .select({ name: workspaces.name, companyName: workspaces.companyName, language: workspaces.language })
      .from(workspaces)
      .where(eq(workspaces.id, caller.workspace.id));
    return { workspace: row, model: await loadReplyModel(db, deps) };
  });
  const senderCompany = workspace?.companyName || workspace?.name || caller.workspace.name;
  const sample = buildSampleReply(input.agent, {
    sampleInbound: input.sampleInbound,
    fallbackLanguage: input.fallbackLanguage ?? caller.user.language ?? workspace?.language ?? 'en',
    senderName: caller.user.name,
    senderCompany,
  });
  // What happens to it is decided by the live pipeline's function, not by the sample's own guess.
  const verdict = await previewVerdict(sample, input.agent, { model, senderName: caller.user.name, senderCompany });
  const reply = verdict.decision === 'no_answer' ? { subject: '', body: '' } : verdict.provider === 'llm' && verdict.draft ? verdict.draft : sample.reply;
  return {
    ...sample,
    offline: verdict.provider === 'offline',
    intent: verdict.intent,
    confidence: verdict.confidence,
    decision: verdict.decision,
    matched: verdict.matched,
    action: verdict.action,
    reason: verdict.reason,
    reply,
  };
}
