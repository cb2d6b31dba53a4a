import { useMemo, type ReactNode } from 'react';
import { timeZoneLabel, timeZoneOptions } from '../../lib/time-zones.js';
import { SelectField } from './Field.js';

/** A select of every IANA time zone the browser knows (UTC first), keeping a saved zone it may not know. */
export function TimeZoneSelect({
  label,
  value,
  onChange,
  hint,
  error,
  disabled,
}: {
  label: ReactNode;
  value: string;
  onChange: (zone: string) => void;
  hint?: ReactNode;
  error?: string;
  disabled?: boolean;
}) {
  const zones = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value)} hint={hint} error={error} disabled={disabled}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {timeZoneLabel(zone)}
        </option>
      ))}
    </SelectField>
  );
}
