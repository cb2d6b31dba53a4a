import { z } from 'zod';
import { BODY_TEMPLATE_MAX, SEQUENCE_MAX_STEPS, SUBJECT_TEMPLATE_MAX } from './sequences.schemas.js';
import { MAX_VARIANTS_PER_STEP } from './rules/variants.js';

const id = z.uuid('Not a valid id');

/** What the editor shows now, before autosave caught up: rendered instead of the stored step. */
const draftInput = z.object({
  subject: z.string().max(SUBJECT_TEMPLATE_MAX * 2),
  body: z.string().max(BODY_TEMPLATE_MAX),
  bodyFormat: z.enum(['text', 'html']).default('text'),
});

export const previewInput = z.object({
  id,
  prospectId: id,
  /** 0-based step position; default the first step. */
  step: z.number().int().min(0).max(SEQUENCE_MAX_STEPS - 1).default(0),
  /** 0 = version A (the step itself), 1–3 = B–D. */
  variant: z.number().int().min(0).max(MAX_VARIANTS_PER_STEP - 1).default(0),
  draft: draftInput.optional(),
});
export type PreviewInput = z.infer<typeof previewInput>;

export const previewOutput = z.object({
  prospect: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() }),
  step: z.number().int(),
  variant: z.number().int(),
  from: z.object({ name: z.string(), address: z.string() }).nullable(),
  subject: z.string(),
  /** True when the subject continues the thread (`Re:` of an earlier step). */
  threaded: z.boolean(),
  text: z.string(),
  /** The HTML part when the step is written in simple HTML, else null. */
  html: z.string().nullable(),
  /** The unsubscribe line and postal address every email ends with. */
  footer: z.string(),
  unresolved: z.array(z.string()),
  usedFallbacks: z.array(z.string()),
  /** Why this message would be held for this prospect (never sent), or null when it would send. */
  hold: z.enum(['template_syntax', 'unresolved_variables', 'empty_body', 'empty_subject']).nullable(),
});
export type PreviewView = z.infer<typeof previewOutput>;

export const testSendInput = previewInput.omit({ draft: true });
export type TestSendInput = z.infer<typeof testSendInput>;

export const testSendOutput = z.object({
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  /** Sent through the sandbox mailbox: kept nowhere, nothing left the server. */
  sandbox: z.boolean(),
});
export type TestSendView = z.infer<typeof testSendOutput>;
