import { renderTemplate } from '../../shared/agent-rules.js';
import { prefillBookingLink } from './booking-link.js';
import type { AgentProfile, ReplyModel } from './classify-and-decide.js';
import { checkDraft } from './draft-guard.js';
import { buildReminderMessages, parseReplyVerdict } from './llm-reply.js';
import { DRAFT_PHRASES, REMINDER_TEMPLATE_HINT } from './offline-drafts.phrases.js';
import type { DraftProspect, DraftSender } from './offline-drafts.js';
import { detectReplyLanguage, type ReplyLanguage } from './reply-language.js';
import { latestReplyText } from './reply-text.js';

/**
 * The follow-up a due `not_now` reminder puts in the review queue: "you asked me to get back in
 * touch around <date>…", in the prospect's language. With a model, the model writes it (same
 * schema, fence and draft guard as every answer); without one, or when the model fails or its
 * draft fails the guard, the agent's reminder template or the built-in text. Never sent from here.
 */
export type ReminderDraftInput = {
  agent: AgentProfile;
  prospect: DraftProspect;
  sender: DraftSender & { email?: string };
  /** What the prospect wrote when they asked to be contacted later. */
  originalText: string;
  originalSubject: string;
  /** The reminder's day (UTC midnight). */
  remindAt: Date;
  model: ReplyModel | null;
};

export type ReminderDraft = { subject: string; body: string; language: ReplyLanguage; provider: 'llm' | 'offline'; model: string | null; modelError: string | null };

/** "3 March" / "3 mars": the day in words, so the draft reads as a person wrote it. */
export function reminderDateWords(at: Date, language: ReplyLanguage): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(at);
}

function replySubject(subject: string): string {
  const original = subject.trim();
  if (!original) return '';
  return /^(re|aw|sv|tr)\s?:/i.test(original) ? original : `Re: ${original}`;
}

export function draftReminderOffline(input: Omit<ReminderDraftInput, 'model'>, language: ReplyLanguage): { subject: string; body: string } {
  const { agent, prospect, sender } = input;
  const phrases = DRAFT_PHRASES[language];
  const date = reminderDateWords(input.remindAt, language);
  const subject = replySubject(input.originalSubject);
  const fullName = [prospect.firstName, prospect.lastName].map((part) => part?.trim() ?? '').filter(Boolean).join(' ');
  const template = agent.templates.find((entry) => REMINDER_TEMPLATE_HINT.test(entry.name) && detectReplyLanguage(entry.body, language).language === language);
  if (template) {
    const bookingUrl = agent.bookingUrl ? prefillBookingLink(agent.bookingUrl, { name: fullName, email: prospect.email, prospectId: prospect.id }) ?? '' : '';
    const values = { firstName: prospect.firstName?.trim() ?? '', lastName: prospect.lastName?.trim() ?? '', fullName, company: prospect.company?.trim() ?? '', title: prospect.title?.trim() ?? '', bookingUrl, senderName: sender.name, senderCompany: sender.company };
    const body = renderTemplate(template.body, values).replace(/\{date\}/g, date).trim();
    return { subject: template.subject?.trim() ? renderTemplate(template.subject, values).trim() : subject, body };
  }
  const firstName = prospect.firstName?.trim();
  const greeting = firstName ? phrases.greeting.replace('{firstName}', firstName) : phrases.greetingNoName;
  const signature = [phrases.signOff, sender.name, sender.company].filter((line) => line.trim()).join('\n');
  return { subject, body: [greeting, phrases.reminder.replace('{date}', date), signature].join('\n\n') };
}

export async function draftReminder(input: ReminderDraftInput): Promise<ReminderDraft> {
  const original = latestReplyText(input.originalText);
  const language: ReplyLanguage = input.agent.language === 'auto' ? detectReplyLanguage(original || input.originalText).language : input.agent.language;
  const offline = (modelError: string | null): ReminderDraft => ({ ...draftReminderOffline(input, language), language, provider: 'offline', model: null, modelError });
  if (!input.model) return offline(null);
  const { agent, prospect, sender } = input;
  const fullName = [prospect.firstName, prospect.lastName].filter(Boolean).join(' ');
  const bookingLink = agent.bookingUrl ? prefillBookingLink(agent.bookingUrl, { name: fullName, email: prospect.email, prospectId: prospect.id }) : null;
  const date = reminderDateWords(input.remindAt, language);
  try {
    const messages = buildReminderMessages({
      originalText: original || input.originalText,
      remindDate: date,
      subject: input.originalSubject,
      language,
      agent,
      bookingLink,
      prospect: { firstName: prospect.firstName ?? null, company: prospect.company ?? null },
      sender,
    });
    const parsed = parseReplyVerdict(await input.model.complete(messages));
    const body = parsed.ok ? parsed.verdict.draftBody?.trim() : null;
    if (!parsed.ok || !body) return offline(parsed.ok ? 'The model wrote no follow-up' : parsed.error);
    const draft = { subject: replySubject(input.originalSubject), body };
    const check = checkDraft(draft, {
      bookingUrl: agent.bookingUrl,
      allowedUrls: agent.allowedUrls ?? [],
      allowedEmails: sender.email ? [sender.email] : [],
      // The reminder's own day may be named; no other date.
      templateTexts: [...agent.templates.flatMap((template) => [template.subject ?? '', template.body]), date, input.remindAt.toISOString().slice(0, 10)],
    });
    if (!check.ok) return offline(`The follow-up failed the safety check (${check.violations.map((entry) => entry.code).join(', ')})`);
    return { ...draft, language, provider: 'llm', model: input.model.model, modelError: null };
  } catch (error) {
    return offline((error instanceof Error ? error.message : String(error)).slice(0, 200));
  }
}
