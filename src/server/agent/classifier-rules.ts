import type { ReplyIntent } from './intents.js';
import { classificationReason, type ClassificationReasonCode, type Reason } from './reasons.js';
import {
  AUTO_REPLY_BODY_CERTAIN,
  AUTO_REPLY_SUBJECTS,
  BOUNCE_BODY,
  BOUNCE_SENDERS,
  BOUNCE_SUBJECTS,
  INTENT_CUES,
  LEFT_COMPANY,
  UNSUBSCRIBE_BODY,
} from './classifier-rules.patterns.js';
import { foldText } from './reply-text.js';

export type ReplyHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** An inbound message as the classifier sees it: the text may still hold quotes and a signature. */
export type ReplyInput = { text: string; subject?: string; from?: string; headers?: ReplyHeaders };

export type RuleVerdict = {
  intent: ReplyIntent;
  confidence: number;
  /** True when the rule alone may decide, with no model or LLM asked. */
  certain: boolean;
  reason: Reason<ClassificationReasonCode>;
};

function headerValue(headers: ReplyHeaders | undefined, name: string): string | null {
  if (!headers) return null;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(', ');
  }
  return null;
}

function firstMatch(text: string, patterns: readonly RegExp[]): string | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[0].trim();
  }
  return null;
}

const verdict = (intent: ReplyIntent, confidence: number, certain: boolean, code: ClassificationReasonCode, params: Record<string, string>): RuleVerdict => ({
  intent,
  confidence,
  certain,
  reason: classificationReason(code, params),
});

function deliveryFailure(input: ReplyInput, foldedFull: string, foldedSubject: string): RuleVerdict | null {
  const from = input.from?.trim() ?? '';
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  if (BOUNCE_SENDERS.test(address)) return verdict('bounce', 0.99, true, 'delivery_failure_sender', { from: address.toLowerCase() });
  const contentType = headerValue(input.headers, 'content-type') ?? '';
  if (/multipart\/report/i.test(contentType) && /delivery-status/i.test(contentType)) {
    return verdict('bounce', 0.99, true, 'delivery_report_header', { header: 'Content-Type: multipart/report; report-type=delivery-status' });
  }
  if (headerValue(input.headers, 'x-failed-recipients')) return verdict('bounce', 0.99, true, 'delivery_report_header', { header: 'X-Failed-Recipients' });
  const subjectPhrase = BOUNCE_SUBJECTS.exec(foldedSubject)?.[0];
  if (subjectPhrase) return verdict('bounce', 0.98, true, 'delivery_failure_wording', { phrase: subjectPhrase });
  // Bodies are read whole: a DSN quotes the message it failed to deliver below its own wording.
  const bodyPhrase = firstMatch(foldedFull, BOUNCE_BODY);
  return bodyPhrase ? verdict('bounce', 0.97, true, 'delivery_failure_wording', { phrase: bodyPhrase }) : null;
}

/** RFC 3834 `Auto-Submitted`, and the headers Exchange, Gmail and common autoresponders add. */
function autoReplyHeader(headers: ReplyHeaders | undefined): string | null {
  const autoSubmitted = headerValue(headers, 'auto-submitted');
  if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) return `Auto-Submitted: ${autoSubmitted.trim()}`;
  if (headerValue(headers, 'x-autoreply')) return 'X-Autoreply';
  if (headerValue(headers, 'x-autorespond')) return 'X-Autorespond';
  const precedence = headerValue(headers, 'precedence');
  if (precedence && /auto_reply/i.test(precedence)) return `Precedence: ${precedence.trim()}`;
  return null;
}

const NEGATED_UNSUBSCRIBE = /\b(don't|do not|dont|no need to|please don't|never) (remove|unsubscribe|take me off)\b|\bne (pas|surtout pas) (me )?(desinscrire|retirer)\b/;

/**
 * The rules that run before any model, in order: delivery failures, "no longer at the company",
 * automatic-reply headers and subjects, plain opt-outs, then machine-only body wording. `latest` is
 * the prospect's own text (quotes and signature removed); `otherAddresses` are the addresses in it
 * that are neither the sender's nor ours.
 */
export function ruleVerdict(input: ReplyInput, latest: string, otherAddresses: readonly string[]): RuleVerdict | null {
  const foldedFull = foldText(input.text);
  const foldedSubject = foldText(input.subject ?? '');
  const foldedLatest = foldText(latest);

  const failure = deliveryFailure(input, foldedFull, foldedSubject);
  if (failure) return failure;

  const leftPhrase = firstMatch(foldedLatest, LEFT_COMPANY);
  if (leftPhrase) {
    const email = otherAddresses[0];
    return email
      ? verdict('referral', 0.9, false, 'left_company', { phrase: leftPhrase, email })
      : verdict('other', 0.85, false, 'left_company', { phrase: leftPhrase });
  }

  const header = autoReplyHeader(input.headers);
  if (header) return verdict('out_of_office', 0.98, true, 'auto_reply_header', { header });
  const subjectPhrase = AUTO_REPLY_SUBJECTS.exec(foldedSubject)?.[0];
  if (subjectPhrase) return verdict('out_of_office', 0.97, true, 'auto_reply_wording', { phrase: subjectPhrase });

  const unsubscribe = NEGATED_UNSUBSCRIBE.test(foldedLatest) ? null : firstMatch(foldedLatest, UNSUBSCRIBE_BODY);
  if (unsubscribe) return verdict('unsubscribe', 0.97, true, 'unsubscribe_wording', { phrase: unsubscribe });

  const machine = firstMatch(foldedLatest, AUTO_REPLY_BODY_CERTAIN);
  if (machine) return verdict('out_of_office', 0.96, true, 'auto_reply_wording', { phrase: machine });

  if (!foldedLatest.replace(/[^a-z0-9\p{Extended_Pictographic}]/gu, '')) return verdict('other', 0.5, false, 'empty_reply', {});
  return null;
}

export type IntentCueMatch = { intent: ReplyIntent; factor: number; phrase: string };

/**
 * The phrase cues found in the marked text (see markedText), at most one per intent. A timing cue
 * ("next quarter") turns a meeting wish into "not now", and a refusal cancels the interest its
 * words contain ("not really interested"), so those cues are dropped.
 */
export function intentCues(marked: string): IntentCueMatch[] {
  const found: IntentCueMatch[] = [];
  for (const cue of INTENT_CUES) {
    const phrase = firstMatch(marked, cue.patterns);
    if (phrase) found.push({ intent: cue.intent, factor: cue.factor, phrase });
  }
  const has = (intent: ReplyIntent) => found.some((match) => match.intent === intent);
  return found.filter((match) => {
    if (match.intent === 'meeting_request' || match.intent === 'interested') return !has('not_now') && !has('not_interested');
    return true;
  });
}
