import { useId } from 'react';
import { AGENT_PERSONALITIES, type AgentPersonality } from '../../../../shared/agent-rules.js';
import { cx } from '../../../components/ui/cx.js';
import { useT, type MessageKey } from '../../../i18n/index.js';

const ICONS: Record<AgentPersonality, string> = {
  consultative: 'M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3Zm-1 13h2v2h-2v-2Zm1-10a3.5 3.5 0 0 1 1.9 6.4c-.6.4-.9.8-.9 1.6h-2c0-1.6.7-2.5 1.7-3.2A1.5 1.5 0 1 0 10.5 9.5h-2A3.5 3.5 0 0 1 12 6Z',
  friendly: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-3.5 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm7 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM12 18a6 6 0 0 1-5.2-3h10.4A6 6 0 0 1 12 18Z',
  direct: 'M4 11h12.2l-4.6-4.6L13 5l7 7-7 7-1.4-1.4 4.6-4.6H4v-2Z',
  formal: 'M12 2 3 6v2h18V6l-9-4ZM5 10v7h2v-7H5Zm4 0v7h2v-7H9Zm4 0v7h2v-7h-2Zm4 0v7h2v-7h-2ZM3 19v2h18v-2H3Z',
  challenger: 'M13 2 4 14h6l-1 8 9-12h-6l1-8Z',
};

/** The five personality presets as a radio group of cards, each with a one-line description. */
export function PersonalityPicker({
  value,
  onChange,
  disabled,
  legend,
  columns = 'sm:grid-cols-2',
}: {
  value: string;
  onChange: (next: AgentPersonality) => void;
  disabled?: boolean;
  legend?: string;
  /** Grid columns: two in narrow forms, more where there is room (onboarding). */
  columns?: string;
}) {
  const t = useT();
  const name = useId();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-ink">{legend ?? t('agents.personality')}</legend>
      <div className={cx('mt-2 grid gap-2', columns)}>
        {AGENT_PERSONALITIES.map((personality) => {
          const checked = value === personality;
          return (
            <label
              key={personality}
              className={cx(
                'group relative flex cursor-pointer gap-3 rounded-lg border p-3 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500',
                checked ? 'border-brand-500 bg-brand-50/70 shadow-sm' : 'border-line bg-panel hover:border-brand-100 hover:bg-surface',
                disabled && 'cursor-not-allowed opacity-70',
              )}
            >
              <input type="radio" className="sr-only" name={name} value={personality} checked={checked} disabled={disabled} onChange={() => onChange(personality)} />
              <span className={cx('flex size-8 shrink-0 items-center justify-center rounded-md', checked ? 'bg-brand-600 text-white' : 'bg-surface text-muted group-hover:text-ink')} aria-hidden="true">
                <svg viewBox="0 0 24 24" className="size-4" fill="currentColor">
                  <path d={ICONS[personality]} />
                </svg>
              </span>
              <span className="min-w-0">
                <span className="block text-sm font-semibold text-ink">{t(`agents.personality.${personality}` as MessageKey)}</span>
                <span className="mt-0.5 block text-xs text-muted">{t(`agents.personality.${personality}.description` as MessageKey)}</span>
              </span>
              {checked && (
                <svg viewBox="0 0 20 20" className="absolute top-2 right-2 size-4 text-brand-600" fill="currentColor" aria-hidden="true">
                  <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3a1 1 0 0 0-1.4-1.4L9 10.6 7.7 9.3a1 1 0 0 0-1.4 1.4l2 2a1 1 0 0 0 1.4 0l4-4Z" clipRule="evenodd" />
                </svg>
              )}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
