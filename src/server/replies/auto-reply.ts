import type { InboundMail } from './inbound-mail.js';
import { isNullReturnPath, type InboundHeaders } from './mail-headers.js';
import { splitReplyText } from './reply-text.js';
import { extractReturnDate, type ReturnDate } from './return-date.js';

/**
 * Auto-replies, recognised before any model sees the message: by RFC 3834 headers and by
 * out-of-office wording (English, French). Run bounce detection first: DSNs carry auto headers too.
 *
 * - `out_of_office`: the sequence pauses until `returnDate.resumeOn` when one is given.
 *   `certainty: 'high'` when a header or the subject says so; `'low'` when only the body's wording
 *   does ("I am out of the office until…" typed by a person is still a person: let the
 *   classifier weigh it).
 * - `automatic`: machine-sent but not an absence (ticket acknowledgements, list mail): not a reply.
 */
export type AutoReplySignal =
  | 'header:auto-submitted'
  | 'header:x-autoreply'
  | 'header:x-autorespond'
  | 'header:precedence'
  | 'header:x-auto-response-suppress'
  | 'header:return-path-null'
  | 'subject:out-of-office'
  | 'subject:auto-reply'
  | 'body:out-of-office';

export type AutoReplyVerdict =
  | { kind: 'none' }
  | { kind: 'automatic'; signals: AutoReplySignal[] }
  | { kind: 'out_of_office'; certainty: 'high' | 'low'; returnDate: ReturnDate | null; signals: AutoReplySignal[] };

export type AutoReplyInput = Pick<InboundMail, 'headers' | 'subject' | 'text' | 'date'>;

export function autoReplyHeaderSignals(headers: InboundHeaders): AutoReplySignal[] {
  const signals: AutoReplySignal[] = [];
  const autoSubmitted = headers['auto-submitted']?.trim().toLowerCase();
  // RFC 3834 §5: any value but "no" (parameters after ";" do not change that).
  if (autoSubmitted && autoSubmitted.split(/[;\s]/)[0] !== 'no') signals.push('header:auto-submitted');
  if (isPresentNotNo(headers['x-autoreply'])) signals.push('header:x-autoreply');
  if (isPresentNotNo(headers['x-autorespond']) || isPresentNotNo(headers['x-autoresponder'])) signals.push('header:x-autorespond');
  if (/^\s*(bulk|list|junk|auto_reply)\s*$/i.test(headers.precedence ?? '')) signals.push('header:precedence');
  if (headers['x-auto-response-suppress']?.trim()) signals.push('header:x-auto-response-suppress');
  if (isNullReturnPath(headers)) signals.push('header:return-path-null');
  return signals;
}

function isPresentNotNo(value: string | undefined): boolean {
  return value !== undefined && !/^\s*(no|false|0)\s*$/i.test(value);
}

// "Automatic reply: …" (Outlook), "Réponse automatique : …", "Out of Office: …", "AUTO: …" (Notes).
const OOO_SUBJECT =
  /^\s*(out of (the )?office|ooo\b|away from (the )?office|on (vacation|holiday|leave)|annual leave\b|absence( du bureau)?\b|absent(e)?( du bureau)?\b|message d['’]absence|en cong[ée]s?\b|cong[ée]s\b|vacances\b|r[ée]ponse automatique d['’]absence)/i;
const AUTO_SUBJECT = /^\s*(automatic reply|auto[- ]?reply|auto[- ]?response|autoresponder|auto\s*:|r[ée]ponse automatique|r[ée]ponse auto\b|accus[ée] de r[ée]ception)/i;
const OOO_BODY = new RegExp(
  [
    String.raw`\b(i am|i'm|i’m|i will be|i'll be|i’ll be|i shall be)\s+(currently\s+|now\s+)?(out of (the )?office|ooo\b|away\b|on (annual |parental |maternity |paternity |sick )?(leave|vacation|holiday|holidays)|away from (the |my )?(office|desk))`,
    String.raw`\b(limited|no) access to (my )?e-?mails?\b`,
    String.raw`\bthank you for your (e-?mail|message)[.,!]?\s+(i am|i'm|i’m)\s+(currently\s+)?(away|out)`,
    String.raw`\bje (suis|serai)\s+(actuellement\s+|en ce moment\s+)?(absent(e)?|en cong[ée]s?|en vacances|hors du bureau|en d[ée]placement|en arr[êe]t)`,
    String.raw`\b(acc[èe]s (limit[ée]|restreint)|pas acc[èe]s|aucun acc[èe]s) [àa] (mes|ma) (e-?mails?|courriels?|messagerie|bo[îi]te)`,
    String.raw`\b(absent(e)?|en cong[ée]s?) (du|jusqu['’]au|jusqu['’][àa])\b`,
  ].join('|'),
  'iu',
);

export function detectAutoReply(mail: AutoReplyInput, context: { now: Date }): AutoReplyVerdict {
  const signals = autoReplyHeaderSignals(mail.headers);
  const subjectOoo = OOO_SUBJECT.test(mail.subject) || (AUTO_SUBJECT.test(mail.subject) && /absen|out of|away|cong[ée]/i.test(mail.subject));
  const subjectAuto = AUTO_SUBJECT.test(mail.subject);
  // Our own pitch, quoted below the auto-reply, must not lend it wording or dates.
  const own = splitReplyText(mail.text).body;
  const bodyOoo = OOO_BODY.test(own);
  if (subjectOoo) signals.push('subject:out-of-office');
  else if (subjectAuto) signals.push('subject:auto-reply');
  if (bodyOoo) signals.push('body:out-of-office');
  const byHeaders = signals.some((signal) => signal.startsWith('header:'));
  if (subjectOoo || bodyOoo) {
    const certainty = byHeaders || subjectOoo || subjectAuto ? 'high' : 'low';
    const returnDate = extractReturnDate(`${mail.subject}\n${own}`, { now: context.now, messageDate: mail.date });
    return { kind: 'out_of_office', certainty, returnDate, signals };
  }
  if (byHeaders || subjectAuto) return { kind: 'automatic', signals };
  return { kind: 'none' };
}
