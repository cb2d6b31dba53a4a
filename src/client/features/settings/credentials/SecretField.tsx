import { useId } from 'react';
import type { CredentialField } from '../../../../shared/credential-fields.js';
import { Button } from '../../../components/ui/Button.js';
import { TextField } from '../../../components/ui/Field.js';
import { useT } from '../../../i18n/index.js';
import type { SecretState } from './credential-form.js';

/**
 * A secret input that never shows the stored value: "Stored: •••• 1234" with Replace (and Remove
 * when the field is optional); Replace opens an empty password input.
 */
export function SecretField({
  field,
  label,
  hint,
  state,
  stored,
  last4,
  display,
  error,
  onChange,
}: {
  field: CredentialField;
  label: string;
  hint: string;
  state: SecretState;
  stored: boolean;
  last4: string | null;
  /** Replaces the "Stored: •••• 1234" text (the webhook shows its host). */
  display?: string;
  error?: string;
  onChange: (next: SecretState) => void;
}) {
  const t = useT();
  const labelId = useId();
  if (state.mode === 'editing') {
    return (
      <div className="space-y-1">
        <TextField
          label={label}
          hint={hint}
          error={error}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          autoFocus={stored}
          value={state.draft}
          onChange={(event) => onChange({ mode: 'editing', draft: event.target.value })}
        />
        {stored && (
          <button type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => onChange({ mode: 'stored', draft: '' })}>
            {t('credentials.secret.keep')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div role="group" aria-labelledby={labelId} className="space-y-1.5">
      <p id={labelId} className="text-sm font-medium text-ink">
        {label}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {state.mode === 'stored' ? (
          <span className="inline-flex h-10 items-center rounded-lg border border-line bg-surface px-3 font-mono text-sm text-muted">
            {display ?? (last4 ? t('credentials.secret.stored', { last4 }) : t('credentials.secret.storedHidden'))}
          </span>
        ) : (
          <span className="text-sm text-danger-600">{t('credentials.secret.removed')}</span>
        )}
        {state.mode === 'stored' ? (
          <>
            <Button variant="secondary" size="sm" aria-label={t('credentials.secret.replaceLabel', { field: label })} onClick={() => onChange({ mode: 'editing', draft: '' })}>
              {t('credentials.secret.replace')}
            </Button>
            {!field.required && (
              <Button variant="danger-ghost" size="sm" aria-label={t('credentials.secret.removeLabel', { field: label })} onClick={() => onChange({ mode: 'removing', draft: '' })}>
                {t('credentials.secret.remove')}
              </Button>
            )}
          </>
        ) : (
          <Button variant="ghost" size="sm" onClick={() => onChange({ mode: 'stored', draft: '' })}>
            {t('credentials.secret.undo')}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-xs font-medium text-danger-600">
          {error}
        </p>
      )}
    </div>
  );
}
