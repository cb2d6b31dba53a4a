/**
 * HTML → plain text for messages that carry only HTML (some webhooks, mail whose HTML mailparser
 * refused to convert). Deliberately simple and linear: a scanner over `<`, no DOM, no regex that
 * can backtrack across the document. Block elements become line breaks, `<blockquote>` content is
 * prefixed with `> ` so the quoted-history stripper recognises it, entities are decoded, scripts
 * and styles are dropped. The result is only ever read as text (classification, display as text).
 */
export const MAX_HTML_INPUT = 2_000_000;

const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'svg', 'object']);
const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'pre', 'blockquote']);
const BLOCKS = new Set(['div', 'tr', 'li', 'hr', 'section', 'article', 'header', 'footer', 'address', 'dd', 'dt', 'center']);
// A tag longer than this is not a tag: each `<` costs at most this much scanning, so hostile
// input ("<a title=\"" repeated) stays linear in practice.
const MAX_TAG_LENGTH = 2_000;
const TAG_NAME = /^\/?[a-zA-Z][a-zA-Z0-9:-]*/;

type Tag = { closing: boolean; name: string; selfClosing: boolean; end: number };

/** The tag starting at `open` (a `<`), honouring quoted attribute values; null when it is not one. */
function readTag(source: string, open: number): Tag | null {
  const head = TAG_NAME.exec(source.slice(open + 1, open + 1 + 100));
  if (!head) return null;
  const limit = Math.min(source.length, open + MAX_TAG_LENGTH);
  let quote: string | null = null;
  for (let index = open + 1 + head[0].length; index < limit; index += 1) {
    const char = source[index];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      const closing = head[0].startsWith('/');
      return { closing, name: head[0].slice(closing ? 1 : 0).toLowerCase(), selfClosing: source[index - 1] === '/', end: index + 1 };
    }
  }
  return null;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '',
  eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', agrave: 'à', acirc: 'â', auml: 'ä', ccedil: 'ç',
  ugrave: 'ù', ucirc: 'û', uuml: 'ü', ocirc: 'ô', ouml: 'ö', icirc: 'î', iuml: 'ï', oelig: 'œ', aelig: 'æ',
  Eacute: 'É', Egrave: 'È', Ecirc: 'Ê', Agrave: 'À', Acirc: 'Â', Ccedil: 'Ç', Ocirc: 'Ô', OElig: 'Œ',
  laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„',
  hellip: '…', ndash: '–', mdash: '—', euro: '€', pound: '£', copy: '©', reg: '®', trade: '™',
  deg: '°', middot: '·', bull: '•', times: '×', nbhy: '‑', zwnj: '', zwj: '',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
      return invalid ? '\uFFFD' : String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

type Line = { text: string; depth: number };

export function htmlToPlainText(html: string): string {
  const source = html.length > MAX_HTML_INPUT ? html.slice(0, MAX_HTML_INPUT) : html;
  const lines: Line[] = [];
  let current = '';
  let currentDepth = 0;
  let quoteDepth = 0;
  let dropped: string | null = null;

  // Tracked rather than recomputed: trimming the growing line on every text chunk was quadratic.
  let currentHasText = false;

  const pushLine = () => {
    lines.push({ text: current.trim(), depth: currentDepth });
    current = '';
    currentHasText = false;
  };
  const breakLine = () => {
    if (currentHasText) pushLine();
    current = '';
  };
  const breakParagraph = () => {
    breakLine();
    if (lines.length > 0 && lines[lines.length - 1]?.text !== '') lines.push({ text: '', depth: quoteDepth });
  };
  const emit = (raw: string) => {
    if (dropped || raw === '') return;
    const text = decodeHtmlEntities(raw.replace(/[ \t\r\n\f]+/g, ' ')).replaceAll('\u0000', '');
    if (!currentHasText) {
      currentDepth = quoteDepth;
      current = text.trimStart();
      currentHasText = current !== '';
    } else {
      current += text;
    }
  };

  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('<', index);
    if (open < 0) {
      emit(source.slice(index));
      break;
    }
    emit(source.slice(index, open));
    if (source.startsWith('<!--', open)) {
      const end = source.indexOf('-->', open + 4);
      index = end < 0 ? source.length : end + 3;
      continue;
    }
    if (source.startsWith('<!', open) || source.startsWith('<?', open)) {
      const end = source.indexOf('>', open);
      index = end < 0 ? source.length : end + 1;
      continue;
    }
    const tag = readTag(source, open);
    if (!tag) {
      emit('<');
      index = open + 1;
      continue;
    }
    index = tag.end;
    const { closing, name, selfClosing } = tag;
    if (dropped) {
      if (closing && name === dropped) dropped = null;
      continue;
    }
    if (DROPPED.has(name)) {
      if (!closing && !selfClosing) dropped = name;
      continue;
    }
    if (name === 'br') {
      pushLine();
      currentDepth = quoteDepth;
    } else if (name === 'blockquote') {
      breakParagraph();
      quoteDepth = closing ? Math.max(0, quoteDepth - 1) : quoteDepth + 1;
    } else if (PARAGRAPHS.has(name)) {
      breakParagraph();
    } else if (BLOCKS.has(name)) {
      breakLine();
      if (name === 'li' && !closing) emit('- ');
    } else if (name === 'td' || name === 'th') {
      if (closing) emit(' ');
    }
  }
  breakLine();
  return renderLines(lines);
}

function renderLines(lines: Line[]): string {
  const rendered: string[] = [];
  for (const line of lines) {
    const text = line.text.replace(/[ \u00a0]+$/g, '');
    const value = text === '' ? '' : `${'> '.repeat(line.depth)}${text}`;
    if (value === '' && (rendered.length === 0 || rendered[rendered.length - 1] === '')) continue;
    rendered.push(value);
  }
  while (rendered.length > 0 && rendered[rendered.length - 1] === '') rendered.pop();
  return rendered.join('\n');
}
