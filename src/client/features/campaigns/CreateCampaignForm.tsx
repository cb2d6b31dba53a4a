import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/Button.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/ui/Field.js';
import { ScheduleFieldset } from './ScheduleFieldset.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { cx } from '../../components/ui/cx.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { errorMessage, fieldErrors, trpc, type RouterOutputs } from '../../lib/trpc.js';

export type Campaign = RouterOutputs['campaigns']['get'];

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export type Values = {
  name: string;
  description: string;
  agentId: string;
  mailboxIds: string[];
  timezone: string;
  sendWindowStart: string;
  sendWindowEnd: string;
  sendDays: number[];
  dailyLimit: string;
  stopOnReply: boolean;
};

const NO_AGENT = 'none';

function initialValues(campaign: Campaign | undefined): Values {
  return {
    name: campaign?.name ?? '',
    description: campaign?.description ?? '',
    agentId: campaign ? (campaign.agentId ?? NO_AGENT) : '',
    mailboxIds: campaign?.mailboxIds ?? [],
    timezone: campaign?.timezone ?? browserTimeZone(),
    sendWindowStart: campaign?.sendWindowStart ?? '09:00',
    sendWindowEnd: campaign?.sendWindowEnd ?? '17:00',
    sendDays: campaign?.sendDays ?? [1, 2, 3, 4, 5],
    dailyLimit: campaign?.dailyLimit ? String(campaign.dailyLimit) : '',
    stopOnReply: campaign?.stopOnReply ?? true,
  };
}

function validate(values: Values): Partial<Record<keyof Values, MessageKey>> {
  const errors: Partial<Record<keyof Values, MessageKey>> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'campaigns.form.nameRequired';
  else if (name.length > 120) errors.name = 'campaigns.form.nameTooLong';
  if (values.sendWindowStart >= values.sendWindowEnd) errors.sendWindowEnd = 'campaigns.form.windowOrder';
  if (values.sendDays.length === 0) errors.sendDays = 'campaigns.form.daysRequired';
  if (values.dailyLimit.trim() && !/^\d+$/.test(values.dailyLimit.trim())) errors.dailyLimit = 'campaigns.form.dailyLimitInvalid';
  else if (values.dailyLimit.trim() && (Number(values.dailyLimit) < 1 || Number(values.dailyLimit) > 10_000)) errors.dailyLimit = 'campaigns.form.dailyLimitInvalid';
  return errors;
}

/**
 * The campaign form: creates a campaign, or edits one when `campaign` is given. Reusable on its
 * own (the onboarding wizard embeds it): it loads its own options and shows its own buttons.
 */
