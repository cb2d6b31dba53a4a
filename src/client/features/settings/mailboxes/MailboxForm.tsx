import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAIL_PROVIDER_PRESETS } from '../../../../shared/mailbox-rules.js';
import { Button } from '../../../components/ui/Button.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/ui/Field.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useT } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { useSession } from '../../../app/session.js';
import type { Mailbox } from './mailbox-format.js';
import { initialFormState, mailboxFieldLabels, toPayload, validateForm, type MailboxFormState } from './mailbox-form-state.js';
import { FormSection, LimitsFields, ServerFieldsGroup, WindowFields } from './MailboxFormSections.js';
import { Alert } from '../../../components/ui/Alert.js';
import { failedCheck } from './mailbox-check.js';
import { useErrorText } from '../../../lib/useErrorText.js';

export type MailboxFormProps = {
  /** The mailbox to edit; omitted = add a new one. */
  initial?: Mailbox;
  onSaved?: (mailbox: Mailbox) => void;
  onCancel?: () => void;
  /** For embedding (onboarding): limits and sending window fold away behind "Limits and schedule". */
  compact?: boolean;
};

/**
 * Add or edit a sending mailbox: sender, SMTP, optional IMAP (replies), limits and warm-up, and the
 * sending window. Reusable: the settings page opens it in a dialog, onboarding embeds it inline.
 */
