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
  templateProblem,
} from '../../shared/agent-rules.js';
import { AGENT_LANGUAGES, DECISION_ACTIONS, REPLY_INTENTS, UI_LANGUAGES } from '../../shared/enums.js';
import { hasLineBreak } from '../../shared/mailbox-rules.js';
import { refused } from '../../shared/issue-rules.js';
import { agents } from '../db/schema/index.js';
import { textListSchema } from '../icp/text-list.js';
import { linkProblem } from '../integrations/url-guard.js';

const templateText = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = templateProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', ...problem });
    });

export const agentTemplateSchema = z.object({
  name: z.string().trim().min(1, 'Template name is required').max(80, 'Template name must be at most 80 characters'),
  // Becomes the Subject header of replies: a CR or LF there would let it inject headers.
  subject: templateText(200, 'Subject')
    .refine((value) => !hasLineBreak(value), refused('text.line_break', 'Subject must not contain line breaks'))
    .optional(),
  body: templateText(TEMPLATE_BODY_MAX_LENGTH, 'Template body').refine((value) => value.trim().length > 0, refused('required', 'Template body is required')),
});

/** Empty means "no booking link"; anything else must be an http(s) URL. */
export const bookingUrlSchema = z
  .string()
  .trim()
  .max(500, 'Booking link must be at most 500 characters')
  .refine((value) => value === '' || linkProblem(value) === null, refused('url.http', 'Booking link must be an http(s) URL, e.g. https://cal.com/you/30min'))
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

/** The agent editor's settings as they stand (saved or not) and an optional prospect message. */
export const previewReplyInput = z.object({
  agent: z.object({
    personality: agentFields.personality,
    tone: agentFields.tone.optional(),
    language: agentFields.language.default('auto'),
    templates: agentFields.templates.optional(),
    bookingUrl: agentFields.bookingUrl.optional(),
    confidenceThreshold: agentFields.confidenceThreshold.optional(),
    autoSend: agentFields.autoSend.optional(),
    forbiddenTopics: agentFields.forbiddenTopics.optional(),
    escalationWords: agentFields.escalationWords.optional(),
  }),
  /** The prospect's message to answer; a realistic one in the agent's language when absent. */
  sampleInbound: z.string().trim().max(2000, 'Sample message must be at most 2000 characters').optional(),
  /** Language for an `auto` agent when there is no sample message to detect it from. */
  fallbackLanguage: z.enum(UI_LANGUAGES).optional(),
});

export const previewReplyOutput = z.object({
  /** False when the workspace's AI model gave the verdict (as it would for a live reply). */
  offline: z.boolean(),
  language: z.enum(UI_LANGUAGES),
  intent: z.enum(REPLY_INTENTS),
  confidence: z.number(),
  decision: z.enum(['auto_send', 'review_low_confidence', 'review_escalation', 'review_forbidden_topic', 'review_autosend_off', 'review_offline', 'no_answer']),
  /** What the live pipeline would do with this reply (the playground's `action`). */
  action: z.enum(DECISION_ACTIONS).optional(),
  reason: z.string().optional(),
  matched: z.string().nullable(),
  source: z.enum(['template', 'composed']),
  templateName: z.string().nullable(),
  inbound: z.object({ fromName: z.string(), fromEmail: z.string(), company: z.string(), subject: z.string(), body: z.string() }),
  reply: z.object({ subject: z.string(), body: z.string() }),
});
export type PreviewReplyInput = z.infer<typeof previewReplyInput>;

export const classifyReplyInput = z.object({
  id: z.uuid('Not a valid id'),
  subject: z.string().trim().max(998).optional(),
  text: z.string().min(1, 'Paste a reply').max(20_000, 'The reply must be at most 20000 characters'),
  headers: z.record(z.string().max(100), z.string().max(2000)).refine((value) => Object.keys(value).length <= 50, 'at most 50 headers').optional(),
});

export const classifyReplyOutput = z.object({
  intent: z.enum(REPLY_INTENTS),
  confidence: z.number(),
  reason: z.string(),
  action: z.enum(DECISION_ACTIONS),
  draft: z.object({ subject: z.string(), body: z.string() }).optional(),
  /** Codes and params the UI words in its language; `text` is the English line. */
  reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.string()), text: z.string() })),
  provider: z.enum(['offline', 'llm']),
  model: z.string().nullable(),
  sendsAutomatically: z.boolean(),
});
