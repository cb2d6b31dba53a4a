import { asc, eq } from 'drizzle-orm';
import { CONFIDENCE_DEFAULT } from '../../shared/agent-rules.js';
import type { ReplyAction } from '../agent/decide.js';
import { agentProfile } from '../agent/agent-profile.js';
import { classifyAndDecide, type AgentProfile, type AgentVerdict, type ReplyModel } from '../agent/classify-and-decide.js';
import { loadReplyModel } from '../agent/reply-model.js';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { agents, mailboxes, workspaces } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import type { PreviewAgent, SampleReply } from './sample-reply.js';

/**
 * The playground and the editor's preview, on the live pipeline's classify-and-decide (with the
 * workspace's model when one is configured): what they show is what a real reply would get.
 * Nothing here sends anything.
 */
export type VerdictDeps = { inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>; config: Config; secretBox: SecretBox };

export type PlaygroundInput = { id: string; subject?: string; text: string; headers?: Record<string, string> };
export type PlaygroundResult = {
  intent: AgentVerdict['intent'];
  confidence: number;
  reason: string;
  action: ReplyAction;
  draft?: { subject: string; body: string };
  reasons: { code: string; params: Record<string, string>; text: string }[];
  provider: 'offline' | 'llm';
  model: string | null;
  /** True when a real reply like this one would be answered with no person involved. */
  sendsAutomatically: boolean;
};

async function senderOf(db: Db, workspaceId: string, userName: string) {
  const [workspace] = await db.select({ name: workspaces.name, companyName: workspaces.companyName }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const boxes = await db.select({ fromName: mailboxes.fromName, fromEmail: mailboxes.fromEmail, kind: mailboxes.kind }).from(mailboxes).orderBy(asc(mailboxes.createdAt));
  const mailbox = boxes.find((box) => box.kind !== 'sandbox') ?? boxes[0];
  return { sender: { name: mailbox?.fromName || userName, company: workspace?.companyName || workspace?.name || '', email: mailbox?.fromEmail }, ownAddresses: boxes.map((box) => box.fromEmail) };
}

export async function classifyWithAgent(deps: VerdictDeps, caller: { workspaceId: string; userName: string }, input: PlaygroundInput): Promise<PlaygroundResult> {
  const loaded = await deps.inWorkspace(async (db) => {
    const [row] = await db.select().from(agents).where(eq(agents.id, input.id));
    if (!row) throw notFound('Agent');
    return { profile: agentProfile(row), model: await loadReplyModel(db, deps), ...(await senderOf(db, caller.workspaceId, caller.userName)) };
  });
  // No transaction is open while the model thinks.
  const verdict = await classifyAndDecide({
    message: { text: input.text, subject: input.subject, headers: input.headers },
    agent: loaded.profile,
    prospect: { firstName: null, lastName: null, email: null },
    sender: loaded.sender,
    ownAddresses: loaded.ownAddresses,
    now: new Date(),
    model: loaded.model,
  });
  const answered = verdict.action === 'auto_reply' || verdict.action === 'review';
  return {
    intent: verdict.intent,
    confidence: verdict.confidence,
    reason: verdict.reason,
    action: verdict.action,
    ...(answered && verdict.draft ? { draft: verdict.draft } : {}),
    reasons: verdict.reasons.map((reason) => ({ code: reason.code, params: { ...reason.params }, text: reason.text })),
    provider: verdict.provider,
    model: verdict.model,
    sendsAutomatically: verdict.action === 'auto_reply',
  };
}

export type PreviewVerdict = Pick<SampleReply, 'decision' | 'matched' | 'intent' | 'confidence'> & { action: ReplyAction; reason: string; provider: 'offline' | 'llm'; draft: { subject: string; body: string } | null };

function previewProfile(agent: PreviewAgent): AgentProfile {
  return {
    name: 'Agent',
    personality: agent.personality,
    tone: agent.tone ?? '',
    style: '',
    language: agent.language,
    templates: agent.templates ?? [],
    bookingUrl: agent.bookingUrl ?? null,
    confidenceThreshold: agent.confidenceThreshold ?? CONFIDENCE_DEFAULT,
    autoSend: agent.autoSend ?? true,
    escalationWords: agent.escalationWords ?? [],
    forbiddenTopics: agent.forbiddenTopics ?? [],
  };
}

/** The preview's verdict on its sample message, from the same function as a live reply. */
export async function previewVerdict(sample: SampleReply, agent: PreviewAgent, context: { model: ReplyModel | null; senderName: string; senderCompany: string }): Promise<PreviewVerdict> {
  const [firstName, ...rest] = sample.inbound.fromName.split(' ');
  const verdict = await classifyAndDecide({
    message: { text: sample.inbound.body, subject: sample.inbound.subject, from: sample.inbound.fromEmail },
    agent: previewProfile(agent),
    prospect: { firstName: firstName ?? null, lastName: rest.join(' ') || null, email: sample.inbound.fromEmail, company: sample.inbound.company },
    sender: { name: context.senderName, company: context.senderCompany },
    now: new Date(),
    model: context.model,
  });
  const codes = verdict.reasons.map((reason) => reason.code);
  const param = (code: string, name: string) => verdict.reasons.find((reason) => reason.code === code)?.params[name] ?? null;
  let decision: SampleReply['decision'] = 'no_answer';
  let matched: string | null = null;
  if (verdict.action === 'auto_reply') decision = 'auto_send';
  else if (verdict.action === 'review') {
    if (codes.includes('escalation_word')) [decision, matched] = ['review_escalation', param('escalation_word', 'word')];
    else if (codes.includes('forbidden_topic')) [decision, matched] = ['review_forbidden_topic', param('forbidden_topic', 'topic')];
    else if (codes.includes('auto_send_off')) decision = 'review_autosend_off';
    else if (codes.includes('not_certain_offline') || codes.includes('model_unavailable')) decision = 'review_offline';
    else decision = 'review_low_confidence';
  }
  return { decision, matched, intent: verdict.intent, confidence: verdict.confidence, action: verdict.action, reason: verdict.reason, provider: verdict.provider, draft: verdict.draft };
}

export { loadReplyModel };
