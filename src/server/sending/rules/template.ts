import { pickIndex } from './seeded-random.js';

/**
 * The template language of sequence steps.
 *
 * - `{{path}}` inserts a variable; `path` is a name with optional dotted segments
 *   (`firstName`, `talkingPoints.0`, `custom.industry_note`). Spaces inside the braces are ignored.
 * - `{{path|fallback}}` inserts `fallback` when the variable has no value. The fallback is literal
 *   text (no variables, no spintax), trimmed, and may be empty: `{{firstName|}}` means "leave it
 *   out". Without a fallback a missing value leaves the message unsendable (see `RenderResult`).
 * - `{a|b|c}` (single braces, at least one `|`) is spintax: one option is chosen from the seed.
 *   Options may hold variables and further spintax (nesting up to `MAX_SPINTAX_DEPTH`). Braces
 *   without a `|` (`{note}`) stay literal text, so ordinary braces need no escaping.
 * - Rendering is single-pass: an inserted value is never parsed again, so a first name of
 *   `{{email}}` or `{a|b}` is written out literally.
 * - Malformed syntax (`{{firstName`, `{{first name}}`, `{Hi|Hello` with no closing brace) is kept
 *   as literal text and reported as an issue; a message with an issue is unsendable too, so a
 *   prospect never receives `{{` in an email.
 */

export const MAX_SPINTAX_DEPTH = 8;

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; path: string; fallback: string | null; offset: number }
  | { kind: 'spintax'; ordinal: number; options: TemplateNode[][]; offset: number };

export type TemplateIssueCode = 'unclosed_variable' | 'invalid_variable_name' | 'unclosed_spintax';

export type TemplateIssue = { code: TemplateIssueCode; offset: number; excerpt: string };

export type ParsedTemplate = { nodes: TemplateNode[]; issues: TemplateIssue[] };

const VARIABLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*$/;
const EXCERPT_LENGTH = 30;

type GroupResult = { options: TemplateNode[][]; end: number; closed: boolean };

class TemplateParser {
  readonly issues: TemplateIssue[] = [];
  private ordinal = 0;

  constructor(private readonly source: string) {}

  parse(): TemplateNode[] {
    const { options } = this.sequence(0, 0);
    // At top level `|` and `}` are text, so there is exactly one option.
    return options[0] ?? [];
  }

  /** Parses from `start`; inside a group (`depth` > 0) stops at the matching `}`. */
  private sequence(start: number, depth: number): GroupResult {
    const src = this.source;
    const options: TemplateNode[][] = [[]];
    let current = options[0]!;
    let i = start;
    let text = '';
    const flush = () => {
      if (text) current.push({ kind: 'text', text });
      text = '';
    };
    while (i < src.length) {
      const char = src[i]!;
      if (char === '{' && src[i + 1] === '{') {
        flush();
        i = this.variable(i, current);
      } else if (char === '{' && depth < MAX_SPINTAX_DEPTH) {
        flush();
        i = this.group(i, depth, current);
      } else if (depth > 0 && char === '|') {
        flush();
        current = [];
        options.push(current);
        i++;
      } else if (depth > 0 && char === '}') {
        flush();
        return { options, end: i + 1, closed: true };
      } else {
        text += char;
        i++;
      }
    }
    flush();
    return { options, end: i, closed: depth === 0 };
  }

  private variable(start: number, into: TemplateNode[]): number {
    const src = this.source;
    const close = src.indexOf('}}', start + 2);
    const inner = close === -1 ? -1 : src.indexOf('{{', start + 2);
    if (close === -1 || (inner !== -1 && inner < close)) {
      this.issue('unclosed_variable', start);
      into.push({ kind: 'text', text: '{{' });
      return start + 2;
    }
    const content = src.slice(start + 2, close);
    const bar = content.indexOf('|');
    const path = (bar === -1 ? content : content.slice(0, bar)).trim();
    const fallback = bar === -1 ? null : content.slice(bar + 1).trim();
    if (!VARIABLE_PATH.test(path)) {
      this.issue('invalid_variable_name', start);
      into.push({ kind: 'text', text: src.slice(start, close + 2) });
    } else {
      into.push({ kind: 'variable', path, fallback, offset: start });
    }
    return close + 2;
  }

  private group(start: number, depth: number, into: TemplateNode[]): number {
    const result = this.sequence(start + 1, depth + 1);
    if (result.closed && result.options.length >= 2) {
      into.push({ kind: 'spintax', ordinal: this.ordinal++, options: result.options, offset: start });
    } else if (result.closed) {
      into.push({ kind: 'text', text: '{' }, ...(result.options[0] ?? []), { kind: 'text', text: '}' });
    } else {
      // Ran off the end: a `{` with a `|` after it looks like broken spintax; a lone `{` is text.
      if (result.options.length >= 2) this.issue('unclosed_spintax', start);
      into.push({ kind: 'text', text: this.source.slice(start, result.end) });
    }
    return result.end;
  }

