import { useState, type FormEvent, type ReactNode } from 'react';
import { COMPANY_SIZE_BUCKETS, ICP_ITEM_MAX_LENGTH, ICP_LIST_MAX_ITEMS, SENIORITY_LEVELS, normalizeDomain, type CompanySizeBucket, type SeniorityLevel } from '../../../../shared/icp-rules.js';
import { Button } from '../../../components/ui/Button.js';
import { CheckboxGroup } from '../../../components/ui/CheckboxGroup.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { TagInput } from '../../../components/ui/TagInput.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useT, type MessageKey } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type Icp = RouterOutputs['icp']['get'];
type ListField = 'industries' | 'jobTitles' | 'locations' | 'technologies' | 'keywords' | 'excludedDomains' | 'excludedCompanies';
type IcpState = Record<ListField, string[]> & { seniorities: SeniorityLevel[]; companySizes: CompanySizeBucket[] };

function toState(icp: Icp): IcpState {
  return {
    industries: icp.industries,
    jobTitles: icp.jobTitles,
    seniorities: icp.seniorities.filter((s): s is SeniorityLevel => (SENIORITY_LEVELS as readonly string[]).includes(s)),
    companySizes: icp.companySizes.filter((s): s is CompanySizeBucket => (COMPANY_SIZE_BUCKETS as readonly string[]).includes(s)),
    locations: icp.locations,
    technologies: icp.technologies,
    keywords: icp.keywords,
    excludedDomains: icp.excludedDomains,
    excludedCompanies: icp.excludedCompanies,
  };
}

const TARGET_LISTS: { field: ListField; label: MessageKey; hint: MessageKey; placeholder: MessageKey }[] = [
  { field: 'industries', label: 'icp.industries', hint: 'icp.industries.hint', placeholder: 'icp.industries.placeholder' },
  { field: 'jobTitles', label: 'icp.jobTitles', hint: 'icp.jobTitles.hint', placeholder: 'icp.jobTitles.placeholder' },
  { field: 'locations', label: 'icp.locations', hint: 'icp.locations.hint', placeholder: 'icp.locations.placeholder' },
  { field: 'technologies', label: 'icp.technologies', hint: 'icp.technologies.hint', placeholder: 'icp.technologies.placeholder' },
  { field: 'keywords', label: 'icp.keywords', hint: 'icp.keywords.hint', placeholder: 'icp.keywords.placeholder' },
];

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="grid gap-6 border-b border-line px-5 py-6 last:border-b-0 lg:grid-cols-3">
      <div>
        <h3 className="text-sm font-semibold text-ink">{title}</h3>
        <p className="mt-1 text-sm text-muted">{description}</p>
      </div>
      <div className="space-y-5 lg:col-span-2">{children}</div>
    </section>
  );
}

type IcpFormProps = {
  readOnly?: boolean;
  onSaved?: () => void;
  /** Replaces the footer (a submit button inside saves). */
  actions?: (state: { saving: boolean }) => ReactNode;
};

/**
 * The ideal customer profile form, used by Settings → ICP and by onboarding step 2. `actions`
 * renders the buttons (a submit button saves); members see it read-only.
 */
export function IcpForm(props: IcpFormProps) {
  const t = useT();
  const errorText = useErrorText();
  const icp = trpc.icp.get.useQuery();
  if (icp.error) return <ErrorState message={errorText.message(icp.error, t('icp.loadFailed'))} onRetry={() => void icp.refetch()} />;
  if (!icp.data) return <SkeletonRows rows={6} label={t('common.loading')} />;
  return <IcpFields initial={icp.data} {...props} />;
}

