import { z } from 'zod';
import { isValidTimezone } from '../../shared/mailbox-rules.js';

/**
 * What enrichment produces for one prospect, from the LLM or the offline provider: the zod schema
 * every answer is validated with, and the JSON schema sent as `response_format`.
 *
 * The JSON schema is written out rather than generated from the zod one: OpenAI's strict mode
 * refuses keywords it does not support (`minLength`, `maxLength`, `format`…) with a 400, and a
 * generator emits them from `.min()`/`.max()`. It keeps to what strict mode accepts (types,
 * `required` listing every property, `additionalProperties: false`, `minItems`/`maxItems`,
 * `minimum`/`maximum`, `pattern`, nullable as a type list) and says the length limits in the
 * descriptions; zod enforces them. A test keeps the two in step.
 */

export const ENRICHMENT_SCHEMA_NAME = 'prospect_enrichment';
export const TALKING_POINT_MAX_LENGTH = 240;
export const OPENING_LINE_MAX_LENGTH = 200;
export const FIT_REASON_MAX_LENGTH = 300;

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS = /\b(?:mr|mrs|ms|dr|prof|sr|jr|st|inc|ltd|co|corp|vs|etc|e\.g|i\.e|u\.s|u\.k|m|mme|mlle)\.$/i;

/** True when `text` reads as one sentence: no line break, no sentence end followed by another sentence. */
export function isOneSentence(text: string): boolean {
  if (/[\r\n]/.test(text)) return false;
  const boundaries = [...text.matchAll(/[.!?…]+["»”')\]]*\s+(?=\S)/g)];
  return boundaries.every((match) => ABBREVIATIONS.test(text.slice(0, (match.index ?? 0) + match[0].trimEnd().length)));
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** An ISO 639-1 code Intl knows (`fr`, `en`…): `xx` looks like one but names no language. */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languageNames.of(code) !== code;
}

const IANA_SHAPE = /^(?:UTC|[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;

export const enrichmentAnswerSchema = z
  .object({
    talkingPoints: z
      .array(z.string().trim().min(1, 'must not be empty').max(TALKING_POINT_MAX_LENGTH, `must be at most ${TALKING_POINT_MAX_LENGTH} characters`))
      .length(3, 'must have exactly 3 items'),
    openingLine: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(OPENING_LINE_MAX_LENGTH, `must be at most ${OPENING_LINE_MAX_LENGTH} characters`)
      .refine(isOneSentence, 'must be a single sentence'),
    fitScore: z.number('must be a number').int('must be an integer').min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
    fitReason: z.string().trim().min(1, 'must not be empty').max(FIT_REASON_MAX_LENGTH, `must be at most ${FIT_REASON_MAX_LENGTH} characters`),
    timezone: z
      .string()
      .trim()
      .refine((value) => IANA_SHAPE.test(value) && isValidTimezone(value), 'must be an IANA timezone such as "Europe/Paris", or null')
      .nullable(),
    language: z.string().trim().toLowerCase().refine(isLanguageCode, 'must be an ISO 639-1 code such as "fr", or null').nullable(),
  })
  .strict();

export type EnrichmentAnswer = z.infer<typeof enrichmentAnswerSchema>;

const text = (description: string) => ({ type: 'string', description });

/** The `response_format.json_schema.schema` for `enrichmentAnswerSchema` (strict-mode compatible). */
export const enrichmentJsonSchema = {
  type: 'object',
  properties: {
    talkingPoints: {
      type: 'array',
      description: `Exactly 3 specific points about the prospect to mention in a cold email, each at most ${TALKING_POINT_MAX_LENGTH} characters.`,
      items: text('One talking point.'),
      minItems: 3,
      maxItems: 3,
    },
    openingLine: text(`One sentence, at most ${OPENING_LINE_MAX_LENGTH} characters, opening a personal email to the prospect. No links, email addresses or placeholders.`),
    fitScore: { type: 'integer', description: 'How well the prospect matches the ideal customer profile, 0 (not at all) to 100 (perfectly).', minimum: 0, maximum: 100 },
    fitReason: text(`One sentence, at most ${FIT_REASON_MAX_LENGTH} characters, explaining the fit score against the ideal customer profile.`),
    timezone: { type: ['string', 'null'], description: 'The prospect\'s likely IANA timezone, e.g. "Europe/Paris"; null when unknown.' },
    language: { type: ['string', 'null'], description: 'The prospect\'s likely language as an ISO 639-1 code, e.g. "fr"; null when unknown.', pattern: '^[a-z]{2}$' },
  },
  required: ['talkingPoints', 'openingLine', 'fitScore', 'fitReason', 'timezone', 'language'],
  additionalProperties: false,
} as const satisfies Record<string, unknown>;