  private issue(code: TemplateIssueCode, offset: number) {
    this.issues.push({ code, offset, excerpt: this.source.slice(offset, offset + EXCERPT_LENGTH) });
  }
}

export function parseTemplate(source: string): ParsedTemplate {
  const parser = new TemplateParser(source);
  const nodes = parser.parse();
  return { nodes, issues: parser.issues };
}

/** Every variable reference in the template, in order (spintax options included). */
export function templateVariables(parsed: ParsedTemplate): { path: string; fallback: string | null }[] {
  const found: { path: string; fallback: string | null }[] = [];
  const walk = (nodes: readonly TemplateNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'variable') found.push({ path: node.path, fallback: node.fallback });
      else if (node.kind === 'spintax') node.options.forEach(walk);
    }
  };
  walk(parsed.nodes);
  return found;
}

/**
 * Looks a variable up; `null` = no value. Deciding that a blank value is "no value" is the
 * lookup's job (`buildVariableLookup` does), so a legitimately empty variable can render as ''.
 */
export type VariableLookup = (path: string) => string | null;

/**
 * - `text`: values inserted as they are (plain-text bodies);
 * - `html`: values and fallbacks HTML-escaped (the template's own markup is kept);
 * - `header`: for subjects, every run of whitespace or control characters (CR/LF from a
 *   multi-line value included) collapses to one space and the result is trimmed, so a value can
 *   never add a header line.
 */
export type RenderMode = 'text' | 'html' | 'header';

export type RenderResult = {
  text: string;
  /** Variables with no value and no fallback, each once, in order of appearance. */
  unresolved: string[];
  /** Variables that had no value and used their fallback. */
  usedFallbacks: string[];
  issues: TemplateIssue[];
};

export function renderTemplate(source: string | ParsedTemplate, lookup: VariableLookup, options: { seed: string; mode: RenderMode }): RenderResult {
  const parsed = typeof source === 'string' ? parseTemplate(source) : source;
  const unresolved = new Set<string>();
  const usedFallbacks = new Set<string>();
  const escape = options.mode === 'html' ? escapeHtml : (value: string) => value;
  let out = '';
  const walk = (nodes: readonly TemplateNode[]) => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          out += node.text;
          break;
        case 'variable': {
          const value = lookup(node.path);
          if (value !== null) {
            out += escape(stripNul(value));
          } else if (node.fallback !== null) {
            usedFallbacks.add(node.path);
            out += escape(node.fallback);
          } else {
            // Kept visible so the preview shows what is missing; the result is unsendable anyway.
            unresolved.add(node.path);
            out += escape(`{{${node.path}}}`);
          }
          break;
        }
        case 'spintax': {
          const chosen = node.options[pickIndex(`${options.seed}#${node.ordinal}`, node.options.length)];
          if (chosen) walk(chosen);
          break;
        }
        default:
          assertNever(node);
      }
    }
  };
  walk(parsed.nodes);
  const text = options.mode === 'header' ? collapseHeaderText(out) : out;
  return { text, unresolved: [...unresolved], usedFallbacks: [...usedFallbacks], issues: parsed.issues };
}

/** One line of header text: whitespace and control characters (CR, LF, NUL, tab…) become single spaces. */
export function collapseHeaderText(value: string): string {
  return value.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function stripNul(value: string): string {
  return value.replaceAll('\u0000', '');
}

/**
 * The longest text any spintax choice can produce, with each variable counted as `variableLength`
 * characters (lint uses it for subject length, whatever option a prospect gets).
 */
export function longestRenderLength(parsed: ParsedTemplate, variableLength: (path: string, fallback: string | null) => number): number {
  const measure = (nodes: readonly TemplateNode[]): number => {
    let length = 0;
    for (const node of nodes) {
      if (node.kind === 'text') length += node.text.length;
      else if (node.kind === 'variable') length += variableLength(node.path, node.fallback);
      else length += Math.max(...node.options.map(measure));
    }
    return length;
  };
  return measure(parsed.nodes);
}

/** The template's literal text with variables removed and every spintax option kept (for word checks). */
export function templateLiteralText(parsed: ParsedTemplate): string {
  const parts: string[] = [];
  const walk = (nodes: readonly TemplateNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'text') parts.push(node.text);
      else if (node.kind === 'variable') parts.push(' ');
      else
        node.options.forEach((option) => {
          parts.push(' ');
          walk(option);
          parts.push(' ');
        });
    }
  };
  walk(parsed.nodes);
  return parts.join('');
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
