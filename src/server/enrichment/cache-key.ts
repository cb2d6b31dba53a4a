import { createHash } from 'node:crypto';
import { ENRICHMENT_PROMPT_VERSION, normaliseContext, normaliseFacts, type EnrichmentStyle, type IcpCriteria, type ProspectFacts } from './prompt.js';

/**
 * The enrichment cache key: a prospect whose key matches its stored enrichment's is not sent to the
 * model again. sha256 over the normalised facts, the model, the prompt version — and the ICP and
 * style, because they are part of the prompt: a changed ICP changes the fit score, so it must
 * re-enrich rather than serve a score judged against the old ICP. Whitespace, Unicode form and
 * ICP list order do not change the key; anything the model would read differently does.
 */
export function enrichmentCacheKey(input: {
  facts: ProspectFacts;
  model: string;
  icp: IcpCriteria;
  style: EnrichmentStyle;
  promptVersion?: string;
}): string {
  const facts = normaliseFacts(input.facts);
  const context = normaliseContext(input.icp, input.style);
  const material = JSON.stringify({
    v: input.promptVersion ?? ENRICHMENT_PROMPT_VERSION,
    model: input.model.trim(),
    // Fixed field order, so the key does not depend on how the caller built the object.
    facts: [facts.firstName, facts.lastName, facts.fullName, facts.title, facts.company, facts.companyDomain, facts.industry, facts.location, facts.summary],
    icp: context.icp,
    style: context.style,
  });
  return createHash('sha256').update(material).digest('hex');
}
