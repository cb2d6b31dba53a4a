import { and, asc, eq, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { agents, aiDecisions, campaigns, mailboxes, messages, prospects, workspaces } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import { agentProfile } from './agent-profile.js';
import { classifyAndDecide, type AgentVerdict, type ReplyModel } from './classify-and-decide.js';
import { applyDecision, type AppliedDecision } from './decision-actions.js';
import { loadReplyModel } from './reply-model.js';

/**
 * The live pipeline's decision for one stored reply: load (one transaction) → classify and
 * decide (no transaction open: the model may take seconds) → record and act (one transaction,
 * the message row locked, so a reply is decided once even if two workers run the job).
 */
export type DecideDeps = {
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  config: Config;
  secretBox: SecretBox;
  logger: Logger;
  /** Replaces the workspace's configured model (benches, tests); `null` = offline only. */
  model?: ReplyModel | null;
  now?: () => Date;
};

export type DecideResult = { kind: 'decided'; decisionId: string; verdict: AgentVerdict; applied: AppliedDecision } | { kind: 'already_decided'; decisionId: string } | { kind: 'not_found' };

/** The campaign's agent, else the workspace's default one (or its oldest), else none. */
export async function agentForCampaign(db: Db, campaignId: string | null) {
  const [campaign] = campaignId ? await db.select({ agentId: campaigns.agentId }).from(campaigns).where(eq(campaigns.id, campaignId)) : [];
  const [chosen] = campaign?.agentId ? await db.select().from(agents).where(eq(agents.id, campaign.agentId)) : [];
  const [fallback] = chosen ? [] : await db.select().from(agents).orderBy(sql`${agents.isDefault} desc`, asc(agents.createdAt)).limit(1);
  return chosen ?? fallback ?? null;
}

/** What classify-and-decide needs of an agent row; a cautious stand-in when the workspace has none. */
export function profileOrDefault(agent: Awaited<ReturnType<typeof agentForCampaign>>) {
  return agent
    ? agentProfile(agent)
    : agentProfile({ name: 'Agent', personality: 'consultative', tone: 'warm and concise', style: '', language: 'auto', templates: [], bookingUrl: null, confidenceThreshold: 0.8, autoSend: false, escalationWords: [], forbiddenTopics: [] });
}

type Context = NonNullable<Awaited<ReturnType<typeof loadContext>>>;

async function loadContext(db: Db, messageId: string, deps: DecideDeps) {
  const [message] = await db.select().from(messages).where(and(eq(messages.id, messageId), eq(messages.direction, 'inbound')));
  if (!message) return null;
  const [existing] = await db.select({ id: aiDecisions.id }).from(aiDecisions).where(eq(aiDecisions.messageId, messageId)).limit(1);
  const [prospect] = await db.select().from(prospects).where(eq(prospects.id, message.prospectId));
  if (!prospect) return null;
  const agent = await agentForCampaign(db, message.campaignId);
  const [mailbox] = message.mailboxId ? await db.select().from(mailboxes).where(eq(mailboxes.id, message.mailboxId)) : [];
  const [workspace] = await db.select({ name: workspaces.name, companyName: workspaces.companyName }).from(workspaces).where(eq(workspaces.id, message.workspaceId));
  const own = await db.select({ email: mailboxes.fromEmail }).from(mailboxes);
  const model = deps.model !== undefined ? deps.model : await loadReplyModel(db, deps);
  return { message, existing: existing?.id ?? null, prospect, agent, mailbox: mailbox ?? null, workspace, ownAddresses: own.map((row) => row.email), model };
}

export async function decideInboundMessage(deps: DecideDeps, messageId: string): Promise<DecideResult> {
  const context = await deps.inWorkspace((db) => loadContext(db, messageId, deps));
  if (!context) return { kind: 'not_found' };
  if (context.existing) return { kind: 'already_decided', decisionId: context.existing };
  const verdict = await evaluate(context, deps);
  const now = deps.now?.() ?? new Date();
  return deps.inWorkspace(async (db) => {
    await db.execute(sql`select id from messages where id = ${messageId} for update`);
    const [again] = await db.select({ id: aiDecisions.id }).from(aiDecisions).where(eq(aiDecisions.messageId, messageId)).limit(1);
    if (again) return { kind: 'already_decided' as const, decisionId: again.id };
    const arrived = context.message.receivedAt ?? context.message.createdAt;
    const applied = await applyDecision(db, {
      message: context.message,
      prospect: context.prospect,
      agent: context.agent ? { id: context.agent.id, undoWindowSeconds: context.agent.undoWindowSeconds } : null,
      verdict,
      now,
      latencyMs: Math.max(0, now.getTime() - arrived.getTime()),
    });
    return { kind: 'decided' as const, decisionId: applied.decisionId, verdict, applied };
  });
}

async function evaluate(context: Context, deps: DecideDeps): Promise<AgentVerdict> {
  const { message, prospect, agent, mailbox, workspace } = context;
  const profile = profileOrDefault(agent);
  try {
    return await classifyAndDecide({
      message: { text: message.bodyText, subject: message.subject, from: message.fromEmail ?? undefined },
      agent: profile,
      prospect: { id: prospect.id, firstName: prospect.firstName, lastName: prospect.lastName, email: prospect.email, company: prospect.company, title: prospect.title },
      // In a thread Instantly carries, its sending account is who answers (and an address the draft may name).
      sender: { name: mailbox?.fromName ?? '', company: workspace?.companyName || workspace?.name || '', email: mailbox?.fromEmail ?? message.instantlyAccount ?? undefined },
      ownAddresses: context.ownAddresses,
      now: deps.now?.() ?? new Date(),
      model: context.model,
    });
  } catch (error) {
    deps.logger.error({ err: error, messageId: message.id }, 'reply classification failed');
    throw error;
  }
}
