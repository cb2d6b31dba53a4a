import { and, eq, sql } from 'drizzle-orm';
import type { DecisionStatus } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { aiDecisions, messages, prospects, reviewItems, suppressions } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { enqueue } from '../jobs/queue.js';
import { handleBounce } from '../sending/bounces.service.js';
import { markFailed } from '../sending/message-states.js';
import { threadReplySendJob } from '../sending/thread-reply.jobs.js';
import { deferProspectSequences, stopProspectSequences } from '../sending/sequence-control.service.js';
import { queueThreadReply } from '../sending/thread-reply.service.js';
import type { AgentVerdict } from './classify-and-decide.js';
import { cancelProspectReminders } from './reminders.queries.js';

/**
 * What a decision does, in the transaction that records it. Every decision is stored (intent,
 * confidence, reason, action, provider/model) and announced as `ai.decision` for the dashboard's
 * AI activity stream and the prospect's conversation.
 */
export type ApplyInput = {
  message: typeof messages.$inferSelect;
  prospect: typeof prospects.$inferSelect;
  agent: { id: string; undoWindowSeconds: number } | null;
  verdict: AgentVerdict;
  now: Date;
  latencyMs: number;
};

export type AppliedDecision = {
  decisionId: string;
  status: DecisionStatus;
  /** The queued in-thread answer (automatic answers), due at `sendAt`. */
  replyMessageId: string | null;
  sendAt: Date | null;
  reviewItemId: string | null;
  referralProspectId: string | null;
};

type Stage = (typeof prospects.$inferSelect)['stage'];
const LATE_STAGES: Stage[] = ['meeting_booked', 'won', 'unsubscribed', 'bounced'];

async function moveStage(db: Db, prospect: ApplyInput['prospect'], to: Stage, reason: string): Promise<void> {
  if (prospect.stage === to || LATE_STAGES.includes(prospect.stage)) return;
  await db.update(prospects).set({ stage: to, stageChangedAt: new Date() }).where(eq(prospects.id, prospect.id));
  await recordEvent(db, { workspaceId: prospect.workspaceId, type: 'prospect.stage_changed', prospectId: prospect.id, campaignId: prospect.campaignId, data: { from: prospect.stage, to, reason } });
}

