import type { ReactNode } from 'react';
import { DAILY_LIMIT_MAX, DAILY_LIMIT_MIN } from '../../../../shared/mailbox-rules.js';
import { CheckboxField, SelectField, TextField } from '../../../components/ui/Field.js';
import { TimeZoneSelect } from '../../../components/ui/TimeZoneSelect.js';
import { WeekdayPicker } from '../../../components/ui/WeekdayPicker.js';
import { useT } from '../../../i18n/index.js';
import type { MailboxFormState, ServerFields } from './mailbox-form-state.js';

type Errors = Record<string, string>;
type Update = (patch: Partial<MailboxFormState>) => void;

export function FormSection({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  // The legend is `display: contents` so the fieldset's top border stays a plain line; its text
  // then flows as an ordinary block, so it carries its own spacing.
  return (
    <fieldset className="space-y-4 border-t border-line pt-5 first:border-t-0 first:pt-0">
      <legend className="contents">
        <span className={`block text-sm font-semibold text-ink ${description ? 'mb-0.5' : 'mb-3'}`}>{title}</span>
      </legend>
      {description && <p className="text-xs text-muted">{description}</p>}
      {children}
    </fieldset>
  );
}

/** Swaps the port when it is the usual one of the other security mode (587 ⇄ 465, 143 ⇄ 993). */
function portForSecurity(port: string, secure: boolean, kind: 'smtp' | 'imap'): string {
  const [plain, tls] = kind === 'smtp' ? ['587', '465'] : ['143', '993'];
  if (secure && port === plain) return tls;
  if (!secure && port === tls) return plain;
  return port;
}

export function ServerFieldsGroup({
  kind,
  value,
  onChange,
  errors,
  hasStoredPassword,
  hideCredentials = false,
}: {
  kind: 'smtp' | 'imap';
  value: ServerFields;
  onChange: (next: ServerFields) => void;
  errors: Errors;
  hasStoredPassword: boolean;
  hideCredentials?: boolean;
}) {
  const t = useT();
  const set = (patch: Partial<ServerFields>) => onChange({ ...value, ...patch });
  const label = kind === 'smtp' ? 'SMTP' : 'IMAP';
  return (
    <div className="grid gap-4 sm:grid-cols-6">
      <TextField
        containerClassName="sm:col-span-3"
        label={t('mailboxes.form.host', { kind: label })}
        value={value.host}
        onChange={(event) => set({ host: event.target.value })}
        placeholder={kind === 'smtp' ? 'smtp.example.com' : 'imap.example.com'}
        autoComplete="off"
        spellCheck={false}
        error={errors[`${kind}.host`]}
      />
      <TextField
        containerClassName="sm:col-span-1"
        label={t('mailboxes.form.port', { kind: label })}
        value={value.port}
        inputMode="numeric"
        onChange={(event) => set({ port: event.target.value.replace(/[^\d]/g, '') })}
        error={errors[`${kind}.port`]}
      />
      <SelectField
        containerClassName="sm:col-span-2"
        label={t('mailboxes.form.security', { kind: label })}
        value={value.secure ? 'tls' : value.plaintext ? 'none' : 'starttls'}
        hint={!value.secure && value.plaintext ? t('mailboxes.form.security.noneHint') : undefined}
        onChange={(event) => {
          const secure = event.target.value === 'tls';
          set({ secure, plaintext: event.target.value === 'none', port: portForSecurity(value.port, secure, kind) });
        }}
      >
        <option value="tls">{t('mailboxes.form.security.tls')}</option>
        <option value="starttls">{t('mailboxes.form.security.starttls')}</option>
        {/* Plain text only when chosen, and said so: the password then crosses the network readable. */}
        <option value="none">{t('mailboxes.form.security.none')}</option>
      </SelectField>
      {!hideCredentials && (
        <>
          <TextField
            containerClassName="sm:col-span-3"
            label={t('mailboxes.form.user', { kind: label })}
            value={value.user}
            onChange={(event) => set({ user: event.target.value })}
            autoComplete="off"
            spellCheck={false}
            error={errors[`${kind}.user`]}
          />
          <TextField
            containerClassName="sm:col-span-3"
            type="password"
            label={t('mailboxes.form.password', { kind: label })}
            value={value.password}
            onChange={(event) => set({ password: event.target.value })}
            autoComplete="new-password"
            placeholder={hasStoredPassword ? '••••••••' : ''}
            hint={hasStoredPassword ? t('mailboxes.form.passwordKept') : t('mailboxes.form.passwordHint')}
            error={errors[`${kind}.password`]}
          />
        </>
      )}
    </div>
  );
}

export function LimitsFields({ state, update, errors }: { state: MailboxFormState; update: Update; errors: Errors }) {
  const t = useT();
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('mailboxes.form.dailyLimit')}
          value={state.dailyLimit}
          inputMode="numeric"
          onChange={(event) => update({ dailyLimit: event.target.value.replace(/[^\d]/g, '') })}
          hint={t('mailboxes.form.dailyLimitHint', { min: DAILY_LIMIT_MIN, max: DAILY_LIMIT_MAX })}
          error={errors.dailyLimit}
        />
        <TextField
          label={t('mailboxes.form.minGap')}
          value={state.minGapSeconds}
          inputMode="numeric"
          onChange={(event) => update({ minGapSeconds: event.target.value.replace(/[^\d]/g, '') })}
          hint={t('mailboxes.form.minGapHint')}
          error={errors.minGapSeconds}
        />
      </div>
      <CheckboxField
        label={t('mailboxes.form.warmup')}
        hint={t('mailboxes.form.warmupHint')}
        checked={state.warmupEnabled}
        onChange={(event) => update({ warmupEnabled: event.target.checked })}
      />
      {state.warmupEnabled && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('mailboxes.form.warmupStart')}
            value={state.warmupStart}
            inputMode="numeric"
            onChange={(event) => update({ warmupStart: event.target.value.replace(/[^\d]/g, '') })}
            error={errors['warmup.startPerDay']}
          />
          <TextField
            label={t('mailboxes.form.warmupIncrement')}
            value={state.warmupIncrement}
            inputMode="numeric"
            onChange={(event) => update({ warmupIncrement: event.target.value.replace(/[^\d]/g, '') })}
            hint={t('mailboxes.form.warmupTarget', { limit: state.dailyLimit || '—' })}
            error={errors['warmup.incrementPerDay']}
          />
        </div>
      )}
    </div>
  );
}

export function WindowFields({ state, update, errors }: { state: MailboxFormState; update: Update; errors: Errors }) {
  const t = useT();
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField type="time" label={t('mailboxes.form.windowStart')} value={state.windowStart} onChange={(event) => update({ windowStart: event.target.value })} error={errors['window.start']} />
        <TextField type="time" label={t('mailboxes.form.windowEnd')} value={state.windowEnd} onChange={(event) => update({ windowEnd: event.target.value })} error={errors['window.end']} />
        <TimeZoneSelect label={t('mailboxes.form.timezone')} value={state.timezone} onChange={(timezone) => update({ timezone })} error={errors['window.timezone']} />
      </div>
      <WeekdayPicker legend={t('mailboxes.form.days')} value={state.windowDays} onChange={(windowDays) => update({ windowDays })} error={errors['window.days']} />
    </div>
  );
}