export function CreateCampaignForm({
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
  const toast = useToast();
  const utils = trpc.useUtils();
  const options = trpc.campaigns.formOptions.useQuery();
  const [values, setValues] = useState<Values>(() => initialValues(campaign));
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const create = trpc.campaigns.create.useMutation();
  const update = trpc.campaigns.update.useMutation();
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused submit, take the user to the first field that needs fixing.
  const focusFirstError = () =>
    requestAnimationFrame(() => {
      const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (field) field.focus();
      else formRef.current?.querySelector('[role="alert"]')?.scrollIntoView({ block: 'center' });
    });
  const mailboxesLegendId = useId();

  // New campaign: preselect the default agent and the sandbox mailbox once the options arrive.
  useEffect(() => {
    if (campaign || !options.data) return;
    setValues((current) => ({
      ...current,
      agentId: current.agentId || (options.data.agents.find((agent) => agent.isDefault)?.id ?? NO_AGENT),
      mailboxIds: current.mailboxIds.length ? current.mailboxIds : options.data.mailboxes.filter((m) => m.kind === 'sandbox').map((m) => m.id),
    }));
  }, [campaign, options.data]);

  const clientErrors = validate(values);
  const errorFor = (field: keyof Values): string | undefined => {
    if (serverErrors[field]) return serverErrors[field];
    const key = touched ? clientErrors[field] : undefined;
    return key ? t(key) : undefined;
  };
  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => {
      const { [field]: _removed, ...rest } = current;
      return rest;
    });
  };
  const toggle = <K extends 'mailboxIds' | 'sendDays'>(field: K, item: Values[K][number]) => {
    const list = values[field] as (typeof item)[];
    set(field, (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]) as Values[K]);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError();
      return;
    }
    const input = {
      name: values.name.trim(),
      description: values.description.trim(),
      agentId: values.agentId === NO_AGENT || values.agentId === '' ? null : values.agentId,
      mailboxIds: values.mailboxIds,
      timezone: values.timezone,
      sendWindowStart: values.sendWindowStart,
      sendWindowEnd: values.sendWindowEnd,
      sendDays: [...values.sendDays].sort(),
      dailyLimit: values.dailyLimit.trim() ? Number(values.dailyLimit) : null,
      stopOnReply: values.stopOnReply,
    };
    try {
      if (campaign) {
        const saved = await update.mutateAsync({ id: campaign.id, ...input });
        toast.success(t('campaigns.toast.saved'));
        onSaved?.(saved);
      } else {
        const created = await create.mutateAsync(input);
        toast.success(t('campaigns.toast.created', { name: created.name }));
        onCreated?.(created);
      }
      void utils.campaigns.invalidate();
    } catch (error) {
      // Keyed by top-level field ("sendDays.0" → "sendDays").
      const fields = Object.fromEntries(Object.entries(fieldErrors(error)).map(([path, message]) => [path.split('.')[0]!, message]));
      setServerErrors(fields);
      focusFirstError();
      toast.error(Object.keys(fields).length ? t('campaigns.form.error') : errorMessage(error, t('campaigns.toast.error')));
    }
  }

  const saving = create.isPending || update.isPending;
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

      {options.isPending ? (
        <div role="status" aria-label={t('campaigns.form.loadingOptions')} className="space-y-3">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('campaigns.form.agent')}
            hint={t('campaigns.form.agentHint')}
            value={values.agentId}
            onChange={(event) => set('agentId', event.target.value)}
            error={serverErrors.agentId}
          >
            {options.data?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.isDefault ? t('campaigns.form.agentDefault', { name: agent.name }) : agent.name}
              </option>
            ))}
            <option value={NO_AGENT}>{t('campaigns.form.agentNone')}</option>
          </SelectField>
          <fieldset aria-describedby={`${mailboxesLegendId}-hint`} className="space-y-1.5">
            <legend id={mailboxesLegendId} className="text-sm font-medium text-ink">
              {t('campaigns.form.mailboxes')}
            </legend>
            <div className="max-h-32 space-y-2 overflow-y-auto rounded-lg border border-line p-2.5">
              {options.data?.mailboxes.length === 0 && <p className="text-sm text-muted">{t('campaigns.form.noMailboxes')}</p>}
              {options.data?.mailboxes.map((mailbox) => (
                <CheckboxField
                  key={mailbox.id}
                  checked={values.mailboxIds.includes(mailbox.id)}
                  onChange={() => toggle('mailboxIds', mailbox.id)}
                  label={
                    <span>
                      {mailbox.kind === 'sandbox' ? t('campaigns.form.sandbox') : mailbox.fromEmail}
                      {mailbox.status !== 'active' && (
                        <span className="ml-1.5 text-xs font-normal text-warning-600">
                          ({t(mailbox.status === 'paused' ? 'campaigns.form.mailboxPaused' : 'campaigns.form.mailboxError')})
                        </span>
                      )}
                    </span>
                  }
                />
              ))}
            </div>
            <p id={`${mailboxesLegendId}-hint`} className={cx('text-xs', serverErrors.mailboxIds ? 'font-medium text-danger-600' : 'text-muted')}>
              {serverErrors.mailboxIds ?? t('campaigns.form.mailboxesHint')}
            </p>
          </fieldset>
        </div>
      )}

      <ScheduleFieldset values={values} set={set} toggleDay={(day) => toggle('sendDays', day)} errorFor={errorFor} />

      <div className="flex justify-end gap-2 border-t border-line pt-4">
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" loading={saving}>
          {campaign ? t('campaigns.form.save') : t('campaigns.form.create')}
        </Button>
      </div>
    </form>
  );
}
