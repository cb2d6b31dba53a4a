import type { AgentPersonality, TemplateVariable } from '../../shared/agent-rules.js';
import { CONFIDENCE_DEFAULT, renderTemplate } from '../../shared/agent-rules.js';
import type { AgentTemplate } from '../db/schema/index.js';
import type { ReplyAction } from '../agent/decide.js';
import type { ReplyIntent } from '../agent/intents.js';
import { PHRASES, type SampleIntent } from './sample-reply.phrases.js';

/**
 * "See a sample reply it would write": an OFFLINE preview built from the agent's settings
 * (personality, tone, language, templates, booking link, guard rails) without calling any model.
 * It shows what each setting changes; the real replies come from the reply engine.
 */
export type PreviewAgent = {
  personality: AgentPersonality;
  tone?: string;
  language: 'auto' | 'en' | 'fr';
  templates?: AgentTemplate[];
  bookingUrl?: string | null;
  confidenceThreshold?: number;
  autoSend?: boolean;
  forbiddenTopics?: string[];
  escalationWords?: string[];
};

export type PreviewDecision =
  | 'auto_send'
  | 'review_low_confidence'
  | 'review_escalation'
  | 'review_forbidden_topic'
  | 'review_autosend_off'
  /** No AI model: only what the offline classifier is certain of is handled alone. */
  | 'review_offline'
  /** Never answered: an opt-out, a refusal, a delivery failure, an absence, a referral. */
  | 'no_answer';

export type SampleReply = {
  offline: boolean;
  language: 'en' | 'fr';
  intent: SampleIntent | ReplyIntent;
  /** What the live pipeline would do (set by the shared classify-and-decide). */
  action?: ReplyAction;
  reason?: string;
  confidence: number;
  decision: PreviewDecision;
  /** The escalation word or forbidden topic that sent the reply to review. */
  matched: string | null;
  source: 'template' | 'composed';
  templateName: string | null;
  inbound: { fromName: string; fromEmail: string; company: string; subject: string; body: string };
  reply: { subject: string; body: string };
};

// How sure a keyword classifier can honestly be about each intent.
const CONFIDENCE: Record<SampleIntent, number> = { interested: 0.9, question: 0.74, not_now: 0.86, not_interested: 0.95 };

