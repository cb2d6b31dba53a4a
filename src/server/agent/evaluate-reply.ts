import type { AgentTemplate } from '../db/schema/index.js';
import type { ReplyHeaders } from './classifier-rules.js';
import { decideReply, type DecisionAgent, type ReplyDecision } from './decide.js';
import { checkDraft, type DraftCheck } from './draft-guard.js';
import { classifyReply, type ReplyClassification } from './offline-classifier.js';
import { draftOfflineReply, type DraftProspect, type DraftSender, type OfflineDraft } from './offline-drafts.js';
import { decisionReason } from './reasons.js';
import type { ReplyLanguage } from './reply-language.js';

/**
 * The one path from a reply to what the agent does, shared by the agent preview (onboarding and
 * Settings), the playground and the live pipeline, so what a user tries is what runs. This is the
 * offline path; the LLM path replaces the classification and the draft for uncertain replies and
 * goes through `decideReply` and `guardAutomaticReply` the same way.
 */
export type EvaluationAgent = DecisionAgent & {
  language: 'auto' | ReplyLanguage;
  templates: readonly AgentTemplate[];
  /** Links a draft may carry besides the booking link. */
  allowedUrls?: readonly string[];
};

export type EvaluateReplyInput = {
  message: { text: string; subject?: string; from?: string; headers?: ReplyHeaders };
  agent: EvaluationAgent;
  prospect: DraftProspect;
  /** Who answers: the mailbox's name and address, and the workspace's company. */
  sender: DraftSender & { email?: string };
  /** Our mailboxes' addresses: never a referral, allowed in a draft. */
  ownAddresses?: readonly string[];
  now: Date;
};

export type ReplyEvaluation = {
  provider: 'offline';
  classification: ReplyClassification;
  decision: ReplyDecision;
  draft: OfflineDraft | null;
  /** The guard's verdict on the draft; null when there is no draft. */
  draftCheck: DraftCheck | null;
};

/**
 * An automatic answer only leaves with a draft that passed the guard; otherwise the decision
 * becomes a review with the violations as its reason.
 */
export function guardAutomaticReply(decision: ReplyDecision, draftCheck: DraftCheck | null): ReplyDecision {
  if (decision.action !== 'auto_reply') return decision;
  if (draftCheck?.ok) return decision;
  const codes = draftCheck ? draftCheck.violations.map((violation) => violation.code).join(', ') : 'no draft';
  return { action: 'review', reasons: [...decision.reasons, decisionReason('draft_rejected', { violations: codes })], escalate: false };
}

export function evaluateReplyOffline(input: EvaluateReplyInput): ReplyEvaluation {
  const { message, agent, prospect, sender, now } = input;
  const knownAddresses = [...(input.ownAddresses ?? []), ...(sender.email ? [sender.email] : []), ...(prospect.email ? [prospect.email] : [])];
  const classification = classifyReply({
    text: message.text,
    subject: message.subject,
    from: message.from,
    headers: message.headers,
    fallbackLanguage: agent.language === 'auto' ? 'en' : agent.language,
    knownAddresses,
  });
  const decided = decideReply({
    classification,
    agent,
    replyText: message.text,
    subject: message.subject,
    now,
    knownAddresses,
  });
  const draft = draftOfflineReply({
    intent: classification.intent,
    replyLanguage: classification.language,
    replySubject: message.subject,
    agent,
    prospect,
    sender,
  });
  const draftCheck = draft
    ? checkDraft(draft, {
        bookingUrl: agent.bookingUrl,
        allowedUrls: agent.allowedUrls ?? [],
        allowedEmails: [...(input.ownAddresses ?? []), ...(sender.email ? [sender.email] : [])],
        templateTexts: agent.templates.flatMap((template) => [template.subject ?? '', template.body]),
      })
    : null;
  return { provider: 'offline', classification, decision: guardAutomaticReply(decided, draftCheck), draft, draftCheck };
}
