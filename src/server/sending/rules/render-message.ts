import { parseTemplate, renderTemplate, type ParsedTemplate, type TemplateIssue, type VariableLookup } from './template.js';

/**
 * Renders one step (or A/B variant) for one prospect. The same function serves the live preview
 * and the send path, with the same seed, so what the user previews is what the prospect receives.
 */

export type BodyFormat = 'text' | 'html';

export type StepContent = { subject: string; body: string; bodyFormat: BodyFormat };

/** Which prospect, step and variant: spintax choices derive from it. */
export type MessageSeed = { prospectId: string; stepPosition: number; variantIndex: number };

/** Why a message must not leave; the engine holds the prospect with this reason. */
export type MessageHold =
  | { code: 'template_syntax'; issues: (TemplateIssue & { part: 'subject' | 'body' })[] }
  | { code: 'unresolved_variables'; variables: string[] }
  | { code: 'empty_body' }
  /** The first message of a thread rendered to an empty subject (follow-ups use `Re:`). */
  | { code: 'empty_subject' };

export type RenderedStep = {
  subject: string;
  body: string;
  bodyFormat: BodyFormat;
  unresolved: string[];
  usedFallbacks: string[];
  issues: (TemplateIssue & { part: 'subject' | 'body' })[];
  /** `null` = sendable. */
  hold: MessageHold | null;
};

export function spintaxSeed(seed: MessageSeed, part: 'subject' | 'body'): string {
  return `${seed.prospectId}:${seed.stepPosition}:${seed.variantIndex}:${part}`;
}

/** Parse once per step, render per prospect (the tick renders thousands of messages per step). */
export type ParsedStep = { subject: ParsedTemplate; body: ParsedTemplate; bodyFormat: BodyFormat };

export function parseStep(content: StepContent): ParsedStep {
  return { subject: parseTemplate(content.subject), body: parseTemplate(content.body), bodyFormat: content.bodyFormat };
}

export function renderStep(content: StepContent | ParsedStep, lookup: VariableLookup, seed: MessageSeed): RenderedStep {
  const parsed = isParsed(content) ? content : parseStep(content);
  const subject = renderTemplate(parsed.subject, lookup, { seed: spintaxSeed(seed, 'subject'), mode: 'header' });
  const body = renderTemplate(parsed.body, lookup, { seed: spintaxSeed(seed, 'body'), mode: parsed.bodyFormat });
  const issues = [...subject.issues.map((issue) => ({ ...issue, part: 'subject' as const })), ...body.issues.map((issue) => ({ ...issue, part: 'body' as const }))];
  const unresolved = [...new Set([...subject.unresolved, ...body.unresolved])];
  const usedFallbacks = [...new Set([...subject.usedFallbacks, ...body.usedFallbacks])];
  let hold: MessageHold | null = null;
  if (issues.length) hold = { code: 'template_syntax', issues };
  else if (unresolved.length) hold = { code: 'unresolved_variables', variables: unresolved };
  else if (body.text.trim() === '') hold = { code: 'empty_body' };
  return { subject: subject.text, body: body.text, bodyFormat: parsed.bodyFormat, unresolved, usedFallbacks, issues, hold };
}

function isParsed(content: StepContent | ParsedStep): content is ParsedStep {
  return typeof content.subject !== 'string';
}
