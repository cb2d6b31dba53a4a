import { prefillBookingLink } from './booking-link.js';
import { decideReply, type ReplyAction, type ReplyDecision } from './decide.js';
import { checkDraft, type DraftCheck } from './draft-guard.js';
import { evaluateReplyOffline, guardAutomaticReply, type EvaluateReplyInput, type EvaluationAgent } from './evaluate-reply.js';
import type { ReplyIntent } from './intents.js';
import { buildReplyMessages, parseReplyVerdict, type LlmReplyVerdict } from './llm-reply.js';
import type { ReplyClassification } from './offline-classifier.js';
import { decisionReason, type DecisionReasonCode, type Reason } from './reasons.js';

/**
 * THE classify-and-decide function: the agent previews (onboarding, Settings), the playground and
 * the live pipeline all call this, so what a user tries is what runs.
 *
 * 1. The offline classifier reads the reply; when it is certain (delivery failure, automatic
 *    reply, plain opt-out) its decision stands and no model is called.
 * 2. Otherwise, with a model configured, the LLM classifies and drafts (structured output, zod
 *    validated); `decideReply` turns that into an action and the draft guard checks the draft.
 * 3. With no model (or a model that fails), the offline reading is kept and anything it is not
 *    certain of goes to review with its template draft.
 */
export type ReplyModel = {
  model: string;
  /** One structured completion: returns the message content (JSON text). */
  complete(messages: { role: 'system' | 'user'; content: string }[]): Promise<string>;
};

export type AgentProfile = EvaluationAgent & { name: string; personality: string; tone: string; style: string };

export type ClassifyAndDecideInput = Omit<EvaluateReplyInput, 'agent'> & { agent: AgentProfile; model?: ReplyModel | null };

export type AgentVerdict = {
  provider: 'offline' | 'llm';
  model: string | null;
  intent: ReplyIntent;
  confidence: number;
  /** The one-line reason: why this intent. */
  reason: string;
  action: ReplyAction;
  decision: ReplyDecision;
  reasons: Reason<DecisionReasonCode>[];
  draft: { subject: string; body: string } | null;
  draftCheck: DraftCheck | null;
  classification: ReplyClassification;
  /** Why the model could not be used, when it could not. */
  modelError: string | null;
};

const toReview = (decision: ReplyDecision, why: Reason<DecisionReasonCode>): ReplyDecision =>
  decision.action === 'review' ? { ...decision, reasons: [...decision.reasons, why] } : { action: 'review', reasons: [why, ...decision.reasons], escalate: decision.escalate };

const round = (value: number) => Math.round(value * 1000) / 1000;

export async function classifyAndDecide(input: ClassifyAndDecideInput): Promise<AgentVerdict> {
  const offline = evaluateReplyOffline(input);
  const { classification } = offline;
  const offlineVerdict = (decision: ReplyDecision, modelError: string | null): AgentVerdict => ({
    provider: 'offline',
    model: null,
    intent: classification.intent,
    confidence: classification.confidence,
    reason: classification.reason.text,
    action: decision.action,
    decision,
    reasons: decision.reasons,
    draft: offline.draft ? { subject: offline.draft.subject, body: offline.draft.body } : null,
    draftCheck: offline.draftCheck,
    classification,
    modelError,
  });
  if (classification.certain) return offlineVerdict(offline.decision, null);
  if (!input.model) return offlineVerdict(toReview(offline.decision, decisionReason('not_certain_offline', { intent: classification.intent })), null);

  let verdict: LlmReplyVerdict;
  try {
    verdict = await askModel(input, classification);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    return offlineVerdict(toReview(offline.decision, decisionReason('model_unavailable', { error: message })), message);
  }
  const { agent, prospect, sender } = input;
  const knownAddresses = [...(input.ownAddresses ?? []), ...(sender.email ? [sender.email] : []), ...(prospect.email ? [prospect.email] : [])];
  const decided = decideReply({
    classification: { intent: verdict.intent, confidence: verdict.confidence },
    agent,
    replyText: input.message.text,
    subject: input.message.subject,
    now: input.now,
    knownAddresses,
  });
  const draft = modelDraft(verdict, input, offline.draft?.subject ?? '');
  const draftCheck = draft
    ? checkDraft(draft, {
        bookingUrl: agent.bookingUrl,
        allowedUrls: agent.allowedUrls ?? [],
        allowedEmails: [...(input.ownAddresses ?? []), ...(sender.email ? [sender.email] : [])],
        templateTexts: agent.templates.flatMap((template) => [template.subject ?? '', template.body]),
      })
    : null;
  const decision = guardAutomaticReply(decided, draftCheck);
  return {
    provider: 'llm',
    model: input.model.model,
    intent: verdict.intent,
    confidence: round(verdict.confidence),
    reason: verdict.reason.replace(/[\r\n]+/g, ' '),
    action: decision.action,
    decision,
    reasons: decision.reasons,
    draft,
    draftCheck,
    classification,
    modelError: null,
  };
}

/** One call, and one more with the validation error when the first answer is outside the schema. */
async function askModel(input: ClassifyAndDecideInput, classification: ReplyClassification): Promise<LlmReplyVerdict> {
  const model = input.model!;
  const fullName = [input.prospect.firstName, input.prospect.lastName].filter(Boolean).join(' ');
  const bookingLink = input.agent.bookingUrl ? prefillBookingLink(input.agent.bookingUrl, { name: fullName, email: input.prospect.email, prospectId: input.prospect.id }) : null;
  const messages = buildReplyMessages({
    text: classification.latestText || input.message.text,
    subject: input.message.subject ?? '',
    language: input.agent.language === 'auto' ? classification.language : input.agent.language,
    agent: input.agent,
    bookingLink,
    prospect: { firstName: input.prospect.firstName ?? null, company: input.prospect.company ?? null },
    sender: input.sender,
  });
  const first = parseReplyVerdict(await model.complete(messages));
  if (first.ok) return first.verdict;
  const retry = parseReplyVerdict(await model.complete([...messages, { role: 'user', content: `Your answer was invalid (${first.error}). Answer again with JSON matching the schema only.` }]));
  if (retry.ok) return retry.verdict;
  throw new Error(`The model's answer did not match the schema: ${retry.error}`);
}

/** The model's draft, with the prefilled booking link added to a positive answer that forgot it. */
function modelDraft(verdict: LlmReplyVerdict, input: ClassifyAndDecideInput, fallbackSubject: string): { subject: string; body: string } | null {
  const body = verdict.draftBody?.trim();
  if (!body) return null;
  const fullName = [input.prospect.firstName, input.prospect.lastName].filter(Boolean).join(' ');
  const link = input.agent.bookingUrl ? prefillBookingLink(input.agent.bookingUrl, { name: fullName, email: input.prospect.email, prospectId: input.prospect.id }) : null;
  const positive = verdict.intent === 'interested' || verdict.intent === 'meeting_request';
  const withLink = positive && link && !body.includes(link) ? `${body}\n\n${link}` : body;
  const original = input.message.subject?.trim() ?? '';
  const subject = verdict.draftSubject?.trim() || fallbackSubject || (original && !/^re\s?:/i.test(original) ? `Re: ${original}` : original);
  return { subject, body: withLink };
}
