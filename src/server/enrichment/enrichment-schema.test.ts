import { describe, expect, it } from 'vitest';
import { enrichmentAnswerSchema, enrichmentJsonSchema, isLanguageCode, isOneSentence } from './enrichment-schema.js';

const VALID = {
  talkingPoints: ['Leads a 40-person sales team at Acme', 'Acme raised a Series B in 2025', 'Speaks at SaaStr about outbound'],
  openingLine: 'Hi Jane, congrats on scaling the Acme sales team to 40 people!',
  fitScore: 82,
  fitReason: 'VP Sales at a SaaS company in France, as the ICP targets.',
  timezone: 'Europe/Paris',
  language: 'fr',
};

// Keywords OpenAI's strict structured outputs accept (everything else is refused with a 400).
const STRICT_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'description', 'minItems', 'maxItems', 'minimum', 'maximum', 'pattern', 'enum', 'anyOf']);

function walk(schema: Record<string, unknown>, path: string, visit: (node: Record<string, unknown>, path: string) => void) {
  visit(schema, path);
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  for (const [name, child] of Object.entries(properties ?? {})) walk(child, `${path}.${name}`, visit);
  if (schema.items) walk(schema.items as Record<string, unknown>, `${path}[]`, visit);
}

describe('enrichment JSON schema (response_format)', () => {
  it('is strict-mode compatible: every object closed with all properties required, only supported keywords', () => {
    walk(enrichmentJsonSchema, '$', (node, path) => {
      for (const key of Object.keys(node)) expect(STRICT_KEYWORDS.has(key), `${path}: ${key}`).toBe(true);
      if (node.type === 'object') {
        expect(node.additionalProperties, path).toBe(false);
        expect([...(node.required as string[])].sort(), path).toEqual(Object.keys(node.properties as object).sort());
      }
    });
  });

  it('names exactly the fields of the zod schema', () => {
    expect(Object.keys(enrichmentJsonSchema.properties).sort()).toEqual(Object.keys(enrichmentAnswerSchema.shape).sort());
  });
});

describe('enrichmentAnswerSchema', () => {
  it('accepts a good answer, with timezone and language possibly null, and lower-cases the language', () => {
    expect(enrichmentAnswerSchema.parse(VALID)).toEqual(VALID);
    expect(enrichmentAnswerSchema.parse({ ...VALID, timezone: null, language: null })).toMatchObject({ timezone: null, language: null });
    expect(enrichmentAnswerSchema.parse({ ...VALID, language: 'FR' }).language).toBe('fr');
  });

  it.each([
    [{ talkingPoints: VALID.talkingPoints.slice(0, 2) }, 'talkingPoints'],
    [{ talkingPoints: [...VALID.talkingPoints, 'a fourth'] }, 'talkingPoints'],
    [{ talkingPoints: ['', 'b', 'c'] }, 'talkingPoints.0'],
    [{ openingLine: 'Hi Jane. I saw your talk.' }, 'openingLine'],
    [{ openingLine: 'Hi Jane,\nwelcome' }, 'openingLine'],
    [{ openingLine: 'x'.repeat(201) }, 'openingLine'],
    [{ fitScore: 101 }, 'fitScore'],
    [{ fitScore: -1 }, 'fitScore'],
    [{ fitScore: 72.5 }, 'fitScore'],
    [{ fitScore: '80' }, 'fitScore'],
    [{ timezone: 'Paris' }, 'timezone'],
    [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    [{ timezone: 'UTC+1' }, 'timezone'],
    [{ language: 'french' }, 'language'],
    [{ language: 'xx' }, 'language'],
    [{ extra: 'field' }, ''],
  ])('refuses %o (at %s)', (change, path) => {
    const result = enrichmentAnswerSchema.safeParse({ ...VALID, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('refuses a missing field', () => {
    const { fitReason: _dropped, ...rest } = VALID;
    expect(enrichmentAnswerSchema.safeParse(rest).success).toBe(false);
  });
});

describe('isOneSentence and isLanguageCode', () => {
  it('tells one sentence from two, allowing common abbreviations', () => {
    expect(isOneSentence('Hi Jane, congrats on the Series B!')).toBe(true);
    expect(isOneSentence('Hi Dr. Smith, your work on e.g. pricing caught my eye.')).toBe(true);
    expect(isOneSentence('Bonjour M. Dupont, bravo pour la levée de fonds.')).toBe(true);
    expect(isOneSentence('Great talk. Want to chat?')).toBe(false);
    expect(isOneSentence('Wow! Amazing work at Acme.')).toBe(false);
  });

  it('knows real ISO 639-1 codes', () => {
    for (const code of ['en', 'fr', 'de', 'ja', 'he', 'no']) expect(isLanguageCode(code), code).toBe(true);
    for (const code of ['xx', 'qq', 'EN', 'eng', '']) expect(isLanguageCode(code), code).toBe(false);
  });
});
