import { useId, useState, type FormEvent } from 'react';
import { LlmPresets } from './LlmPresets.js';
import { primarySecretOf } from '../../../../shared/credential-fields.js';
import type { CredentialService } from '../../../../shared/enums.js';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card } from '../../../components/ui/Card.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { CheckboxField, TextField } from '../../../components/ui/Field.js';
import { Spinner } from '../../../components/ui/Spinner.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import {
  fieldHintKey,
  fieldLabelKey,
  fieldsOf,
  hasChanges,
  initialForm,
  issueKey,
  localizedVerifyError,
  saveBody,
  serviceDescriptionKey,
  serviceNameKey,
  statusOf,
  type CredentialView,
  type FormState,
} from './credential-form.js';
import { SecretField } from './SecretField.js';
import { Alert } from '../../../components/ui/Alert.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type Defaults = RouterOutputs['credentials']['defaults'];
const OPTIONAL_SERVICES: CredentialService[] = ['openai', 'instantly'];

/** One service: its fields, Save, "Test connection" with the last result, and Remove. */
export function CredentialCard({ service, credential, defaults }: { service: CredentialService; credential?: CredentialView; defaults?: Defaults }) {
  const { t, formatRelative } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const titleId = useId();
  const [form, setForm] = useState<FormState>(() => initialForm(service, credential));
  const [confirmRemove, setConfirmRemove] = useState(false);
  const name = t(serviceNameKey(service));
  const errorText = useErrorText(Object.fromEntries(fieldsOf(service).map((field) => [field.name, t(fieldLabelKey(service, field.name))])));
  const refresh = () => utils.credentials.list.invalidate();

  const save = trpc.credentials.save.useMutation({
    onSuccess: (view) => {
      setForm(initialForm(service, view));
      toast.success(t('credentials.saved', { service: name }));
      void refresh();
    },
    onError: (error) => toast.error(errorText.message(error, t('credentials.saveFailed', { service: name }))),
  });
  const verify = trpc.credentials.verify.useMutation({
    onSuccess: () => void refresh(),
    onError: (error) => toast.error(errorText.message(error, t('credentials.test.error'))),
  });
  const remove = trpc.credentials.remove.useMutation({
    onSuccess: () => {
      setConfirmRemove(false);
      setForm(initialForm(service, undefined));
      verify.reset();
      toast.success(t('credentials.removed', { service: name }));
      void refresh();
    },
    onError: (error) => toast.error(errorText.message(error, t('credentials.removeFailed', { service: name }))),
  });

  const body = saveBody(service, credential, form);
  const dirty = hasChanges(body);
  const errors = errorText.fields(save.error);
  const status = statusOf(credential);
  const primary = primarySecretOf(service);
  const hintValues = { default: service === 'openai' && defaults ? defaults.openaiBaseUrl : '' };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (dirty) save.mutate(body);
  };

  return (
    <section aria-labelledby={titleId}>
      <Card className="flex h-full flex-col">
        {/* Not CardHeader: the status badge must stay on the title's line, whatever the width. */}
        <div className="flex items-start justify-between gap-3 border-b border-line px-5 py-4">
          <div className="min-w-0">
            <h3 id={titleId} className="flex items-center gap-2 text-base font-semibold text-ink">
              {name}
              {OPTIONAL_SERVICES.includes(service) && <Badge>{t('credentials.optional')}</Badge>}
            </h3>
            <p className="mt-0.5 text-sm text-muted">{t(serviceDescriptionKey(service))}</p>
            {service === 'openai' && <p className="mt-1 text-xs text-muted">{t('credentials.service.openai.offline')}</p>}
          </div>
          <Badge tone={status.tone} className="shrink-0">
            {t(status.label)}
          </Badge>
        </div>
        <form onSubmit={submit} className="flex flex-1 flex-col gap-4 px-5 py-4" noValidate>
          {credential && !credential.readable && <Alert>{t('credentials.unreadable')}</Alert>}
          {service === 'openai' && <LlmPresets baseUrl={form.values.baseUrl ?? ''} onPick={(picked) => setForm((current) => ({ ...current, values: { ...current.values, ...picked } }))} />}
          {fieldsOf(service).map((field) => {
            const label = t(fieldLabelKey(service, field.name));
            const strict = field.name === 'baseUrl' && defaults?.allowPrivateNetworkUrls === false;
            const hintKey = strict ? 'credentials.field.openai.baseUrl.hintStrict' : fieldHintKey(service, field.name);
            const hint = t(hintKey, field.name === 'model' ? { default: defaults?.model ?? '' } : hintValues);
            if (field.secret) {
              return (
                <SecretField
                  key={field.name}
                  field={field}
                  label={label}
                  hint={hint}
                  state={form.secrets[field.name]!}
                  stored={credential?.storedSecrets.includes(field.name) ?? false}
                  last4={field.name === primary ? (credential?.last4 ?? null) : null}
                  display={
                    service === 'webhook' && field.name === 'url' && credential?.urlHost
                      ? t('credentials.secret.storedUrl', { host: credential.urlHost, last4: credential.last4 ?? '' })
                      : undefined
                  }
                  error={errors[issueKey(field)]}
                  onChange={(next) => setForm((current) => ({ ...current, secrets: { ...current.secrets, [field.name]: next } }))}
                />
              );
            }
            return (
              <TextField
                key={field.name}
                label={label}
                hint={hint}
                error={errors[issueKey(field)]}
                type={field.url ? 'url' : 'text'}
                inputMode={field.url ? 'url' : undefined}
                spellCheck={false}
                placeholder={field.name === 'baseUrl' ? defaults?.openaiBaseUrl : field.name === 'model' ? defaults?.model : undefined}
                value={form.values[field.name]}
                onChange={(event) => setForm((current) => ({ ...current, values: { ...current.values, [field.name]: event.target.value } }))}
              />
            );
          })}
          {credential && (
            <CheckboxField
              label={t('credentials.active')}
              hint={t('credentials.active.hint')}
              checked={form.isActive}
              onChange={(event) => setForm((current) => ({ ...current, isActive: event.target.checked }))}
            />
          )}

          <div role="status" aria-live="polite" className="min-h-6 text-sm">
            {verify.isPending ? (
              <span className="inline-flex items-center gap-2 text-muted">
                <Spinner /> {t('credentials.testing')}
              </span>
            ) : credential?.lastVerifiedAt ? (
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                {credential.lastVerifyOk ? (
                  <Badge tone="success">{t('credentials.test.ok')}</Badge>
                ) : (
                  <Badge tone="danger">{t('credentials.test.failed')}</Badge>
                )}
                {credential.lastVerifyOk && verify.data?.ok && verify.data.account && <span className="text-ink">{verify.data.account}</span>}
                {!credential.lastVerifyOk && credential.lastVerifyError && (
                  <span className="text-danger-600">{localizedVerifyError(credential.lastVerifyError, t)}</span>
                )}
                <span className="text-xs text-muted">{t('credentials.lastTested', { when: formatRelative(credential.lastVerifiedAt) })}</span>
              </div>
            ) : credential && dirty ? (
              <span className="text-xs text-muted">{t('credentials.test.saveFirst')}</span>
            ) : null}
          </div>

          <div className="mt-auto flex flex-wrap items-center gap-2 border-t border-line pt-4">
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              {save.isPending ? t('common.saving') : t('common.save')}
            </Button>
            <Button variant="secondary" loading={verify.isPending} disabled={!credential || dirty} onClick={() => verify.mutate({ service })}>
              {t('credentials.test')}
            </Button>
            {credential && (
              <Button variant="danger-ghost" className="ml-auto" onClick={() => setConfirmRemove(true)}>
                {t('credentials.remove')}
              </Button>
            )}
          </div>
        </form>
      </Card>
      <ConfirmDialog
        open={confirmRemove}
        onClose={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate({ service })}
        title={t('credentials.remove.title', { service: name })}
        body={t('credentials.remove.body', { service: name })}
        confirmLabel={t('credentials.remove')}
        destructive
        loading={remove.isPending}
      />
    </section>
  );
}
