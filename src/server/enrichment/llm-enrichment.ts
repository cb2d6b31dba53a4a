import { completeStructured, type LlmMessage } from '../integrations/llm-structured.js';
import { checkEnrichmentAnswer } from './answer.js';
import { enrichmentCacheKey } from './cache-key.js';
import { ENRICHMENT_SCHEMA_NAME, enrichmentJsonSchema, type EnrichmentAnswer } from './enrichment-schema.js';
import { buildEnrichmentPrompt, ENRICHMENT_PROMPT_VERSION, retryMessages, type EnrichmentStyle, type IcpCriteria, type ProspectFacts } from './prompt.js';

/**
 * One prospect through the LLM: prompt → completion → validation, and when the answer is invalid
 * (not JSON, off-schema, or carrying a link/instruction) one more call with the problem stated.
 * No database and no retry timing here: service errors (refused key, 429, 5xx, timeout) are thrown
 * as the classes of `retryable-errors.ts` for the job engine; an answer still invalid after the
 * second call is returned as `{ok: false}`, to be recorded as the prospect's enrichment error.
 */

export type LlmSettings = {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  /** False for servers that reject strict mode (see src/shared/llm-presets.ts). */
  strict: boolean;
  allowPrivate: boolean;
  timeoutMs: number;
};

export type LlmEnrichment =
  | { ok: true; answer: EnrichmentAnswer; provider: 'llm'; model: string; cacheKey: string; promptVersion: string; tokensIn: number; tokensOut: number; calls: number }
  | { ok: false; problem: string; model: string; cacheKey: string; tokensIn: number; tokensOut: number; calls: number };

/** Calls made for one prospect at most: the first answer and one corrected retry. */
export const MAX_CALLS_PER_PROSPECT = 2;

export async function enrichWithLlm(input: { settings: LlmSettings; facts: ProspectFacts; icp: IcpCriteria; style: EnrichmentStyle; signal?: AbortSignal; now?: () => Date }): Promise<LlmEnrichment> {
  const { settings } = input;
  const prompt = buildEnrichmentPrompt(input);
  const cacheKey = enrichmentCacheKey({ facts: prompt.facts, model: settings.model, icp: input.icp, style: input.style });
  let messages: LlmMessage[] = prompt.messages;
  let tokensIn = 0;
  let tokensOut = 0;
  let problem = 'no answer';
  let model = settings.model;
  for (let call = 1; call <= MAX_CALLS_PER_PROSPECT; call++) {
    const completion = await completeStructured({
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      model: settings.model,
      messages,
      schemaName: ENRICHMENT_SCHEMA_NAME,
      jsonSchema: enrichmentJsonSchema,
      strict: settings.strict,
      timeoutMs: settings.timeoutMs,
      allowPrivate: settings.allowPrivate,
      signal: input.signal,
      now: input.now,
    });
    tokensIn += completion.tokensIn ?? 0;
    tokensOut += completion.tokensOut ?? 0;
    model = completion.model;
    const checked = checkEnrichmentAnswer(completion.content, prompt.facts);
    if (checked.ok) return { ok: true, answer: checked.answer, provider: 'llm', model, cacheKey, promptVersion: ENRICHMENT_PROMPT_VERSION, tokensIn, tokensOut, calls: call };
    problem = completion.refusal ? `the model refused: ${completion.refusal.slice(0, 200)}` : checked.problem;
    messages = retryMessages(prompt.messages, completion.content, problem);
  }
  return { ok: false, problem: `The model's answer was invalid twice: ${problem}`, model, cacheKey, tokensIn, tokensOut, calls: MAX_CALLS_PER_PROSPECT };
}
