import { renderTemplate, type TemplateVariable } from '../../shared/agent-rules.js';
import type { AgentTemplate } from '../db/schema/index.js';
import { prefillBookingLink } from './booking-link.js';
import type { ReplyIntent } from './intents.js';
import { DRAFT_PHRASES, TEMPLATE_NAME_HINTS, type DraftIntent } from './offline-drafts.phrases.js';
import { detectReplyLanguage, type ReplyLanguage } from './reply-language.js';

export type DraftProspect = {
  id?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  company?: string | null;
  title?: string | null;
};
export type DraftAgent = { language: 'auto' | ReplyLanguage; templates: readonly AgentTemplate[]; bookingUrl: string | null };
export type DraftSender = { name: string; company: string };

export type OfflineDraftInput = {
  intent: ReplyIntent;
  /** The language the prospect wrote in (from the classifier); used when the agent says `auto`. */
  replyLanguage: ReplyLanguage;
  /** The subject of the prospect's message, for the "Re:" of an in-thread answer. */
  replySubject?: string;
  agent: DraftAgent;
  prospect: DraftProspect;
  sender: DraftSender;
};

export type OfflineDraft = {
  language: ReplyLanguage;
  subject: string;
  body: string;
  source: 'template' | 'builtin';
  templateName: string | null;
  /** The prefilled booking link the draft carries, if any (the draft guard allows it). */
  bookingLink: string | null;
};

const DRAFT_INTENTS: Record<ReplyIntent, DraftIntent | null> = {
  interested: 'interested',
  meeting_request: 'meeting_request',
  question: 'question',
  not_now: 'not_now',
  referral: 'referral',
  // No answer, ever: an opt-out, a refusal, a machine. "other" has nothing to answer to.
  unsubscribe: null,
  not_interested: null,
  out_of_office: null,
  bounce: null,
  other: null,
};

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

function replySubject(subject: string | undefined): string {
  const original = subject?.trim() ?? '';
  if (!original) return '';
  return /^(re|aw|sv|tr)\s?:/i.test(original) ? original : `Re: ${original}`;
}

/** A template whose name fits the intent and whose text is in the draft's language. */
function pickTemplate(templates: readonly AgentTemplate[], intent: DraftIntent, language: ReplyLanguage): AgentTemplate | null {
  return (
    templates.find((template) => TEMPLATE_NAME_HINTS[intent].test(template.name) && detectReplyLanguage(template.body, language).language === language) ?? null
  );
}

/**
 * The answer the agent would send with no LLM: the agent's template for the intent when it has one
 * in the prospect's language, otherwise a built-in one. Positive replies always carry the booking
 * link, prefilled with the prospect. Null for replies that are never answered (opt-outs, refusals,
 * automatic replies, delivery failures) and for "other".
 */
export function draftOfflineReply(input: OfflineDraftInput): OfflineDraft | null {
  const intent = DRAFT_INTENTS[input.intent];
  if (!intent) return null;
  const { agent, prospect, sender } = input;
  const language = agent.language === 'auto' ? input.replyLanguage : agent.language;
  const phrases = DRAFT_PHRASES[language];
  const fullName = [prospect.firstName, prospect.lastName].map((part) => part?.trim() ?? '').filter(Boolean).join(' ');
  const bookingLink = agent.bookingUrl ? prefillBookingLink(agent.bookingUrl, { name: fullName, email: prospect.email, prospectId: prospect.id }) : null;
  const wantsLink = intent === 'interested' || intent === 'meeting_request';
  const subject = replySubject(input.replySubject);

  const template = pickTemplate(agent.templates, intent, language);
  if (template) {
    const variables: Record<TemplateVariable, string> = {
      firstName: prospect.firstName?.trim() ?? '',
      lastName: prospect.lastName?.trim() ?? '',
      fullName,
      company: prospect.company?.trim() ?? '',
      title: prospect.title?.trim() ?? '',
      bookingUrl: bookingLink ?? '',
      senderName: sender.name,
      senderCompany: sender.company,
    };
    let body = renderTemplate(template.body, variables).trim();
    if (wantsLink && bookingLink && !body.includes(bookingLink)) body = `${body}\n\n${fill(phrases.bookingLine, { link: bookingLink })}`;
    const templateSubject = template.subject?.trim() ? renderTemplate(template.subject, variables).trim() : '';
    const carried = bookingLink !== null && body.includes(bookingLink) ? bookingLink : null;
    return { language, subject: templateSubject || subject, body, source: 'template', templateName: template.name, bookingLink: carried };
  }

  const firstName = prospect.firstName?.trim();
  const paragraphs = [firstName ? fill(phrases.greeting, { firstName }) : phrases.greetingNoName];
  paragraphs.push(wantsLink && !bookingLink ? phrases.positiveWithoutLink : fill(phrases.body[intent], { link: bookingLink ?? '' }));
  if (intent === 'question' && bookingLink) paragraphs.push(fill(phrases.questionBookingLine, { link: bookingLink }));
  paragraphs.push([phrases.signOff, sender.name, sender.company].filter((line) => line.trim()).join('\n'));
  const body = paragraphs.join('\n\n');
  const carried = bookingLink !== null && body.includes(bookingLink) ? bookingLink : null;
  return { language, subject, body, source: 'builtin', templateName: null, bookingLink: carried };
}
