import type { z } from 'zod';
import { enrichmentAnswerSchema, type EnrichmentAnswer } from './enrichment-schema.js';
import type { ProspectFacts } from './prompt.js';

/**
 * Checking a model's answer before anything is stored or mailed: JSON, then the schema, then the
 * content rules the schema cannot say — no links, email addresses, phone numbers, placeholders, or
 * instructions echoed from the profile (a prompt injection that got through shows up here). The
 * problem comes back as one short sentence, sent to the model once for a retry.
 */

export type AnswerCheck =
  | { ok: true; answer: EnrichmentAnswer }
  | { ok: false; kind: 'empty' | 'json' | 'schema' | 'content'; problem: string };

const MAX_PROBLEM_LENGTH = 500;

/** A model that ignores "no code fence" still wraps the JSON in ```json … ```: take what is inside. */
function unwrap(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```[a-z]*\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  return fenced ? fenced[1]!.trim() : trimmed;
}

function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    return path ? `${path} ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return parts.join('; ') + more;
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/i;
const EMAIL_PATTERN = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
const PHONE_PATTERN = /(?:\+|\b00)\d[\d ().-]{7,}\d|\b\d{3}[ .-]\d{3}[ .-]\d{4}\b/;
const PLACEHOLDER_PATTERN = /\{\{|\}\}|\[(?:first ?name|last ?name|name|company|title)\]|<(?:first ?name|name|company)>/i;
const INSTRUCTION_PATTERNS = [
  /\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,60}\b(?:instructions?|prompts?|rules|guidelines|directives)\b/i,
  /\bsystem prompt\b/i,
  /\bas an ai\b|\blanguage model\b/i,
  /\b(?:fitScore|talkingPoints|openingLine|fitReason)\b/,
  /\b(?:BEGIN|END) PROSPECT DATA\b/i,
];
// Bare domains are only flagged when the profile mentions them (an answer repeating one is echoing
// the profile), and only as links: hosts of the profile's URLs, or bare names under TLDs that are
// not also technology names (Node.js, Socket.io and ASP.NET are fine in a talking point).
const DOMAIN_PATTERN = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b/gi;
const LINK_TLDS = new Set(['com', 'org', 'co', 'biz', 'info', 'xyz', 'top', 'click', 'link', 'site', 'online', 'example', 'test', 'fr', 'de', 'uk', 'ru', 'cn', 'tk']);

/** Domains the profile mentions as links, other than the company's own. */
export function profileDomains(facts: ProspectFacts): string[] {
  const text = [facts.summary, facts.title, facts.company, facts.industry, facts.location].filter(Boolean).join('\n');
  const own = facts.companyDomain?.toLowerCase().replace(/^www\./, '') ?? null;
  const found = new Set<string>();
  const add = (domain: string) => {
    const bare = domain.toLowerCase().replace(/^www\./, '');
    if (bare !== own) found.add(bare);
  };
  for (const link of text.matchAll(new RegExp(URL_PATTERN.source, 'gi'))) {
    const host = /^(?:https?:\/\/)?([^/\s?#:]+)/i.exec(link[0])?.[1];
    if (host && host.includes('.')) add(host);
  }
  for (const match of text.matchAll(DOMAIN_PATTERN)) {
    if (LINK_TLDS.has(match[0].split('.').at(-1)!.toLowerCase())) add(match[0]);
  }
  return [...found];
}

/** What is wrong with one generated text, or null. */
export function textProblem(text: string, echoedDomains: string[]): string | null {
  const url = URL_PATTERN.exec(text);
  if (url) return `must not contain a link (${url[0].slice(0, 60)})`;
  if (EMAIL_PATTERN.test(text)) return 'must not contain an email address';
  if (PHONE_PATTERN.test(text)) return 'must not contain a phone number';
  if (PLACEHOLDER_PATTERN.test(text)) return 'must not contain a placeholder';
  if (INSTRUCTION_PATTERNS.some((pattern) => pattern.test(text))) return 'must be about the prospect, not repeat instructions';
  const lower = text.toLowerCase();
  const domain = echoedDomains.find((candidate) => new RegExp(`(?:^|[^a-z0-9.-])${candidate.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?![a-z0-9-])`).test(lower));
  if (domain) return `must not contain a link (${domain})`;
  return null;
}

/** Content rules over every generated text field of a schema-valid answer; the first problem, or null. */
export function contentProblem(answer: EnrichmentAnswer, facts: ProspectFacts): string | null {
  const domains = profileDomains(facts);
  const fields: [string, string][] = [
    ['openingLine', answer.openingLine],
    ...answer.talkingPoints.map((point, index): [string, string] => [`talkingPoints.${index}`, point]),
    ['fitReason', answer.fitReason],
  ];
  for (const [name, text] of fields) {
    const problem = textProblem(text, domains);
    if (problem) return `${name} ${problem}`;
  }
  return null;
}

export function checkEnrichmentAnswer(text: string, facts: ProspectFacts): AnswerCheck {
  const body = unwrap(text);
  if (body === '') return { ok: false, kind: 'empty', problem: 'the answer was empty' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message.slice(0, 120) : 'unreadable';
    return { ok: false, kind: 'json', problem: `the answer is not valid JSON (${reason})` };
  }
  const parsed = enrichmentAnswerSchema.safeParse(json);
  if (!parsed.success) return { ok: false, kind: 'schema', problem: describeIssues(parsed.error).slice(0, MAX_PROBLEM_LENGTH) };
  const problem = contentProblem(parsed.data, facts);
  if (problem) return { ok: false, kind: 'content', problem: problem.slice(0, MAX_PROBLEM_LENGTH) };
  return { ok: true, answer: parsed.data };
}

/**
 * Text in a profile that addresses an AI ("ignore your instructions…"): not a reason to refuse the
 * prospect, but worth a flag on the enrichment so a human looks at it.
 */
export function injectionAttempt(facts: ProspectFacts): string | null {
  const text = [facts.summary, facts.title, facts.company, facts.fullName].filter(Boolean).join('\n');
  const match = INSTRUCTION_PATTERNS.slice(0, 2)
    .map((pattern) => pattern.exec(text))
    .find((found) => found !== null);
  return match ? match[0].slice(0, 120) : null;
}
