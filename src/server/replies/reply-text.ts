import { htmlToPlainText } from './html-text.js';

/**
 * What the prospect wrote in this message, for classification: the quoted history (Gmail, Apple
 * Mail, Outlook, Thunderbird; English and French) and the signature are set aside. The full text
 * is kept by the caller; this never returns less than the first paragraph of a non-empty message.
 */
export type ReplyCut =
  | 'quote_header'
  | 'outlook_header'
  | 'original_message'
  | 'quoted_lines'
  | 'signature_delimiter'
  | 'mobile_signature'
  | 'sign_off'
  | 'kept_first_paragraph';

export type ReplyTextSplit = {
  /** The new text, trimmed. */
  body: string;
  /** Quoted history removed from it (`>` lines and everything below a reply header). */
  quoted: string;
  signature: string;
  cuts: ReplyCut[];
};

const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(original message|message d['’]origine|forwarded message|message transf[ée]r[ée]|message original)\s*-{2,}\s*$/i;
const SEPARATOR = /^\s*_{10,}\s*$/;
const OUTLOOK_FROM = /^\s*\*?(from|de)\s*:\s*\*?\s*\S/i;
const OUTLOOK_SENT = /^\s*\*?(sent|date|envoy[ée](\s+le)?)\s*:/i;
const OUTLOOK_SUBJECT = /^\s*\*?(subject|objet|to|à|a)\s*:/i;
// "On Tue, 14 Jan 2025 at 10:02, Alice <a@x> wrote:" — Gmail wraps it over two or three lines.
const QUOTE_HEADER = /^\s*(on|le)\s.{0,300}\b(wrote|a\s+[ée]crit)\s*:\s*$/i;
const QUOTE_HEADER_START = /^\s*(on|le)\s/i;
const QUOTED_LINE = /^\s*>/;
const SIGNATURE_DELIMITER = /^--\s?$/;
const MOBILE_SIGNATURE =
  /^\s*(sent from my \S.*|sent from (outlook|mail for windows|yahoo mail).*|get outlook for (ios|android).*|envoy[ée] (de|depuis|à partir de) (mon|outlook|l['’]application).*|obtenir outlook pour (ios|android).*|t[ée]l[ée]chargez outlook.*)$/i;
const SIGN_OFF =
  /^\s*(best|best regards|kind regards|regards|warm regards|warmly|cheers|thanks|thank you|many thanks|thanks again|best wishes|sincerely|all the best|talk soon|cordialement|bien cordialement|tr[èe]s cordialement|bien [àa] vous|bien [àa] toi|salutations|sinc[èe]res salutations|merci|merci beaucoup|merci d'avance|bonne journ[ée]e|belle journ[ée]e|[àa] bient[ôo]t|amicalement)\s*[,.!]*(\s+\p{Lu}[\p{L}'’ .-]{0,40})?\s*$/iu;
const SIGNATURE_LINES_MAX = 7;
const SIGNATURE_LINE_WORDS = 7;

type HistoryStart = { index: number; cut: ReplyCut } | null;

function quoteHeaderLength(lines: readonly string[], index: number): number {
  const line = lines[index] ?? '';
  if (QUOTE_HEADER.test(line)) return 1;
  if (!QUOTE_HEADER_START.test(line)) return 0;
  for (let extra = 1; extra <= 2; extra += 1) {
    const joined = lines.slice(index, index + extra + 1).join(' ');
    if (QUOTE_HEADER.test(joined)) return extra + 1;
  }
  return 0;
}

function isOutlookHeader(lines: readonly string[], index: number): boolean {
  if (!OUTLOOK_FROM.test(lines[index] ?? '')) return false;
  const next = lines.slice(index + 1, index + 6);
  return next.some((line) => OUTLOOK_SENT.test(line)) && next.some((line) => OUTLOOK_SUBJECT.test(line));
}

/** Where the quoted history starts, and which quote headers only introduce a `>` block (kept scanning). */
function findHistory(lines: readonly string[]): { start: HistoryStart; headerLines: Set<number> } {
  const headerLines = new Set<number>();
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (ORIGINAL_MESSAGE.test(line)) return { start: { index, cut: 'original_message' }, headerLines };
    if (SEPARATOR.test(line) && [1, 2].some((offset) => isOutlookHeader(lines, index + offset))) return { start: { index, cut: 'outlook_header' }, headerLines };
    if (isOutlookHeader(lines, index)) return { start: { index, cut: 'outlook_header' }, headerLines };
    const length = quoteHeaderLength(lines, index);
    if (length === 0) continue;
    const following = lines.slice(index + length).find((candidate) => candidate.trim() !== '');
    // A header followed by `>` lines may have the answer below it (bottom-posting, inline answers).
    if (following !== undefined && QUOTED_LINE.test(following)) {
      for (let offset = 0; offset < length; offset += 1) headerLines.add(index + offset);
      index += length - 1;
      continue;
    }
    return { start: { index, cut: 'quote_header' }, headerLines };
  }
  return { start: null, headerLines };
}

/** Index where the signature starts in `lines`, if one is recognised below some content. Linear in the lines. */
function findSignature(lines: readonly string[]): { index: number; cut: ReplyCut } | null {
  const firstContent = lines.findIndex((line) => line.trim() !== '');
  if (firstContent < 0) return null;
  for (let index = firstContent + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (SIGNATURE_DELIMITER.test(line)) return { index, cut: 'signature_delimiter' };
    if (MOBILE_SIGNATURE.test(line)) return { index, cut: 'mobile_signature' };
  }
  // Only a short block of name / title / phone lines may follow a sign-off; a question or a
  // sentence after "Thanks" means it was prose ("Thanks\nCould you send the pricing?"). Walking up
  // from the end, the earliest sign-off whose block still qualifies wins.
  let found: { index: number; cut: ReplyCut } | null = null;
  let after = 0;
  for (let index = lines.length - 1; index > firstContent; index -= 1) {
    const line = lines[index] ?? '';
    if (SIGN_OFF.test(line)) found = { index, cut: 'sign_off' };
    if (line.trim() === '') continue;
    after += 1;
    if (after > SIGNATURE_LINES_MAX || !isSignatureLine(line)) break;
  }
  return found;
}

function isSignatureLine(line: string): boolean {
  if (line.includes('?')) return false;
  const words = line.match(/\p{L}+/gu) ?? [];
  // Phone, address and web lines run longer than a name or a title.
  return words.length <= SIGNATURE_LINE_WORDS || (words.length <= 2 * SIGNATURE_LINE_WORDS && /[\d@|]|https?:|www\./.test(line));
}

function firstParagraph(text: string): string {
  return text.trim().split(/\n[ \t]*\n/)[0]?.trim() ?? '';
}

export function splitReplyText(text: string): ReplyTextSplit {
  const normalised = text.replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  const cuts: ReplyCut[] = [];
  const { start, headerLines } = findHistory(lines);
  const head = start ? lines.slice(0, start.index) : lines;
  const quoted: string[] = [];
  const kept: string[] = [];
  head.forEach((line, index) => {
    if (headerLines.has(index) || QUOTED_LINE.test(line)) quoted.push(line);
    else kept.push(line);
  });
  if (quoted.length > 0) cuts.push(headerLines.size > 0 ? 'quote_header' : 'quoted_lines');
  if (start) {
    cuts.push(start.cut);
    quoted.push(...lines.slice(start.index));
  }
  const signature = findSignature(kept);
  const bodyLines = signature ? kept.slice(0, signature.index) : kept;
  if (signature) cuts.push(signature.cut);
  let body = bodyLines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (body === '' && normalised.trim() !== '') {
    body = firstParagraph(normalised);
    cuts.push('kept_first_paragraph');
  }
  return {
    body,
    quoted: quoted.join('\n').trim(),
    signature: signature ? kept.slice(signature.index).join('\n').trim() : '',
    cuts: [...new Set(cuts)],
  };
}

/** The text the classifier reads: plain text when there is some, else the HTML as text; then split. */
export function replyTextForClassification(mail: { text: string; html: string | null }): string {
  const text = mail.text.trim() !== '' ? mail.text : mail.html ? htmlToPlainText(mail.html) : '';
  return splitReplyText(text).body;
}
