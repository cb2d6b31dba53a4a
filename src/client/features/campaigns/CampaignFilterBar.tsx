import { SelectField, TextField } from '../../components/ui/Field.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../../shared/enums.js';
import type { CampaignFilters } from './campaign-filters.js';

/** Search (debounced by the page), status, agent and creation dates. */
export function CampaignFilterBar({
  filters,
  search,
  onSearch,
  update,
}: {
  filters: CampaignFilters;
  search: string;
  onSearch: (text: string) => void;
  update: (patch: Partial<CampaignFilters>) => void;
}) {
  const t = useT();
  const options = trpc.campaigns.formOptions.useQuery();
  return (
    <div role="search" aria-label={t('campaigns.filters')} className="grid grid-cols-2 gap-3 border-b border-line p-4 lg:grid-cols-3 xl:grid-cols-6">
      <TextField type="search" label={t('campaigns.filter.search')} value={search} onChange={(event) => onSearch(event.target.value)} containerClassName="col-span-2" maxLength={120} />
      <SelectField label={t('campaigns.filter.status')} value={filters.status} onChange={(event) => update({ status: event.target.value as CampaignStatus | '' })}>
        <option value="">{t('campaigns.filter.allStatuses')}</option>
        {CAMPAIGN_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`campaigns.status.${status}` as MessageKey)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('campaigns.filter.agent')} value={filters.agentId} onChange={(event) => update({ agentId: event.target.value })}>
        <option value="">{t('campaigns.filter.allAgents')}</option>
        {options.data?.agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
          </option>
        ))}
      </SelectField>
      <TextField type="date" label={t('campaigns.filter.createdFrom')} value={filters.from} max={filters.to || undefined} onChange={(event) => update({ from: event.target.value })} />
      <TextField type="date" label={t('campaigns.filter.createdTo')} value={filters.to} min={filters.from || undefined} onChange={(event) => update({ to: event.target.value })} />
    </div>
  );
}
