import { AGENT_PERSONALITIES, TEMPLATE_VARIABLES, templateProblems, type AgentPersonality } from '../../../../shared/agent-rules.js';
import type { Translate } from '../../../i18n/index.js';
import type { RouterInputs, RouterOutputs } from '../../../lib/trpc.js';

export type Agent = RouterOutputs['agents']['list'][number];
export type AgentLanguage = 'auto' | 'en' | 'fr';
export type TemplateState = { key: number; name: string; subject: string; body: string };

export type AgentFormState = {
  name: string;
  personality: AgentPersonality;
  tone: string;
  style: string;
  language: AgentLanguage;
  bookingUrl: string;
  templates: TemplateState[];
  confidenceThreshold: number;
  autoSend: boolean;
  undoWindowSeconds: number;
  forbiddenTopics: string[];
  escalationWords: string[];
};

let nextKey = 1;
export const newTemplateKey = () => nextKey++;

export function isPersonality(value: string): value is AgentPersonality {
  return (AGENT_PERSONALITIES as readonly string[]).includes(value);
}

export function toFormState(agent: Agent): AgentFormState {
  return {
    name: agent.name,
    personality: isPersonality(agent.personality) ? agent.personality : 'consultative',
    tone: agent.tone,
    style: agent.style,
    language: agent.language,
    bookingUrl: agent.bookingUrl ?? '',
    templates: agent.templates.map((template) => ({ key: newTemplateKey(), name: template.name, subject: template.subject ?? '', body: template.body })),
    confidenceThreshold: agent.confidenceThreshold,
    autoSend: agent.autoSend,
    undoWindowSeconds: agent.undoWindowSeconds,
    forbiddenTopics: agent.forbiddenTopics,
    escalationWords: agent.escalationWords,
  };
}

export function toPayload(state: AgentFormState): Omit<RouterInputs['agents']['update'], 'id'> {
  return {
    name: state.name,
    personality: state.personality,
    tone: state.tone,
    style: state.style,
    language: state.language,
    bookingUrl: state.bookingUrl.trim(),
    templates: state.templates.map((template) => ({ name: template.name, body: template.body, ...(template.subject.trim() ? { subject: template.subject } : {}) })),
    confidenceThreshold: state.confidenceThreshold,
    autoSend: state.autoSend,
    undoWindowSeconds: state.undoWindowSeconds,
    forbiddenTopics: state.forbiddenTopics,
    escalationWords: state.escalationWords,
  };
}

export function toPreviewAgent(state: AgentFormState): RouterInputs['agents']['previewReply']['agent'] {
  const payload = toPayload(state);
  return {
    personality: state.personality,
    tone: payload.tone,
    language: state.language,
    templates: payload.templates,
    bookingUrl: payload.bookingUrl,
    confidenceThreshold: state.confidenceThreshold,
    autoSend: state.autoSend,
    forbiddenTopics: state.forbiddenTopics,
    escalationWords: state.escalationWords,
  };
}

const ALLOWED = TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(', ');

/** The same template rule as the server, in the reader's language. */
export function templateError(text: string, t: Translate): string | undefined {
  const { unknown, malformed } = templateProblems(text);
  if (unknown.length) return t('agents.template.unknownVariable', { names: unknown.map((name) => `{{${name}}}`).join(', '), allowed: ALLOWED });
  if (malformed) return t('agents.template.malformed', { allowed: ALLOWED });
  return undefined;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Field errors found before sending, keyed like the server's issue paths (`templates.0.body`). */
export function validateAgentForm(state: AgentFormState, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!state.name.trim()) errors.name = t('agents.error.nameRequired');
  if (state.bookingUrl.trim() && !isHttpUrl(state.bookingUrl.trim())) errors.bookingUrl = t('agents.error.bookingUrl');
  state.templates.forEach((template, index) => {
    if (!template.name.trim()) errors[`templates.${index}.name`] = t('agents.error.templateName');
    const subject = templateError(template.subject, t);
    if (subject) errors[`templates.${index}.subject`] = subject;
    const body = template.body.trim() ? templateError(template.body, t) : t('agents.error.templateBody');
    if (body) errors[`templates.${index}.body`] = body;
  });
  return errors;
}
