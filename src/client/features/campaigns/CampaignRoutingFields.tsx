import { useId } from 'react';
import { CheckboxField, SelectField } from '../../components/ui/Field.js';
import { cx } from '../../components/ui/cx.js';
import { useT } from '../../i18n/index.js';
import { NO_AGENT, type CampaignFormOptions, type ResolvedValues } from './campaign-form-state.js';

/** Who answers the replies (an AI agent, or nobody) and which mailboxes send. */
export function CampaignRoutingFields({
  options,
  values,
  set,
  errors,
}: {
  options: CampaignFormOptions;
  values: ResolvedValues;
  set: <K extends 'agentId' | 'mailboxIds'>(field: K, value: ResolvedValues[K]) => void;
  errors: Record<string, string>;
}) {
  const t = useT();
  const hintId = useId();
  const toggleMailbox = (id: string) => set('mailboxIds', values.mailboxIds.includes(id) ? values.mailboxIds.filter((x) => x !== id) : [...values.mailboxIds, id]);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField label={t('campaigns.form.agent')} hint={t('campaigns.form.agentHint')} value={values.agentId} onChange={(event) => set('agentId', event.target.value)} error={errors.agentId}>
        {options.agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.isDefault ? t('campaigns.form.agentDefault', { name: agent.name }) : agent.name}
          </option>
        ))}
        <option value={NO_AGENT}>{t('campaigns.form.agentNone')}</option>
      </SelectField>
      <fieldset aria-describedby={hintId} className="space-y-1.5">
        <legend className="text-sm font-medium text-ink">{t('campaigns.form.mailboxes')}</legend>
        <div className="max-h-32 space-y-2 overflow-y-auto rounded-lg border border-line bg-panel p-2.5">
          {options.mailboxes.length === 0 && <p className="text-sm text-muted">{t('campaigns.form.noMailboxes')}</p>}
          {options.mailboxes.map((mailbox) => (
            <CheckboxField
              key={mailbox.id}
              checked={values.mailboxIds.includes(mailbox.id)}
              onChange={() => toggleMailbox(mailbox.id)}
              label={
                <span>
                  {mailbox.kind === 'sandbox' ? t('campaigns.form.sandbox') : mailbox.fromEmail}
                  {mailbox.status !== 'active' && (
                    <span className="ml-1.5 text-xs font-normal text-warning-700">
                      ({t(mailbox.status === 'paused' ? 'campaigns.form.mailboxPaused' : 'campaigns.form.mailboxError')})
                    </span>
                  )}
                </span>
              }
            />
          ))}
        </div>
        <p id={hintId} role={errors.mailboxIds ? 'alert' : undefined} className={cx('text-xs', errors.mailboxIds ? 'font-medium text-danger-600' : 'text-muted')}>
          {errors.mailboxIds ?? t('campaigns.form.mailboxesHint')}
        </p>
      </fieldset>
    </div>
  );
}
