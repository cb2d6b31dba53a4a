import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { cx } from '../../../components/ui/cx.js';

/** OpenAI-compatible providers a user picks from instead of typing a base URL (the fields stay editable). */
export const LLM_PRESETS = [
  { id: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  // Anthropic's OpenAI-compatible endpoint: JSON-schema output is not guaranteed there, so answers are always validated.
  { id: 'anthropic', baseUrl: 'https://api.anthropic.com/v1/', model: 'claude-3-5-haiku-latest' },
  { id: 'ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
  { id: 'vllm', baseUrl: 'http://localhost:8000/v1', model: '' },
  { id: 'lmstudio', baseUrl: 'http://localhost:1234/v1', model: '' },
  { id: 'custom', baseUrl: '', model: '' },
] as const;

type Preset = (typeof LLM_PRESETS)[number];

export function presetOf(baseUrl: string): Preset['id'] | null {
  const url = baseUrl.trim().replace(/\/+$/, '');
  if (!url) return null;
  return LLM_PRESETS.find((preset) => preset.baseUrl && preset.baseUrl.replace(/\/+$/, '') === url)?.id ?? 'custom';
}

/** Provider presets for Settings → API keys → LLM: a click fills the base URL and a model. */
export function LlmPresets({ baseUrl, onPick }: { baseUrl: string; onPick: (values: { baseUrl: string; model: string }) => void }) {
  const { t } = useI18n();
  const current = presetOf(baseUrl);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-ink">{t('credentials.llmPreset.label')}</legend>
      <div className="flex flex-wrap gap-2">
        {LLM_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={current === preset.id}
            onClick={() => onPick({ baseUrl: preset.baseUrl, model: preset.model })}
            className={cx(
              'rounded-full border px-3 py-1 text-xs font-medium',
              current === preset.id ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-line bg-panel text-ink hover:bg-surface',
            )}
          >
            {t(`credentials.llmPreset.${preset.id}` as MessageKey)}
          </button>
        ))}
      </div>
      {current === 'anthropic' && <p className="text-xs text-muted">{t('credentials.llmPreset.anthropicNote')}</p>}
      {(current === 'ollama' || current === 'vllm' || current === 'lmstudio') && <p className="text-xs text-muted">{t('credentials.llmPreset.localNote')}</p>}
    </fieldset>
  );
}
