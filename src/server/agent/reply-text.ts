/**
 * Text preparation shared by the offline classifier, the language detector and the decision rules:
 * isolate what the prospect actually wrote, fold it to a comparable form, and turn it into features.
 */

// Lines that open the quoted history in the clients our prospects use (Gmail, Outlook, Apple Mail,
// Thunderbird; English and French). Everything from the first one down is someone else's text,
// usually our own pitch, whose "call" and "meeting" words would otherwise vote for "interested".
const QUOTE_HEADERS: RegExp[] = [
  /^\s*on\b.{0,200}\bwrote:\s*$/i,
  /^\s*le\b.{0,200}\ba [ée]crit\s*:\s*$/i,
  /^\s*-{2,}\s*(original message|forwarded message|message d'origine|message d’origine|message transf[ée]r[ée])\s*-{2,}/i,
  /^\s*_{8,}\s*$/,
  /^\s*(from|de)\s*:\s.+$/i,
  /^\s*(sent from my|envoy[ée] (de|depuis) mon|get outlook for|t[ée]l[ée]chargez outlook)\b/i,
];

// Gmail wraps long "On … wrote:" headers onto two lines; the second line is just "wrote:".
const WRAPPED_HEADER_TAIL = /^\s*(wrote|a [ée]crit)\s*:\s*$/i;
const SIGNATURE_DELIMITER = /^-- ?$/;

/**
 * The prospect's own words: quoted lines (`>`), the quoted history after a reply header and the
 * signature after `-- ` are dropped. When nothing is left (a bottom-posted reply, or a message that
 * is only a quote) the unquoted lines are returned instead, so the classifier never sees less than
 * the prospect wrote.
 */
export function latestReplyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const next = lines[index + 1] ?? '';
    if (SIGNATURE_DELIMITER.test(line)) break;
    if (QUOTE_HEADERS.some((pattern) => pattern.test(line))) break;
    if (/^\s*on\b/i.test(line) && WRAPPED_HEADER_TAIL.test(next)) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  const latest = kept.join('\n').trim();
  if (latest) return latest;
  return lines
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .trim();
}

/** Lowercase, accents removed, typographic apostrophes and ligatures made plain. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

export const EMAIL_PATTERN = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;

const WEEKDAYS = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|wed|thurs|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/g;
const MONTHS =
  /\b(january|february|march|april|june|july|august|september|october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|jan|feb|sept|oct|nov|dec)\b/g;
const CLOCK_TIMES = /\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b\d{1,2}\s?h\s?\d{0,2}\b|\b\d{1,2}:\d{2}\b/g;

// Emoji carry intent in short replies ("👍", "🙏 no thanks"): map the common ones to shared tokens.
const POSITIVE_EMOJI = /[\u{1F44D}\u{1F44C}\u{1F642}\u{1F60A}\u{1F600}\u{1F601}\u{1F603}\u{1F604}\u{1F389}\u{1F4AF}\u{2705}\u{1F91D}\u{1F525}\u{1F60D}\u{1F64C}]/gu;
const NEGATIVE_EMOJI = /[\u{1F44E}\u{1F621}\u{1F620}\u{1F644}\u{1F6D1}\u{274C}\u{1F612}\u{1F92C}\u{1F6AB}]/gu;
const OTHER_EMOJI = /\p{Extended_Pictographic}/gu;

/**
 * The folded text with look-alike details merged into shared markers: any email address, link,
 * weekday, month, clock time or number reads the same, so "Tuesday 3pm" teaches the model about
 * "Thursday 10:30" too. Punctuation other than "?" is kept for the phrase rules.
 */
export function markedText(text: string): string {
  return foldText(text)
    .replace(EMAIL_PATTERN, ' xemail ')
    .replace(URL_PATTERN, ' xurl ')
    .replace(POSITIVE_EMOJI, ' xemopos ')
    .replace(NEGATIVE_EMOJI, ' xemoneg ')
    .replace(OTHER_EMOJI, ' xemoji ')
    .replace(CLOCK_TIMES, ' xtime ')
    .replace(WEEKDAYS, ' xday ')
    .replace(MONTHS, ' xmonth ')
    .replace(/\?/g, ' xquestion ')
    .replace(/\d+/g, ' xnum ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const MARKER_WORDS: Record<string, string> = {
  xemail: '<email>',
  xurl: '<link>',
  xemopos: '<emoji+>',
  xemoneg: '<emoji->',
  xemoji: '<emoji>',
  xtime: '<time>',
  xday: '<day>',
  xmonth: '<month>',
  xquestion: '?',
  xnum: '<number>',
};

/** A phrase of marked text as a person can read it in a reason: "xday xtime works" → "<day> <time> works". */
export function readableMarked(phrase: string): string {
  return phrase.replace(/\bx(email|url|emopos|emoneg|emoji|time|day|month|question|num)\b/g, (marker) => MARKER_WORDS[marker] ?? marker);
}

/** Word tokens of the marked text. */
export function replyTokens(text: string): string[] {
  return markedText(text)
    .split(/[^a-z]+/)
    .filter((token) => token.length > 0);
}

/** Unigrams and bigrams, each counted once: in short replies presence matters, not repetition. */
export function replyFeatures(text: string): string[] {
  const tokens = replyTokens(text);
  const features = new Set<string>(tokens);
  for (let index = 1; index < tokens.length; index += 1) features.add(`${tokens[index - 1]} ${tokens[index]}`);
  return [...features];
}

/** Email addresses in a text, lowercased, in order of appearance, without duplicates. */
export function emailAddressesIn(text: string): string[] {
  const found = (text.match(EMAIL_PATTERN) ?? []).map((address) => address.toLowerCase().replace(/\.$/, ''));
  return [...new Set(found)];
}
