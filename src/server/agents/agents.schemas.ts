import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import {
  AGENT_LIST_MAX_ITEMS,
  AGENT_PERSONALITIES,
  AGENT_TEMPLATES_MAX,
  CONFIDENCE_MAX,
  CONFIDENCE_MIN,
  TEMPLATE_BODY_MAX_LENGTH,
  UNDO_WINDOW_MAX_SECONDS,
  templateProblemMessage,
} from '../../shared/agent-rules.js';
import { AGENT_LANGUAGES } from '../../shared/enums.js';
import { agents } from '../db/schema/index.js';
import { textListSchema } from '../icp/text-list.js';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

const templateText = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = templateProblemMessage(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const agentTemplateSchema = z.object({
  name: z.string().trim().min(1, 'Template name is required').max(80, 'Template name must be at most 80 characters'),
  subject: templateText(200, 'Subject').optional(),
  body: templateText(TEMPLATE_BODY_MAX_LENGTH, 'Template body').refine((value) => value.trim().length > 0, 'Template body is required'),
});

/** Empty means "no booking link"; anything else must be an http(s) URL. */
export const bookingUrlSchema = z
  .string()
  .trim()
  .max(500, 'Booking link must be at most 500 characters')
  .refine((value) => value === '' || isHttpUrl(value), 'Booking link must be an http(s) URL, e.g. https://cal.com/you/30min')
  .transform((value) => value || null)
  .nullable();

/** Every editable field, each optional: creation fills defaults, updates change what is given. */
export const agentFields = {
  name: z.string().trim().min(1, 'Name is required').max(80, 'Name must be at most 80 characters'),
  personality: z.enum(AGENT_PERSONALITIES, `Personality must be one of ${AGENT_PERSONALITIES.join(', ')}`),
  tone: z.string().trim().max(200, 'Tone must be at most 200 characters'),
  style: z.string().trim().max(1000, 'Style must be at most 1000 characters'),
  language: z.enum(AGENT_LANGUAGES, `Language must be one of ${AGENT_LANGUAGES.join(', ')}`),
  templates: z.array(agentTemplateSchema).max(AGENT_TEMPLATES_MAX, `At most ${AGENT_TEMPLATES_MAX} templates`),
  bookingUrl: bookingUrlSchema,
  confidenceThreshold: z
    .number()
    .min(CONFIDENCE_MIN, `Confidence threshold must be between ${CONFIDENCE_MIN} and ${CONFIDENCE_MAX}`)
    .max(CONFIDENCE_MAX, `Confidence threshold must be between ${CONFIDENCE_MIN} and ${CONFIDENCE_MAX}`),
  autoSend: z.boolean(),
  undoWindowSeconds: z.number().int().min(0).max(UNDO_WINDOW_MAX_SECONDS, `Undo window must be at most ${UNDO_WINDOW_MAX_SECONDS} seconds`),
  forbiddenTopics: textListSchema({ maxItems: AGENT_LIST_MAX_ITEMS, maxLength: 100, what: 'topic' }),
  escalationWords: textListSchema({ maxItems: AGENT_LIST_MAX_ITEMS, maxLength: 100, what: 'escalation word' }),
};

export const agentIdSchema = z.uuid('Agent id must be a UUID');

export const createAgentInput = z.object({
  name: agentFields.name,
  personality: agentFields.personality.optional(),
  tone: agentFields.tone.optional(),
  style: agentFields.style.optional(),
  language: agentFields.language.optional(),
  templates: agentFields.templates.optional(),
  bookingUrl: agentFields.bookingUrl.optional(),
  confidenceThreshold: agentFields.confidenceThreshold.optional(),
  autoSend: agentFields.autoSend.optional(),
  undoWindowSeconds: agentFields.undoWindowSeconds.optional(),
  forbiddenTopics: agentFields.forbiddenTopics.optional(),
  escalationWords: agentFields.escalationWords.optional(),
  /** Make the new agent the workspace default (the flag moves from the previous one). */
  isDefault: z.boolean().optional(),
});
export type CreateAgentInput = z.infer<typeof createAgentInput>;

export const updateAgentInput = createAgentInput.partial().extend({ id: agentIdSchema });
export type UpdateAgentInput = z.infer<typeof updateAgentInput>;

export const agentOutput = createSelectSchema(agents)
  .pick({
    id: true,
    name: true,
    personality: true,
    tone: true,
    style: true,
    language: true,
    bookingUrl: true,
    confidenceThreshold: true,
    autoSend: true,
    undoWindowSeconds: true,
    forbiddenTopics: true,
    escalationWords: true,
    isDefault: true,
    createdAt: true,
    updatedAt: true,
  })
  .extend({
    templates: z.array(z.object({ name: z.string(), subject: z.string().optional(), body: z.string() })),
    /** Campaigns that use this agent. */
    campaignCount: z.number().int(),
  });
export type AgentView = z.infer<typeof agentOutput>;