export function MailboxForm({ initial, onSaved, onCancel, compact = false }: MailboxFormProps) {
  const t = useT();
  const errorText = useErrorText(mailboxFieldLabels(t));
  const toast = useToast();
  const session = useSession();
  const utils = trpc.useUtils();
  const sandbox = initial?.kind === 'sandbox';
  const [state, setState] = useState<MailboxFormState>(() => initialFormState(initial, { fromName: session.user.name }));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [preset, setPreset] = useState('');
  const update = (patch: Partial<MailboxFormState>) => setState((current) => ({ ...current, ...patch }));
  const formRef = useRef<HTMLFormElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  const onSuccess = async (mailbox: Mailbox) => {
    await Promise.all([utils.mailboxes.list.invalidate(), utils.mailboxes.domains.invalidate(), utils.mailboxes.bounceStats.invalidate()]);
    const failed = failedCheck(mailbox);
    if (failed) toast.error(t(failed.server === 'smtp' ? 'mailboxes.toast.smtpCheckFailed' : 'mailboxes.toast.imapCheckFailed', { email: mailbox.fromEmail, error: failed.error }));
    else toast.success(initial ? t('mailboxes.toast.saved') : t('mailboxes.toast.added', { email: mailbox.fromEmail }));
    onSaved?.(mailbox);
  };
  const create = trpc.mailboxes.create.useMutation({ onSuccess });
  const save = trpc.mailboxes.update.useMutation({ onSuccess });
  const mutation = initial ? save : create;
  const serverErrors = errorText.fields(mutation.error);
  const errors = { ...serverErrors, ...localErrors };
  const errorCount = Object.keys(errors).length;
  const limitsHaveErrors = Object.keys(errors).some((key) => /^(dailyLimit|minGapSeconds|warmup|window)/.test(key));

  // After a refused submit, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest, errorCount]);
  const generalError = mutation.error && Object.keys(serverErrors).length === 0 ? errorText.message(mutation.error, t('mailboxes.error.save')) : null;

  const applyPreset = (id: string) => {
    setPreset(id);
    const found = MAIL_PROVIDER_PRESETS.find((entry) => entry.id === id);
    if (!found) return;
    update({
      smtp: { ...state.smtp, host: found.smtp.host, port: String(found.smtp.port), secure: found.smtp.secure },
      imap: { ...state.imap, host: found.imap.host, port: String(found.imap.port), secure: found.imap.secure },
      imapEnabled: true,
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateForm(
      state,
      {
        sandbox,
        storedSmtpPassword: Boolean(initial?.smtp?.hasPassword),
        storedImapPassword: Boolean(initial?.imap?.hasPassword),
        initiallySameCredentials: initialFormState(initial).imapSameCredentials,
      },
      t,
    );
    setLocalErrors(found);
    if (Object.keys(found).length) {
      setFocusRequest((n) => n + 1);
      return;
    }
    const payload = toPayload(state, { sandbox });
    const onError = () => setFocusRequest((n) => n + 1);
    if (initial) save.mutate({ id: initial.id, ...payload }, { onError });
    else if ('smtp' in payload) create.mutate(payload, { onError });
  };

  const limits = (
    <>
      <FormSection title={t('mailboxes.section.limits')} description={t('mailboxes.section.limitsHint')}>
        <LimitsFields state={state} update={update} errors={errors} />
      </FormSection>
      <FormSection title={t('mailboxes.section.window')} description={t('mailboxes.section.windowHint')}>
        <WindowFields state={state} update={update} errors={errors} />
      </FormSection>
    </>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6" aria-label={initial ? t('mailboxes.form.editLabel', { email: initial.fromEmail }) : t('mailboxes.form.addLabel')}>
      <FormSection title={t('mailboxes.section.sender')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('mailboxes.form.fromName')} value={state.fromName} onChange={(event) => update({ fromName: event.target.value })} error={errors.fromName} autoComplete="name" />
          {sandbox ? (
            <TextField label={t('mailboxes.form.fromEmail')} value={state.fromEmail} disabled hint={t('mailboxes.sandbox.addressHint')} />
          ) : (
            <TextField
              type="email"
              label={t('mailboxes.form.fromEmail')}
              value={state.fromEmail}
              onChange={(event) => update({ fromEmail: event.target.value })}
              onBlur={() => !state.smtp.user && state.fromEmail.includes('@') && update({ smtp: { ...state.smtp, user: state.fromEmail.trim() } })}
              error={errors.fromEmail}
              autoComplete="email"
              spellCheck={false}
            />
          )}
        </div>
        {!compact && (
          <TextAreaField label={t('mailboxes.form.signature')} value={state.signature} onChange={(event) => update({ signature: event.target.value })} hint={t('mailboxes.form.signatureHint')} error={errors.signature} rows={3} />
        )}
      </FormSection>

      {sandbox ? (
        <Alert tone="info">{t('mailboxes.sandbox.serversLocked')}</Alert>
      ) : (
        <>
          <FormSection title={t('mailboxes.section.smtp')} description={t('mailboxes.section.smtpHint')}>
            <SelectField label={t('mailboxes.form.preset')} value={preset} onChange={(event) => applyPreset(event.target.value)} hint={t('mailboxes.form.presetHint')}>
              <option value="">{t('mailboxes.form.presetCustom')}</option>
              {MAIL_PROVIDER_PRESETS.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.label}
                </option>
              ))}
            </SelectField>
            <ServerFieldsGroup kind="smtp" value={state.smtp} onChange={(smtp) => update({ smtp })} errors={errors} hasStoredPassword={Boolean(initial?.smtp?.hasPassword)} />
          </FormSection>
          <FormSection title={t('mailboxes.section.imap')} description={t('mailboxes.section.imapHint')}>
            <CheckboxField label={t('mailboxes.form.imapEnabled')} checked={state.imapEnabled} onChange={(event) => update({ imapEnabled: event.target.checked })} />
            {state.imapEnabled && (
              <>
                <CheckboxField
                  label={t('mailboxes.form.imapSame')}
                  checked={state.imapSameCredentials}
                  onChange={(event) => update({ imapSameCredentials: event.target.checked })}
                />
                <ServerFieldsGroup
                  kind="imap"
                  value={state.imap}
                  onChange={(imap) => update({ imap })}
                  errors={errors}
                  hasStoredPassword={Boolean(initial?.imap?.hasPassword)}
                  hideCredentials={state.imapSameCredentials}
                />
              </>
            )}
          </FormSection>
        </>
      )}

      {compact ? (
        <details open={limitsHaveErrors || undefined} className="rounded-lg border border-line px-4 py-3 [&[open]>summary]:mb-4">
          <summary className="cursor-pointer text-sm font-medium text-ink">{t('mailboxes.form.advanced')}</summary>
          <div className="space-y-6">{limits}</div>
        </details>
      ) : (
        limits
      )}

      {generalError && <Alert>{generalError}</Alert>}
      {errorCount > 0 && (
        <p role="alert" className="text-sm font-medium text-danger-600">
          {t('mailboxes.error.fixFields')}
        </p>
      )}
      <div className="sticky -bottom-5 flex justify-end gap-2 border-t border-line bg-panel pt-3 pb-5">
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" loading={mutation.isPending}>
          {initial ? t('mailboxes.form.save') : t('mailboxes.form.add')}
        </Button>
      </div>
    </form>
  );
}
