import { describe, expect, it } from 'vitest';
import { LLM_PRESETS, presetForBaseUrl } from '../../shared/llm-presets.js';
import { urlProblem } from '../integrations/url-guard.js';
import { estimateCostUsd, modelPrice } from './model-costs.js';

describe('estimateCostUsd', () => {
  it('prices known models per million tokens in and out', () => {
    // 1,000 prompt tokens + 200 completion tokens on gpt-4o-mini: 0.00015 + 0.00012.
    expect(estimateCostUsd('gpt-4o-mini', 1000, 200)).toBe(0.00027);
    expect(estimateCostUsd('gpt-4.1-mini', 1_000_000, 1_000_000)).toBe(2);
    expect(estimateCostUsd('claude-3-5-haiku-latest', 2_000_000, 0)).toBe(1.6);
    expect(estimateCostUsd('claude-sonnet-4-20250514', 0, 1_000_000)).toBe(15);
  });

  it('reads snapshot names as their model, and never prices gpt-4o-mini as gpt-4o', () => {
    expect(modelPrice('gpt-4o-mini-2024-07-18')).toEqual(modelPrice('gpt-4o-mini'));
    expect(modelPrice('GPT-4o')).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
    expect(modelPrice('openai/gpt-4o-mini')).toEqual(modelPrice('gpt-4o-mini'));
    expect(modelPrice('gpt-4o-mini')).not.toEqual(modelPrice('gpt-4o'));
  });

  it('is null for models without a known price (local models, other products)', () => {
    for (const model of ['llama3.1:8b', 'mistral', 'gpt-4o-audio-preview', 'my-fine-tune', '']) expect(estimateCostUsd(model, 1000, 1000), model).toBeNull();
  });
});

describe('LLM provider presets', () => {
  it('offers OpenAI, Anthropic, Ollama, vLLM, LM Studio and custom, with valid base URLs', () => {
    expect(LLM_PRESETS.map((preset) => preset.id)).toEqual(['openai', 'anthropic', 'ollama', 'vllm', 'lmstudio', 'custom']);
    for (const preset of LLM_PRESETS.filter((entry) => entry.baseUrl)) {
      expect(urlProblem(preset.baseUrl, { allowPrivate: preset.local }), preset.id).toBeNull();
      if (preset.local) expect(urlProblem(preset.baseUrl, { allowPrivate: false }), preset.id).toMatch(/private network/);
    }
    const anthropic = presetForBaseUrl('https://api.anthropic.com/v1');
    expect(anthropic).toMatchObject({ id: 'anthropic', strictSchema: false });
    expect(anthropic.note).toMatch(/does not guarantee JSON-schema conformance/);
    expect(presetForBaseUrl('https://openrouter.ai/api/v1').id).toBe('custom');
  });
});