function IcpFields({ initial, readOnly = false, onSaved, actions }: IcpFormProps & { initial: Icp }) {
  const t = useT();
  const errorText = useErrorText({
    ...Object.fromEntries(TARGET_LISTS.map((entry) => [entry.field, t(entry.label)])),
    seniorities: t('icp.seniorities'),
    companySizes: t('icp.companySizes'),
    excludedDomains: t('icp.excludedDomains'),
    excludedCompanies: t('icp.excludedCompanies'),
  });
  const toast = useToast();
  const utils = trpc.useUtils();
  const [state, setState] = useState<IcpState>(() => toState(initial));
  const save = trpc.icp.save.useMutation({
    onSuccess: (saved) => {
      utils.icp.get.setData(undefined, saved);
      setState(toState(saved));
      toast.success(t('icp.saved'));
      onSaved?.();
    },
    onError: (error) => toast.error(errorText.message(error, t('icp.saveFailed'))),
  });

  const errors = errorText.topLevelFields(save.error);
  const set = <K extends keyof IcpState>(field: K) => (next: IcpState[K]) => setState((current) => ({ ...current, [field]: next }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(state);
  };
  const common = { disabled: readOnly, maxItems: ICP_LIST_MAX_ITEMS, maxLength: ICP_ITEM_MAX_LENGTH };

  return (
    <form onSubmit={submit} noValidate aria-label={t('icp.formLabel')}>
      <Section title={t('icp.section.target')} description={t('icp.section.target.description')}>
        {TARGET_LISTS.slice(0, 2).map((entry) => (
          <TagInput key={entry.field} label={t(entry.label)} hint={t(entry.hint)} placeholder={t(entry.placeholder)} value={state[entry.field]} onChange={set(entry.field)} error={errors[entry.field]} {...common} />
        ))}
        <CheckboxGroup
          legend={t('icp.seniorities')}
          hint={t('icp.seniorities.hint')}
          options={SENIORITY_LEVELS.map((level) => ({ value: level, label: t(`icp.seniority.${level}` as MessageKey) }))}
          value={state.seniorities}
          onChange={set('seniorities')}
          disabled={readOnly}
          columns="sm:grid-cols-4"
        />
        <CheckboxGroup
          legend={t('icp.companySizes')}
          hint={t('icp.companySizes.hint')}
          options={COMPANY_SIZE_BUCKETS.map((bucket) => ({ value: bucket, label: bucket.replace('-', '–') }))}
          value={state.companySizes}
          onChange={set('companySizes')}
          disabled={readOnly}
          columns="sm:grid-cols-4"
        />
        {TARGET_LISTS.slice(2).map((entry) => (
          <TagInput key={entry.field} label={t(entry.label)} hint={t(entry.hint)} placeholder={t(entry.placeholder)} value={state[entry.field]} onChange={set(entry.field)} error={errors[entry.field]} {...common} />
        ))}
      </Section>
      <Section title={t('icp.section.exclusions')} description={t('icp.section.exclusions.description')}>
        <TagInput
          label={t('icp.excludedDomains')}
          hint={t('icp.excludedDomains.hint')}
          placeholder={t('icp.excludedDomains.placeholder')}
          value={state.excludedDomains}
          onChange={set('excludedDomains')}
          error={errors.excludedDomains}
          normalize={(text) => {
            const domain = normalizeDomain(text);
            return domain ? { value: domain } : { error: t('icp.excludedDomains.invalid', { value: text }) };
          }}
          {...common}
        />
        <TagInput
          label={t('icp.excludedCompanies')}
          hint={t('icp.excludedCompanies.hint')}
          placeholder={t('icp.excludedCompanies.placeholder')}
          value={state.excludedCompanies}
          onChange={set('excludedCompanies')}
          error={errors.excludedCompanies}
          {...common}
        />
      </Section>
      {!readOnly &&
        (actions ? (
          actions({ saving: save.isPending })
        ) : (
          <div className="flex flex-wrap items-center justify-end gap-2 border-t border-line bg-surface/60 px-5 py-3">
            <Button type="submit" loading={save.isPending}>
              {save.isPending ? t('common.saving') : t('icp.save')}
            </Button>
          </div>
        ))}
    </form>
  );
}