const FRENCH_MARKERS = /\b(bonjour|merci|vous|nous|est|pour|avec|je|pas|intéress\w*|c’est|c'est|oui|plus|rendez-vous)\b|[éèêàçù]/i;

export function detectLanguage(text: string): 'en' | 'fr' | null {
  if (!text.trim()) return null;
  const french = text.match(new RegExp(FRENCH_MARKERS.source, 'gi'))?.length ?? 0;
  return french >= 2 ? 'fr' : 'en';
}

/** A deliberately small keyword classifier: enough to show how the agent reacts to each case. */
export function classifyInbound(text: string): SampleIntent {
  const t = text.toLowerCase();
  if (/not interested|no thanks|no thank you|unsubscribe|remove me|pas intéress|non merci|désinscri|ne plus recevoir/.test(t)) return 'not_interested';
  if (/not now|next (quarter|year|month)|later|maybe in|busy right now|pas maintenant|plus tard|trimestre prochain|l’an prochain|l'an prochain|pas le moment/.test(t)) return 'not_now';
  if (/interest|sounds good|let'?s talk|demo|call|meeting|book|intéress|échanger|rendez-vous|démo|appel/.test(t)) return 'interested';
  if (t.includes('?')) return 'question';
  return 'interested';
}

function containsWord(text: string, needle: string): boolean {
  return needle.trim() !== '' && text.toLowerCase().includes(needle.trim().toLowerCase());
}

const TEMPLATE_HINTS: Record<SampleIntent, RegExp> = {
  interested: /interest|meeting|book|demo|call|intéress|rendez|démo|appel/i,
  question: /question|pricing|price|info|tarif|prix/i,
  not_now: /later|not now|timing|follow|plus tard|relance/i,
  not_interested: /not interested|no|pas intéress|refus/i,
};

function pickTemplate(templates: AgentTemplate[], intent: SampleIntent): AgentTemplate | null {
  if (!templates.length) return null;
  return templates.find((template) => TEMPLATE_HINTS[intent].test(template.name)) ?? templates[0]!;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** True when the tone asks for brevity: the composed reply then drops its pleasantries. */
function wantsBrevity(tone: string | undefined): boolean {
  return /concise|brief|short|terse|concis|bref|court|direct/i.test(tone ?? '');
}

export function buildSampleReply(
  agent: PreviewAgent,
  options: { sampleInbound?: string; fallbackLanguage: 'en' | 'fr'; senderName: string; senderCompany: string },
): SampleReply {
  const inboundGiven = options.sampleInbound?.trim() ?? '';
  const language = agent.language !== 'auto' ? agent.language : (detectLanguage(inboundGiven) ?? options.fallbackLanguage);
  const phrases = PHRASES[language];
  const prospect = phrases.prospect;
  const inboundBody = inboundGiven || phrases.sampleInbound;
  const intent = classifyInbound(inboundBody);
  const personality = agent.personality;
  const bookingUrl = agent.bookingUrl ?? null;
  const values = { firstName: prospect.firstName, company: prospect.company, bookingUrl: bookingUrl ?? '' };

  const escalation = (agent.escalationWords ?? []).find((word) => containsWord(inboundBody, word)) ?? null;
  const forbidden = (agent.forbiddenTopics ?? []).find((topic) => containsWord(inboundBody, topic)) ?? null;

  const originalSubject = fill(phrases.sampleSubject, values);
  const template = forbidden ? null : pickTemplate(agent.templates ?? [], intent);
  let body: string;
  let subject = `Re: ${originalSubject}`;
  if (template) {
    const variables: Record<TemplateVariable, string> = {
      firstName: prospect.firstName,
      lastName: prospect.lastName,
      fullName: `${prospect.firstName} ${prospect.lastName}`,
      company: prospect.company,
      title: prospect.title,
      bookingUrl: bookingUrl ?? '',
      senderName: options.senderName,
      senderCompany: options.senderCompany,
    };
    body = renderTemplate(template.body, variables).trim();
    if (template.subject?.trim()) subject = renderTemplate(template.subject, variables).trim();
  } else {
    const paragraphs = [fill(phrases.greeting[personality], values)];
    if (!wantsBrevity(agent.tone) || forbidden) paragraphs.push(phrases.thanks[personality]);
    if (forbidden) {
      paragraphs.push(fill(phrases.forbidden, { topic: forbidden }));
    } else {
      paragraphs.push(fill(phrases.intent[intent][personality], values));
      if (intent === 'interested' || intent === 'question') {
        paragraphs.push(fill(bookingUrl ? phrases.ctaWithLink[personality] : phrases.ctaWithoutLink[personality], values));
      }
    }
    paragraphs.push(`${phrases.signOff[personality]}\n${options.senderName}\n${options.senderCompany}`);
    body = paragraphs.join('\n\n');
  }

  const confidence = CONFIDENCE[intent];
  const threshold = agent.confidenceThreshold ?? CONFIDENCE_DEFAULT;
  let decision: PreviewDecision = 'auto_send';
  if (escalation) decision = 'review_escalation';
  else if (forbidden) decision = 'review_forbidden_topic';
  else if (confidence < threshold) decision = 'review_low_confidence';
  else if (agent.autoSend === false) decision = 'review_autosend_off';

  return {
    offline: true,
    language,
    intent,
    confidence,
    decision,
    matched: escalation ?? forbidden,
    source: template ? 'template' : 'composed',
    templateName: template?.name ?? null,
    inbound: {
      fromName: `${prospect.firstName} ${prospect.lastName}`,
      fromEmail: prospect.email,
      company: prospect.company,
      subject: originalSubject,
      body: inboundBody,
    },
    reply: { subject, body },
  };
}
