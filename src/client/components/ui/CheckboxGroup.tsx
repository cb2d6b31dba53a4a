import { useId, type ReactNode } from 'react';
import { cx } from './cx.js';

/** A set of checkboxes for a multi-choice value, as a fieldset with its legend. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  hint,
  disabled,
  columns = 'sm:grid-cols-3',
}: {
  legend: ReactNode;
  options: { value: T; label: string }[];
  value: T[];
  onChange: (next: T[]) => void;
  hint?: ReactNode;
  disabled?: boolean;
  columns?: string;
}) {
  const id = useId();
  const toggle = (option: T, checked: boolean) => {
    const next = checked ? [...value, option] : value.filter((entry) => entry !== option);
    // Keep the options' own order, whatever the click order.
    onChange(options.map((o) => o.value).filter((entry) => next.includes(entry)));
  };
  return (
    <fieldset className="space-y-2" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="text-sm font-medium text-ink">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="-mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      <div className={cx('grid grid-cols-2 gap-2', columns)}>
        {options.map((option) => {
          const checked = value.includes(option.value);
          return (
            <label
              key={option.value}
              className={cx(
                'flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500',
                checked ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-line bg-panel text-ink hover:bg-surface',
                disabled && 'cursor-not-allowed opacity-70',
              )}
            >
              <input
                type="checkbox"
                className="size-4 rounded border-line accent-brand-600"
                checked={checked}
                disabled={disabled}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              {option.label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
