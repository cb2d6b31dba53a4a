import { useId } from 'react';
import { useI18n } from '../../i18n/index.js';
import { WEEKDAYS, weekdayNames } from '../../lib/weekdays.js';
import { cx } from './cx.js';

/** Days of the week as a row of toggles (checkboxes in a fieldset); `value` holds ISO numbers, 1 = Monday. */
export function WeekdayPicker({ legend, value, onChange, error, disabled }: { legend: string; value: number[]; onChange: (next: number[]) => void; error?: string; disabled?: boolean }) {
  const { language } = useI18n();
  const id = useId();
  const short = weekdayNames(language, 'short');
  const long = weekdayNames(language, 'long');
  const toggle = (day: number) => onChange(value.includes(day) ? value.filter((d) => d !== day) : [...value, day].sort((a, b) => a - b));
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} disabled={disabled}>
      <legend className="mb-1.5 text-sm font-medium text-ink">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {WEEKDAYS.map((day) => {
          const checked = value.includes(day);
          return (
            <label key={day} className="relative">
              <input type="checkbox" className="peer sr-only" checked={checked} onChange={() => toggle(day)} />
              <span
                className={cx(
                  'inline-flex h-8 min-w-12 cursor-pointer items-center justify-center rounded-lg border px-2 text-sm font-medium capitalize select-none peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-500 peer-disabled:cursor-not-allowed peer-disabled:opacity-60',
                  checked ? 'border-brand-600 bg-brand-600 text-white' : 'border-line bg-panel text-muted hover:bg-surface hover:text-ink',
                )}
              >
                <span aria-hidden="true">{short[day]}</span>
                <span className="sr-only">{long[day]}</span>
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1.5 text-xs font-medium text-danger-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
