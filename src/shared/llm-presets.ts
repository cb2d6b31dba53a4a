/**
 * The LLM provider presets offered in Settings → API keys. Each fills the base URL and a model;
 * the user can change both. All speak the OpenAI chat-completions protocol (the `openai` SDK).
 * `strictSchema` says whether the server is asked for strict JSON-schema output: answers are
 * validated either way, since not every server honours `response_format`.
 */
export const LLM_PRESET_IDS = ['openai', 'anthropic', 'ollama', 'vllm', 'lmstudio', 'custom'] as const;
export type LlmPresetId = (typeof LLM_PRESET_IDS)[number];

export type LlmPreset = {
  id: LlmPresetId;
  label: string;
  baseUrl: string;
  defaultModel: string;
  /** Local servers usually run without a key. */
  needsApiKey: boolean;
  strictSchema: boolean;
  /** A private-network URL: the server needs ALLOW_PRIVATE_NETWORK_URLS=true to call it. */
  local: boolean;
  note: string;
};

const CUSTOM_PRESET: LlmPreset = {
  id: 'custom',
  label: 'Other OpenAI-compatible server',
  baseUrl: '',
  defaultModel: '',
  needsApiKey: false,
  strictSchema: false,
  local: false,
  note: 'Any server speaking the OpenAI chat-completions API (OpenRouter, Together, Groq, a proxy…). Answers are validated.',
};

export const LLM_PRESETS: readonly LlmPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    defaultModel: 'gpt-4o-mini',
    needsApiKey: true,
    strictSchema: true,
    local: false,
    note: 'Structured outputs in strict mode.',
  },
  {
    id: 'anthropic',
    label: 'Anthropic Claude',
    baseUrl: 'https://api.anthropic.com/v1/',
    defaultModel: 'claude-3-5-haiku-latest',
    needsApiKey: true,
    strictSchema: false,
    local: false,
    note: "Through Anthropic's OpenAI-compatible endpoint, which does not guarantee JSON-schema conformance (it ignores response_format): every answer is validated, and an invalid one is asked again once.",
  },
  {
    id: 'ollama',
    label: 'Ollama (local)',
    baseUrl: 'http://localhost:11434/v1/',
    defaultModel: 'llama3.1:8b',
    needsApiKey: false,
    strictSchema: false,
    local: true,
    note: 'The model must be pulled first (ollama pull <model>). Answers are validated.',
  },
  {
    id: 'vllm',
    label: 'vLLM (local)',
    baseUrl: 'http://localhost:8000/v1',
    defaultModel: 'meta-llama/Llama-3.1-8B-Instruct',
    needsApiKey: false,
    strictSchema: false,
    local: true,
    note: 'Use the model name the server was started with. Answers are validated.',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio (local)',
    baseUrl: 'http://localhost:1234/v1',
    defaultModel: 'local-model',
    needsApiKey: false,
    strictSchema: false,
    local: true,
    note: "Start LM Studio's local server and load a model. Answers are validated.",
  },
  CUSTOM_PRESET,
];

/** The preset whose base URL this is (trailing slashes ignored), else `custom`. */
export function presetForBaseUrl(baseUrl: string): LlmPreset {
  const bare = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();
  return LLM_PRESETS.find((preset) => preset.baseUrl && bare(preset.baseUrl) === bare(baseUrl)) ?? CUSTOM_PRESET;
}
