import { CheckboxField, TextField } from '../../components/ui/Field.js';
import { TimeZoneSelect } from '../../components/ui/TimeZoneSelect.js';
import { WeekdayPicker } from '../../components/ui/WeekdayPicker.js';
import { useT } from '../../i18n/index.js';
import type { ResolvedValues } from './campaign-form-state.js';

/** The sending schedule part of the campaign form: time zone, window, days, daily limit, stop on reply. */
export function ScheduleFieldset({
  values,
  set,
  errorFor,
}: {
  values: ResolvedValues;
  set: <K extends keyof ResolvedValues>(field: K, value: ResolvedValues[K]) => void;
  errorFor: (field: keyof ResolvedValues) => string | undefined;
}) {
  const t = useT();
  return (
    <fieldset className="space-y-4 rounded-lg border border-line bg-surface/50 p-4">
      <legend className="px-1 text-sm font-semibold text-ink">{t('campaigns.form.schedule')}</legend>
      <p className="-mt-2 text-xs text-muted">{t('campaigns.form.scheduleHint')}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <TimeZoneSelect label={t('campaigns.form.timezone')} value={values.timezone} onChange={(zone) => set('timezone', zone)} error={errorFor('timezone')} />
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
      <WeekdayPicker legend={t('campaigns.form.days')} value={values.sendDays} onChange={(days) => set('sendDays', days)} error={errorFor('sendDays')} />
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
        <div className="sm:pt-7">
          <CheckboxField label={t('campaigns.form.stopOnReply')} checked={values.stopOnReply} onChange={(event) => set('stopOnReply', event.target.checked)} />
        </div>
      </div>
      <div className="space-y-2 rounded-lg border border-line bg-panel p-3">
        <p className="text-sm text-muted">{t('campaigns.form.trackingHint')}</p>
        <CheckboxField label={t('campaigns.form.trackOpens')} checked={values.trackOpens} onChange={(event) => set('trackOpens', event.target.checked)} />
        <CheckboxField label={t('campaigns.form.trackClicks')} checked={values.trackClicks} onChange={(event) => set('trackClicks', event.target.checked)} />
      </div>
    </fieldset>
  );
}