export async function applyDecision(db: Db, input: ApplyInput): Promise<AppliedDecision> {
  const { message, prospect, verdict, now } = input;
  const decision = verdict.decision;
  const undoMs = Math.max(0, input.agent?.undoWindowSeconds ?? 0) * 1000;
  const sendAt = decision.action === 'auto_reply' ? new Date(now.getTime() + undoMs) : null;
  const remindAt = decision.action === 'reschedule' ? decision.schedule.at : null;
  const reminds = decision.action === 'reschedule' && decision.schedule.kind === 'remind';
  // A person's new reply supersedes a reminder still waiting; an out-of-office does not.
  if (verdict.intent !== 'out_of_office') await cancelProspectReminders(db, prospect.id, verdict.intent === 'bounce' ? 'bounced' : verdict.intent === 'unsubscribe' ? 'unsubscribed' : 'replied');
  const [row] = await db
    .insert(aiDecisions)
    .values({
      workspaceId: message.workspaceId,
      messageId: message.id,
      prospectId: prospect.id,
      agentId: input.agent?.id ?? null,
      intent: verdict.intent,
      confidence: verdict.confidence,
      reason: verdict.reason.slice(0, 500),
      reasons: verdict.reasons.map((reason) => ({ code: reason.code, params: { ...reason.params }, text: reason.text })),
      escalate: decision.escalate,
      action: decision.action,
      draftSubject: verdict.draft?.subject ?? null,
      draftBody: verdict.draft?.body ?? null,
      provider: verdict.provider,
      model: verdict.model,
      status: 'applied',
      sendAt,
      remindAt,
      reminderStatus: reminds ? 'scheduled' : null,
      latencyMs: input.latencyMs,
    })
    .returning({ id: aiDecisions.id });
  if (!row) throw new Error('decision insert returned no row');
  const result: AppliedDecision = { decisionId: row.id, status: 'applied', replyMessageId: null, sendAt, reviewItemId: null, referralProspectId: null };
  const review = async () => {
    const [item] = await db.insert(reviewItems).values({ workspaceId: message.workspaceId, decisionId: row.id, prospectId: prospect.id }).returning({ id: reviewItems.id });
    result.reviewItemId = item?.id ?? null;
    result.status = 'in_review';
  };
  const resume = decision.action === 'reschedule' && decision.schedule.kind === 'resume_sequence';
  if (!resume) await stopProspectSequences(db, prospect.id, 'replied');

  switch (decision.action) {
    case 'auto_reply': {
      const queued = await queueThreadReply(db, { inboundMessageId: message.id, subject: verdict.draft?.subject, body: verdict.draft?.body ?? '', sendAt: sendAt ?? now, aiDecisionId: row.id, sentByAi: true });
      if (queued.kind === 'queued') {
        result.replyMessageId = queued.messageId;
        result.status = 'awaiting_send';
        await enqueue(db, threadReplySendJob, { messageId: queued.messageId }, { workspaceId: message.workspaceId, runAt: sendAt ?? now, dedupeKey: `thread-reply:${queued.messageId}` });
      } else if (queued.why === 'suppressed') result.status = 'send_failed';
      else await review();
      await moveStage(db, prospect, 'interested', 'ai_positive_reply');
      break;
    }
    case 'review':
      await review();
      if (verdict.intent === 'interested' || verdict.intent === 'meeting_request') await moveStage(db, prospect, 'interested', 'ai_positive_reply');
      break;
    case 'suppress': {
      const email = (message.fromEmail ?? prospect.email ?? '').toLowerCase();
      const addresses = [...new Set([email, (prospect.email ?? '').toLowerCase()].filter(Boolean))];
      for (const value of addresses) {
        await db.insert(suppressions).values({ workspaceId: message.workspaceId, kind: 'email', value, reason: 'unsubscribe', source: 'reply' }).onConflictDoNothing();
      }
      const pending = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.prospectId, prospect.id), eq(messages.direction, 'outbound'), eq(messages.state, 'scheduled')));
      for (const entry of pending) await markFailed(db, entry.id, 'Not sent: unsubscribed', { from: ['scheduled'] });
      await moveStage(db, prospect, 'unsubscribed', 'unsubscribe_reply');
      break;
    }
    case 'stop':
      await moveStage(db, prospect, 'lost', 'not_interested');
      break;
    case 'reschedule':
      if (resume) await deferProspectSequences(db, prospect.id, decision.schedule.at);
      break;
    case 'create_referral':
      result.referralProspectId = await createReferral(db, prospect, decision.referral);
      break;
    case 'bounce':
      if (prospect.email) await handleBounce(db, { email: prospect.email, kind: 'hard', diagnostic: verdict.reason, at: now });
      break;
  }
  if (result.status !== 'applied') await db.update(aiDecisions).set({ status: result.status }).where(eq(aiDecisions.id, row.id));
  await recordEvent(db, {
    workspaceId: message.workspaceId,
    type: 'ai.decision',
    prospectId: prospect.id,
    campaignId: message.campaignId,
    data: {
      decisionId: row.id,
      messageId: message.id,
      intent: verdict.intent,
      confidence: verdict.confidence,
      action: decision.action,
      reason: verdict.reason.slice(0, 300),
      reasons: verdict.reasons.map((reason) => ({ code: reason.code, params: { ...reason.params } })),
      provider: verdict.provider,
      model: verdict.model,
      status: result.status,
      sendAt: sendAt?.toISOString() ?? null,
      reviewItemId: result.reviewItemId,
      latencyMs: input.latencyMs,
    },
  });
  return result;
}

/** The referred person as a new prospect (same company), unless the address is already known. */
async function createReferral(db: Db, prospect: ApplyInput['prospect'], referral: { email: string; name: string | null }): Promise<string | null> {
  const email = referral.email.toLowerCase();
  const [existing] = await db.select({ id: prospects.id }).from(prospects).where(sql`lower(${prospects.email}) = ${email}`);
  if (existing) return existing.id;
  const [row] = await db
    .insert(prospects)
    .values({
      workspaceId: prospect.workspaceId,
      email,
      fullName: referral.name,
      company: prospect.company,
      companyDomain: prospect.companyDomain,
      source: 'manual',
      tags: ['referral'],
      customFields: { referredBy: prospect.email ?? prospect.id },
    })
    .onConflictDoNothing()
    .returning({ id: prospects.id });
  if (!row) return null;
  await recordEvent(db, { workspaceId: prospect.workspaceId, type: 'prospect.created', prospectId: row.id, data: { source: 'referral', referredBy: prospect.id } });
  return row.id;
}
