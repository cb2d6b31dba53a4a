import { useId, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/index.js';
import { cx } from './cx.js';
import { CloseIcon } from './icons.js';

export type TagInputProps = {
  label: string;
  value: string[];
  onChange: (next: string[]) => void;
  hint?: string;
  error?: string;
  placeholder?: string;
  disabled?: boolean;
  maxItems?: number;
  maxLength?: number;
  /** Turns typed text into the stored item, or returns an error message to refuse it. */
  normalize?: (text: string) => { value: string } | { error: string };
};

/**
 * A list of short texts: type and press Enter (or a comma) to add, paste several lines at once,
 * remove with each item's button. Duplicates (ignoring case) are ignored. Additions and removals
 * are announced to screen readers.
 */
export function TagInput({ label, value, onChange, hint, error, placeholder, disabled, maxItems = 100, maxLength = 100, normalize }: TagInputProps) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const shownError = localError ?? error;

  const add = (texts: string[]) => {
    const next = [...value];
    const added: string[] = [];
    for (const raw of texts) {
      const text = raw.trim();
      if (!text) continue;
      if (text.length > maxLength) return setLocalError(t('tags.tooLong', { max: maxLength }));
      const result = normalize ? normalize(text) : { value: text };
      if ('error' in result) return setLocalError(result.error);
      if (next.some((item) => item.toLocaleLowerCase() === result.value.toLocaleLowerCase())) continue;
      if (next.length >= maxItems) return setLocalError(t('tags.tooMany', { max: maxItems }));
      next.push(result.value);
      added.push(result.value);
    }
    setLocalError(null);
    setDraft('');
    if (added.length) {
      onChange(next);
      setAnnouncement(t('tags.added', { items: added.join(', ') }));
    }
  };

  const remove = (item: string) => {
    onChange(value.filter((entry) => entry !== item));
    setAnnouncement(t('tags.removed', { item }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add([draft]);
    } else if (event.key === 'Backspace' && draft === '' && value.length) {
      remove(value[value.length - 1]!);
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (!/[\n,;]/.test(text)) return;
    event.preventDefault();
    add(text.split(/[\n,;]+/));
  };

  const describedBy = shownError ? `${id}-error` : `${id}-hint`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <div
        className={cx(
          'flex min-h-10 flex-wrap items-center gap-1.5 rounded-lg border bg-panel px-2 py-1.5 shadow-sm focus-within:border-brand-500 focus-within:ring-1 focus-within:ring-brand-500',
          shownError ? 'border-danger-600' : 'border-line',
          disabled && 'bg-surface',
        )}
      >
        {value.length > 0 && (
          <ul className="contents" aria-label={t('tags.listLabel', { label, count: value.length })}>
            {value.map((item) => (
              <li key={item} className="inline-flex max-w-full items-center gap-1 rounded-md bg-brand-50 py-0.5 pr-1 pl-2 text-sm text-brand-700 ring-1 ring-brand-100 ring-inset">
                <span className="truncate">{item}</span>
                {!disabled && (
                  <button
                    type="button"
                    onClick={() => remove(item)}
                    className="rounded p-0.5 text-brand-700/70 hover:bg-brand-100 hover:text-brand-700"
                    aria-label={t('tags.remove', { item })}
                  >
                    <CloseIcon className="size-3.5" />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {!disabled && (
          <input
            id={id}
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              if (localError) setLocalError(null);
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => draft.trim() && add([draft])}
            placeholder={value.length ? undefined : placeholder}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={describedBy}
            className="h-7 min-w-32 flex-1 border-0 bg-transparent px-1 text-sm text-ink placeholder:text-subtle focus:outline-none"
          />
        )}
        {disabled && value.length === 0 && <span className="px-1 text-sm text-subtle">{t('tags.empty')}</span>}
      </div>
      {shownError ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-danger-600">
          {shownError}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint ?? t('tags.hint')}
        </p>
      )}
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
