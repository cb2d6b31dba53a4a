import { refused, type RefusalParams } from './issue-rules.js';

/**
 * Rules for AI agents shared by the server (validation) and the settings UI (hints, live checks),
 * so both say the same thing.
 */
export const AGENT_PERSONALITIES = ['consultative', 'friendly', 'direct', 'formal', 'challenger'] as const;
export type AgentPersonality = (typeof AGENT_PERSONALITIES)[number];

/** Variables a reply template may use; anything else is refused with the list below. */
export const TEMPLATE_VARIABLES = ['firstName', 'lastName', 'fullName', 'company', 'title', 'bookingUrl', 'senderName', 'senderCompany'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const CONFIDENCE_MIN = 0.5;
export const CONFIDENCE_MAX = 1;
export const CONFIDENCE_DEFAULT = 0.8;
export const UNDO_WINDOW_MAX_SECONDS = 3600;
export const AGENT_LIST_MAX_ITEMS = 50;
export const AGENT_TEMPLATES_MAX = 20;
export const TEMPLATE_BODY_MAX_LENGTH = 5000;

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Problems in a template: variables we do not know, and braces that do not form a variable
 * (`{{firstName` or `{firstName}}`), which would otherwise reach a prospect verbatim.
 */
export function templateProblems(text: string): { unknown: string[]; malformed: boolean } {
  const known = new Set<string>(TEMPLATE_VARIABLES);
  const unknown: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1] ?? '';
    if (!known.has(name) && !unknown.includes(name)) unknown.push(name);
  }
  const rest = text.replace(VARIABLE, '');
  return { unknown, malformed: rest.includes('{{') || rest.includes('}}') };
}

/** What the API says of a template with problems (English message, rule for the UI), or null when it is fine. */
export function templateProblem(text: string): { message: string; params: RefusalParams } | null {
  const { unknown, malformed } = templateProblems(text);
  const allowed = TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(', ');
  if (unknown.length) {
    const names = unknown.map((name) => `{{${name}}}`).join(', ');
    return refused({ rule: 'template.unknown_variables', variables: names, allowed }, `Unknown variable${unknown.length > 1 ? 's' : ''} ${names}: use one of ${allowed}`);
  }
  if (malformed) return refused({ rule: 'template.unbalanced', allowed }, `Unbalanced braces: write variables as {{firstName}} (one of ${allowed})`);
  return null;
}

/** Replaces known variables; unknown ones cannot be stored, so they are left as they are. */
export function renderTemplate(text: string, values: Partial<Record<TemplateVariable, string>>): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    const value = values[name as TemplateVariable];
    return value === undefined ? whole : value;
  });
}
