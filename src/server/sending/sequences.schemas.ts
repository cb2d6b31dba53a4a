import { z } from 'zod';
import { refused } from '../../shared/issue-rules.js';
import { hasLineBreak } from '../../shared/mailbox-rules.js';
import { storableText } from '../../shared/text-rules.js';
import { LINT_CODES } from './rules/lint.js';
import { MAX_VARIANTS_PER_STEP } from './rules/variants.js';

export const SEQUENCE_MAX_STEPS = 10;
export const SUBJECT_TEMPLATE_MAX = 200;
export const BODY_TEMPLATE_MAX = 20_000;
export const STEP_DELAY_MAX_DAYS = 90;

const campaignId = z.uuid('Not a valid id');

/** A subject becomes a header: a CR or LF in it would let a template add headers (Bcc:). */
const subjectTemplate = storableText('Subject')
  .max(SUBJECT_TEMPLATE_MAX, `Subject must be at most ${SUBJECT_TEMPLATE_MAX} characters`)
  .refine((value) => !hasLineBreak(value), refused('text.line_break', 'Subject must not contain line breaks'))
  .transform((value) => value.trim());

const bodyTemplate = storableText('Body')
  .max(BODY_TEMPLATE_MAX, `Body must be at most ${BODY_TEMPLATE_MAX} characters`)
  .refine((value) => value.trim() !== '', refused('required', 'Body is required'));

const variantInput = z.object({ subject: subjectTemplate, body: bodyTemplate });

const stepInput = z.object({
  delayDays: z.number().int('Whole days only').min(0, 'The delay cannot be negative').max(STEP_DELAY_MAX_DAYS, `At most ${STEP_DELAY_MAX_DAYS} days`),
  businessDays: z.boolean().default(false),
  /** Blank on a follow-up: the message continues the thread (`Re:` the previous subject). */
  subject: subjectTemplate.default(''),
  body: bodyTemplate,
  bodyFormat: z.enum(['text', 'html']).default('text'),
  /** Versions B, C, D of this step for an A/B test (the step itself is A): 2 to 4 versions in all. */
  variants: z
    .array(variantInput)
    .max(MAX_VARIANTS_PER_STEP - 1, `At most ${MAX_VARIANTS_PER_STEP} versions per step`)
    .default([]),
});

export const putSequenceInput = z.object({
  id: campaignId,
  steps: z.array(stepInput).max(SEQUENCE_MAX_STEPS, `At most ${SEQUENCE_MAX_STEPS} steps`),
});
export type PutSequenceInput = z.infer<typeof putSequenceInput>;

const lintWarningOutput = z.object({
  code: z.enum(LINT_CODES),
  severity: z.enum(['error', 'warning']),
  field: z.enum(['subject', 'body']),
  params: z.record(z.string(), z.unknown()),
});

export const sequenceOutput = z.object({
  campaignId: z.uuid(),
  steps: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      delayDays: z.number().int(),
      businessDays: z.boolean(),
      subject: z.string(),
      body: z.string(),
      bodyFormat: z.enum(['text', 'html']),
      variants: z.array(z.object({ subject: z.string(), body: z.string() })),
    }),
  ),
  /** Custom field keys the campaign's prospects carry: the variable picker offers `{{custom.<key>}}` for each. */
  customFieldKeys: z.array(z.string()),
  /** Lint per step and version (0 = A): warnings the editor shows; nothing here blocks a save. */
  lint: z.array(z.object({ stepIndex: z.number().int(), variantIndex: z.number().int(), warnings: z.array(lintWarningOutput) })),
});
export type SequenceView = z.infer<typeof sequenceOutput>;
