import { useState, type FormEvent, type ReactNode } from 'react';
import { CampaignSelectField } from './CampaignSelectField.js';
import { SelectField, TextField } from '../../components/ui/Field.js';
import { useT } from '../../i18n/index.js';
import { PROSPECT_STAGES, type ProspectStage } from '../../../shared/enums.js';
import { stageKey, type Prospect } from './prospect-ui.js';
import { Alert } from '../../components/ui/Alert.js';

export type ProspectFormValues = {
  email: string;
  linkedinUrl: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  companyDomain: string;
  location: string;
  tags: string;
  campaignId: string;
  stage: ProspectStage;
};

export function initialValues(prospect?: Omit<Prospect, 'fitScore'>): ProspectFormValues {
  return {
    email: prospect?.email ?? '',
    linkedinUrl: prospect?.linkedinUrl ?? '',
    firstName: prospect?.firstName ?? '',
    lastName: prospect?.lastName ?? '',
    company: prospect?.company ?? '',
    title: prospect?.title ?? '',
    companyDomain: prospect?.companyDomain ?? '',
    location: prospect?.location ?? '',
    tags: prospect?.tags.join(', ') ?? '',
    campaignId: prospect?.campaignId ?? '',
    stage: prospect?.stage ?? 'new',
  };
}

/** What the API receives: empty text clears a field (null), tags split on commas. */
export function toInput(values: ProspectFormValues) {
  const text = (value: string) => (value.trim() === '' ? null : value);
  return {
    email: text(values.email),
    linkedinUrl: text(values.linkedinUrl),
    firstName: text(values.firstName),
    lastName: text(values.lastName),
    company: text(values.company),
    title: text(values.title),
    companyDomain: text(values.companyDomain),
    location: text(values.location),
    tags: values.tags
      .split(/[,;]/)
      .map((tag) => tag.trim())
      .filter(Boolean),
    campaignId: values.campaignId || null,
  };
}

/**
 * The add/edit form. Validation is the server's (one set of rules with the CSV import); its
 * field messages are shown under each field. The browser checks the obvious (email type, lengths).
 */
export function ProspectForm({
  id,
  initial,
  errors,
  withStage,
  onSubmit,
  footer,
}: {
  id: string;
  initial: ProspectFormValues;
  errors: Record<string, string>;
  withStage?: boolean;
  onSubmit: (values: ProspectFormValues) => void;
  footer?: ReactNode;
}) {
  const t = useT();
  const [values, setValues] = useState(initial);
  const [missingContact, setMissingContact] = useState(false);
  const field = (name: keyof ProspectFormValues) => ({
    value: values[name],
    onChange: (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value })),
    error: errors[name],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The one rule worth saying before the round trip (and in the user's language).
    const noContact = !values.email.trim() && !values.linkedinUrl.trim();
    setMissingContact(noContact);
    if (!noContact) onSubmit(values);
  };
  return (
    <form id={id} onSubmit={submit} noValidate className="space-y-4">
      {errors[''] && <Alert>{errors['']}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('prospects.field.email')}
          type="email"
          autoComplete="off"
          maxLength={254}
          hint={t('prospects.form.contactHint')}
          {...field('email')}
          error={missingContact ? t('prospects.form.contactHint') : errors.email}
        />
        <TextField label={t('prospects.field.linkedinUrl')} type="url" placeholder="https://www.linkedin.com/in/…" maxLength={500} {...field('linkedinUrl')} />
        <TextField label={t('prospects.field.firstName')} maxLength={100} {...field('firstName')} />
        <TextField label={t('prospects.field.lastName')} maxLength={100} {...field('lastName')} />
        <TextField label={t('prospects.field.company')} maxLength={200} {...field('company')} />
        <TextField label={t('prospects.field.title')} maxLength={300} {...field('title')} />
        <TextField label={t('prospects.field.companyDomain')} placeholder="acme.com" maxLength={253} {...field('companyDomain')} />
        <TextField label={t('prospects.field.location')} maxLength={200} {...field('location')} />
        <TextField label={t('prospects.field.tags')} hint={t('prospects.form.tagsHint')} {...field('tags')} />
        <CampaignSelectField label={t('prospects.field.campaign')} emptyLabel={t('prospects.form.noCampaign')} {...field('campaignId')} />
        {withStage && (
          <SelectField label={t('prospects.field.stage')} {...field('stage')}>
            {PROSPECT_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(stageKey(stage))}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {footer}
    </form>
  );
}
