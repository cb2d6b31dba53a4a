/**
 * List prices of the hosted models people are likely to configure, in US dollars per million
 * tokens, for the usage page's *estimated* cost. Prices change: these are the providers' published
 * standard (non-batch, uncached) rates as last checked on PRICES_CHECKED_ON; update them with it.
 * A model not listed here (a local Ollama/vLLM model, a fine-tune, a new release) has no estimate:
 * the usage page shows tokens only, never a made-up figure.
 */
export const PRICES_CHECKED_ON = '2025-08-01';

export type ModelPrice = { inputPerMillion: number; outputPerMillion: number };

export const MODEL_PRICES: Record<string, ModelPrice> = {
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  'claude-3-5-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-3-7-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-opus-4': { inputPerMillion: 15, outputPerMillion: 75 },
  'claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
};

// What providers append to a model name without changing its price: a snapshot date or "latest".
const VERSION_SUFFIX = /^(?:-\d{4}-\d{2}-\d{2}|-\d{8}|-latest)?$/;

/**
 * The price of `model`: an exact name, or a listed name followed by a snapshot suffix
 * (`gpt-4o-mini-2024-07-18`, `claude-3-5-haiku-20241022`, `claude-3-5-haiku-latest`). The longest
 * listed name wins, so `gpt-4o-mini` is never priced as `gpt-4o`; other suffixes
 * (`gpt-4o-audio-preview`) are different products and have no price here.
 */
export function modelPrice(model: string): ModelPrice | null {
  const name = model.trim().toLowerCase().replace(/^(?:openai|anthropic)\//, '');
  let best: string | null = null;
  for (const listed of Object.keys(MODEL_PRICES)) {
    if (name.startsWith(listed) && VERSION_SUFFIX.test(name.slice(listed.length)) && (!best || listed.length > best.length)) best = listed;
  }
  return best ? MODEL_PRICES[best]! : null;
}

/** Estimated cost in US dollars of one call or a month's total, or null for a model without a known price. */
export function estimateCostUsd(model: string, tokensIn: number, tokensOut: number): number | null {
  const price = modelPrice(model);
  if (!price) return null;
  const cost = (Math.max(0, tokensIn) * price.inputPerMillion + Math.max(0, tokensOut) * price.outputPerMillion) / 1_000_000;
  // Micro-dollar precision: enough for per-call figures, no float noise in totals.
  return Math.round(cost * 1_000_000) / 1_000_000;
}
