import { useState, type FormEvent, type ReactNode } from 'react';
import { UI_LANGUAGES, type UiLanguage } from '../../../../shared/enums.js';
import {
  COMPANY_NAME_MAX_LENGTH,
  POSTAL_ADDRESS_MAX_LENGTH,
  RETENTION_DEFAULT_DAYS,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  supportedTimeZones,
} from '../../../../shared/workspace-rules.js';
import { Alert } from '../../../components/ui/Alert.js';
import { Button } from '../../../components/ui/Button.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { SelectField, TextAreaField, TextField } from '../../../components/ui/Field.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { TimeZoneSelect } from '../../../components/ui/TimeZoneSelect.js';
import { useToast } from '../../../components/ui/Toast.js';
import { LANGUAGE_NAMES, useT } from '../../../i18n/index.js';
import { browserTimeZone } from '../../../lib/time-zones.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type Settings = RouterOutputs['workspace']['get'];
type FormState = { name: string; companyName: string; postalAddress: string; timezone: string; language: UiLanguage; retentionDays: string };

function toState(settings: Settings, guessTimeZone: boolean): FormState {
  const guess = guessTimeZone && settings.timezone === 'UTC' ? browserTimeZone() : null;
  return {
    name: settings.name,
    companyName: settings.companyName ?? '',
    postalAddress: settings.postalAddress ?? '',
    timezone: guess && supportedTimeZones().includes(guess) ? guess : settings.timezone,
    language: settings.language,
    retentionDays: String(settings.retentionDays),
  };
}

/** Shown wherever the postal address is missing: campaigns must not send without it. */
function PostalAddressWarning() {
  const t = useT();
  return (
    <Alert
      tone="warning"
      title={t('workspace.postalAddress.missing')}
      icon={
        <svg viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path fillRule="evenodd" d="M8.5 2.6a1.7 1.7 0 0 1 3 0l6.3 11.6A1.7 1.7 0 0 1 16.3 17H3.7a1.7 1.7 0 0 1-1.5-2.8L8.5 2.6ZM10 7a.8.8 0 0 0-.8.8v3.4a.8.8 0 0 0 1.6 0V7.8A.8.8 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" clipRule="evenodd" />
        </svg>
      }
    >
      {t('workspace.postalAddress.why')}
    </Alert>
  );
}

type WorkspaceSettingsFormProps = {
  readOnly?: boolean;
  showRetention?: boolean;
  /** Onboarding: propose the browser's time zone while the workspace still has the UTC default. */
  guessTimeZone?: boolean;
  onSaved?: () => void;
  /** Replaces the footer (a submit button inside saves). */
  actions?: (state: { saving: boolean }) => ReactNode;
};

/**
 * Workspace settings (Settings → Workspace, and onboarding step 1 without the retention field).
 * `actions` renders the buttons; a submit button saves.
 */
export function WorkspaceSettingsForm(props: WorkspaceSettingsFormProps) {
  const t = useT();
  const errorText = useErrorText();
  const settings = trpc.workspace.get.useQuery();
  if (settings.error) return <ErrorState message={errorText.message(settings.error, t('workspace.loadFailed'))} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <SkeletonRows rows={5} label={t('common.loading')} />;
  return <WorkspaceFields initial={settings.data} {...props} />;
}

function WorkspaceFields({ initial, readOnly = false, showRetention = true, guessTimeZone = false, onSaved, actions }: WorkspaceSettingsFormProps & { initial: Settings }) {
  const t = useT();
  const errorText = useErrorText({
    name: t('workspace.name'),
    companyName: t('workspace.companyName'),
    postalAddress: t('workspace.postalAddress'),
    timezone: t('workspace.timezone'),
    language: t('workspace.language'),
    retentionDays: t('workspace.retention'),
  });
  const toast = useToast();
  const utils = trpc.useUtils();
  const [state, setState] = useState<FormState>(() => toState(initial, guessTimeZone));
  const save = trpc.workspace.update.useMutation({
    onSuccess: async (saved) => {
      utils.workspace.get.setData(undefined, saved);
      setState(toState(saved, false));
      // The name shows in the shell and the postal address in onboarding state.
      await Promise.all([utils.auth.me.invalidate(), utils.workspace.onboarding.state.invalidate()]);
      toast.success(t('workspace.saved'));
      onSaved?.();
    },
    onError: (error) => {
      if (!Object.keys(errorText.fields(error)).length) toast.error(errorText.message(error, t('workspace.saveFailed')));
    },
  });

  const errors = errorText.fields(save.error);
  const set = (field: keyof FormState) => (event: { target: { value: string } }) => setState((current) => ({ ...current, [field]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const retention = Number(state.retentionDays);
    save.mutate({
      name: state.name,
      companyName: state.companyName,
      postalAddress: state.postalAddress,
      timezone: state.timezone,
      language: state.language,
      ...(showRetention ? { retentionDays: Number.isFinite(retention) ? retention : RETENTION_DEFAULT_DAYS } : {}),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('workspace.formLabel')}>
      <div className="grid gap-5 px-5 py-6 sm:grid-cols-2">
        <TextField label={t('workspace.name')} value={state.name} onChange={set('name')} error={errors.name} disabled={readOnly} required maxLength={80} hint={t('workspace.name.hint')} />
        <TextField
          label={t('workspace.companyName')}
          value={state.companyName}
          onChange={set('companyName')}
          error={errors.companyName}
          disabled={readOnly}
          maxLength={COMPANY_NAME_MAX_LENGTH}
          autoComplete="organization"
          hint={t('workspace.companyName.hint')}
        />
        <div className="space-y-3 sm:col-span-2">
          <TextAreaField
            label={t('workspace.postalAddress')}
            value={state.postalAddress}
            onChange={set('postalAddress')}
            error={errors.postalAddress}
            disabled={readOnly}
            maxLength={POSTAL_ADDRESS_MAX_LENGTH}
            rows={3}
            autoComplete="street-address"
            placeholder={t('workspace.postalAddress.placeholder')}
            hint={t('workspace.postalAddress.hint')}
          />
          {!state.postalAddress.trim() && <PostalAddressWarning />}
        </div>
        <TimeZoneSelect
          label={t('workspace.timezone')}
          value={state.timezone}
          onChange={(timezone) => setState((current) => ({ ...current, timezone }))}
          error={errors.timezone}
          disabled={readOnly}
          hint={t('workspace.timezone.hint')}
        />
        <SelectField label={t('workspace.language')} value={state.language} onChange={set('language')} error={errors.language} disabled={readOnly} hint={t('workspace.language.hint')}>
          {UI_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </SelectField>
        {showRetention && (
          <TextField
            label={t('workspace.retention')}
            type="number"
            inputMode="numeric"
            min={RETENTION_MIN_DAYS}
            max={RETENTION_MAX_DAYS}
            value={state.retentionDays}
            onChange={set('retentionDays')}
            error={errors.retentionDays}
            disabled={readOnly}
            hint={t('workspace.retention.hint', { min: RETENTION_MIN_DAYS, max: RETENTION_MAX_DAYS, default: RETENTION_DEFAULT_DAYS })}
          />
        )}
      </div>
      {!readOnly &&
        (actions ? (
          actions({ saving: save.isPending })
        ) : (
          <div className="flex flex-wrap items-center justify-end gap-2 border-t border-line bg-surface/60 px-5 py-3">
            <Button type="submit" loading={save.isPending}>
              {save.isPending ? t('common.saving') : t('workspace.save')}
            </Button>
          </div>
        ))}
    </form>
  );
}
