import { useId, useMemo } from 'react';
import { CheckboxField, SelectField, TextField } from '../../components/ui/Field.js';
import { cx } from '../../components/ui/cx.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import type { Values } from './CreateCampaignForm.js';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function timeZones(current: string): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...supported])];
}

/** The sending schedule part of the campaign form: time zone, window, days, daily limit, stop on reply. */
export function ScheduleFieldset({
  values,
  set,
  toggleDay,
  errorFor,
}: {
  values: Values;
  set: <K extends keyof Values>(field: K, value: Values[K]) => void;
  toggleDay: (day: number) => void;
  errorFor: (field: keyof Values) => string | undefined;
}) {
  const t = useT();
  const zones = useMemo(() => timeZones(values.timezone), [values.timezone]);
  const daysLegendId = useId();
  return (
    <fieldset className="space-y-4 rounded-lg border border-line bg-surface/50 p-4">
      <legend className="px-1 text-sm font-semibold text-ink">{t('campaigns.form.schedule')}</legend>
      <p className="-mt-2 text-xs text-muted">{t('campaigns.form.scheduleHint')}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label={t('campaigns.form.timezone')} value={values.timezone} onChange={(event) => set('timezone', event.target.value)} error={errorFor('timezone')}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </SelectField>
        <TextField
          type="time"
          label={t('campaigns.form.windowStart')}
          value={values.sendWindowStart}
          onChange={(event) => set('sendWindowStart', event.target.value)}
          error={errorFor('sendWindowStart')}
          required
        />
        <TextField
          type="time"
          label={t('campaigns.form.windowEnd')}
          value={values.sendWindowEnd}
          onChange={(event) => set('sendWindowEnd', event.target.value)}
          error={errorFor('sendWindowEnd')}
          required
        />
      </div>
      <fieldset aria-describedby={errorFor('sendDays') ? `${daysLegendId}-error` : undefined}>
        <legend id={daysLegendId} className="mb-1.5 text-sm font-medium text-ink">
          {t('campaigns.form.days')}
        </legend>
        <div className="flex flex-wrap gap-1.5">
          {DAYS.map((day) => {
            const checked = values.sendDays.includes(day);
            return (
              <label key={day} className="relative">
                <input type="checkbox" className="peer sr-only" checked={checked} onChange={() => toggleDay(day)} />
                <span
                  className={cx(
                    'inline-flex h-8 min-w-12 cursor-pointer items-center justify-center rounded-md border px-2 text-sm font-medium select-none peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500',
                    checked ? 'border-brand-600 bg-brand-600 text-white' : 'border-line bg-panel text-muted hover:text-ink',
                  )}
                >
                  {t(`campaigns.day.${day}` as MessageKey)}
                </span>
              </label>
            );
          })}
        </div>
        {errorFor('sendDays') && (
          <p id={`${daysLegendId}-error`} role="alert" className="mt-1.5 text-xs font-medium text-danger-600">
            {errorFor('sendDays')}
          </p>
        )}
      </fieldset>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <TextField
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          label={t('campaigns.form.dailyLimit')}
          hint={t('campaigns.form.dailyLimitHint')}
          value={values.dailyLimit}
          onChange={(event) => set('dailyLimit', event.target.value)}
          error={errorFor('dailyLimit')}
        />
        <div className="pt-7">
          <CheckboxField label={t('campaigns.form.stopOnReply')} checked={values.stopOnReply} onChange={(event) => set('stopOnReply', event.target.checked)} />
        </div>
      </div>
    </fieldset>
  );
}
