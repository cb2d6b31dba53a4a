import { buildMessageHeaders, createMessageId, planThreading, unsubscribeTargets, type PreviousMessage } from './rules/message-headers.js';
import type { MessageHold, StepContent } from './rules/render-message.js';
import { renderStep } from './rules/render-message.js';
import { buildVariableLookup, type TemplateContextInput } from './rules/template-variables.js';
import { buildFooter, withFooter, type FooterLanguage } from './rules/unsubscribe-footer.js';
import { applyTracking, textToHtml, type TrackedLink, type TrackingOptions } from '../tracking/tracking-rules.js';

/**
 * One outbound message, from templates to what the transport sends: render (variables, fallbacks,
 * spintax), thread, headers (Message-ID on the sender's domain, RFC 8058 pair), footer (unsubscribe
 * line + postal address). Pure: the claim transaction feeds it rows and stores the result.
 */

export type ComposeInput = {
  content: StepContent;
  /** The step's subject template as written (blank = continue the thread). */
  subjectTemplate: string;
  context: TemplateContextInput;
  seed: { prospectId: string; stepPosition: number; variantIndex: number };
  previous: PreviousMessage | null;
  from: { name: string; address: string };
  to: { name: string | null; address: string };
  appUrl: string;
  unsubscribeToken: string;
  postalAddress: string;
  companyName: string | null;
  language: FooterLanguage;
  /** Injected for tests; a random UUID otherwise. */
  messageIdUnique?: string;
  /** Open / click tracking (campaign settings); absent = none. */
  tracking?: Omit<TrackingOptions, 'appUrl'>;
};

export type ComposedMail = {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers: Record<string, string>;
  text: string;
  html: string | null;
  /** Tracked links of the HTML part, to store before the message leaves (`/t/c/TOKEN` → url). */
  links: TrackedLink[];
};

export type ComposeResult = { ok: true; mail: ComposedMail } | { ok: false; hold: MessageHold | { code: 'message_build'; field: string; problem: string } };

export function composeMessage(input: ComposeInput): ComposeResult {
  const rendered = renderStep(input.content, buildVariableLookup(input.context), input.seed);
  if (rendered.hold) return { ok: false, hold: rendered.hold };
  const thread = planThreading({ subjectTemplate: input.subjectTemplate, renderedSubject: rendered.subject, previous: input.previous });
  if (!thread.ok) return { ok: false, hold: thread.hold };
  try {
    const domain = input.from.address.slice(input.from.address.lastIndexOf('@') + 1);
    const unsubscribe = unsubscribeTargets({ appUrl: input.appUrl, token: input.unsubscribeToken, mailtoDomain: domain });
    const headers = buildMessageHeaders({
      from: input.from,
      to: { name: input.to.name, address: input.to.address },
      messageId: createMessageId(input.from.address, input.messageIdUnique),
      thread: thread.plan,
      unsubscribe,
    });
    const footer = buildFooter({ language: input.language, unsubscribeUrl: unsubscribe.url, postalAddress: input.postalAddress, companyName: input.companyName });
    const written = rendered.bodyFormat === 'html' ? rendered.body : null;
    const text = written === null ? rendered.body : htmlToText(written);
    const tracking = input.tracking && (input.tracking.opens || input.tracking.clicks) ? input.tracking : null;
    // Tracking needs an HTML part: a plain-text step gets one (its links shown as written).
    const tracked = tracking ? applyTracking(written ?? textToHtml(text), { ...tracking, appUrl: input.appUrl }) : { html: written, links: [] };
    const body = withFooter({ text, html: tracked.html }, footer);
    return { ok: true, mail: { ...headers, headers: { ...headers.headers }, text: body.text, html: body.html, links: tracked.links } };
  } catch (error) {
    if (error instanceof Error && error.name === 'MessageBuildError') {
      const { code, field } = error as Error & { code: string; field: string };
      return { ok: false, hold: { code: 'message_build', field, problem: code } };
    }
    throw error;
  }
}

/** The text part of a simple-HTML body: paragraphs and breaks become new lines, tags go. */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n\n')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
