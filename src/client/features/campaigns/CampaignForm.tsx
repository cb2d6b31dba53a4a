import { useRef, useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/Button.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { TextAreaField, TextField } from '../../components/ui/Field.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { initialValues, resolveDefaults, toInput, validate, type Campaign, type CampaignFormValues } from './campaign-form-state.js';
import { CampaignRoutingFields } from './CampaignRoutingFields.js';
import { ScheduleFieldset } from './ScheduleFieldset.js';
import { useErrorText } from '../../lib/useErrorText.js';

/**
 * The campaign form: creates a campaign, or edits one when `campaign` is given. Reusable on its
 * own (the onboarding wizard embeds it): it loads its own options and shows its own buttons.
 */
export function CampaignForm({
  campaign,
  onCreated,
  onSaved,
  onCancel,
}: {
  campaign?: Campaign;
  onCreated?: (campaign: Campaign) => void;
  onSaved?: (campaign: Campaign) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const errorText = useErrorText({
    name: t('campaigns.form.name'),
    description: t('campaigns.form.description'),
    agentId: t('campaigns.form.agent'),
    mailboxIds: t('campaigns.form.mailboxes'),
    timezone: t('campaigns.form.timezone'),
    sendWindowStart: t('campaigns.form.windowStart'),
    sendWindowEnd: t('campaigns.form.windowEnd'),
    sendDays: t('campaigns.form.days'),
    dailyLimit: t('campaigns.form.dailyLimit'),
  });
  const toast = useToast();
  const utils = trpc.useUtils();
  const options = trpc.campaigns.formOptions.useQuery();
  const [draft, setDraft] = useState<CampaignFormValues>(() => initialValues(campaign));
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const create = trpc.campaigns.create.useMutation();
  const update = trpc.campaigns.update.useMutation();
  const formRef = useRef<HTMLFormElement>(null);

  const values = resolveDefaults(draft, options.data);
  const clientErrors = validate(values);
  const errorFor = (field: keyof CampaignFormValues): string | undefined => {
    if (serverErrors[field]) return serverErrors[field];
    const key = touched ? clientErrors[field] : undefined;
    return key ? t(key) : undefined;
  };
  const set = <K extends keyof CampaignFormValues>(field: K, value: CampaignFormValues[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setServerErrors(({ [field]: _removed, ...rest }) => rest);
  };
  // After a refused submit, take the user to the first field that needs fixing.
  const focusFirstError = () =>
    requestAnimationFrame(() => {
      const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (field) field.focus();
      else formRef.current?.querySelector('[role="alert"]')?.scrollIntoView({ block: 'center' });
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError();
      return;
    }
    try {
      if (campaign) {
        const saved = await update.mutateAsync({ id: campaign.id, ...toInput(values) });
        toast.success(t('campaigns.toast.saved'));
        onSaved?.(saved);
      } else {
        const created = await create.mutateAsync(toInput(values));
        toast.success(t('campaigns.toast.created', { name: created.name }));
        onCreated?.(created);
      }
      void utils.campaigns.invalidate();
    } catch (error) {
      const fields = errorText.topLevelFields(error);
      setServerErrors(fields);
      focusFirstError();
      toast.error(Object.keys(fields).length ? t('campaigns.form.error') : errorText.message(error, t('campaigns.toast.error')));
    }
  }

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="space-y-6">
      <div className="space-y-4">
        <TextField
          label={t('campaigns.form.name')}
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          placeholder={t('campaigns.form.namePlaceholder')}
          error={errorFor('name')}
          maxLength={200}
          required
          autoFocus
        />
        <TextAreaField
          label={t('campaigns.form.description')}
          hint={t('campaigns.form.descriptionHint')}
          value={values.description}
          onChange={(event) => set('description', event.target.value)}
          maxLength={2000}
          rows={2}
          className="min-h-16"
        />
      </div>

      {options.data ? (
        <CampaignRoutingFields options={options.data} values={values} set={set} errors={serverErrors} />
      ) : options.error ? (
        <ErrorState message={errorText.message(options.error, t('campaigns.form.optionsError'))} onRetry={() => void options.refetch()} />
      ) : (
        <div role="status" aria-label={t('campaigns.form.loadingOptions')} className="space-y-3">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      )}

      <ScheduleFieldset values={values} set={set} errorFor={errorFor} />

      <div className="flex justify-end gap-2 border-t border-line pt-4">
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" loading={create.isPending || update.isPending}>
          {campaign ? t('campaigns.form.save') : t('campaigns.form.create')}
        </Button>
      </div>
    </form>
  );
}
