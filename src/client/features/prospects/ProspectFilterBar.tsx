import { SelectField, TextField } from '../../components/ui/Field.js';
import { CampaignSelectField } from './CampaignSelectField.js';
import { useT } from '../../i18n/index.js';
import { PROSPECT_SOURCES, PROSPECT_STAGES, type ProspectSource, type ProspectStage } from '../../../shared/enums.js';
import { stageKey } from './prospect-ui.js';
import { SOURCE_KEYS } from './ProspectsTable.js';
import { MIN_SCORES, type ProspectFilters } from './useProspectFilters.js';

/** Search (debounced by the page) and the stage, tag, source and campaign selects. */
export function ProspectFilterBar({
  filters,
  search,
  onSearch,
  update,
  tags,
}: {
  filters: ProspectFilters;
  search: string;
  onSearch: (value: string) => void;
  update: (patch: Partial<ProspectFilters>) => void;
  tags: string[];
}) {
  const t = useT();
  return (
    <div role="search" aria-label={t('prospects.filter.label')} className="grid grid-cols-2 gap-3 border-b border-line p-4 lg:grid-cols-4 xl:grid-cols-7">
      <TextField
        type="search"
        label={t('prospects.filter.search')}
        placeholder={t('prospects.filter.searchPlaceholder')}
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        containerClassName="col-span-2"
        maxLength={200}
      />
      <SelectField label={t('prospects.filter.stage')} value={filters.stage} onChange={(event) => update({ stage: event.target.value as ProspectStage | '' })}>
        <option value="">{t('prospects.filter.allStages')}</option>
        {PROSPECT_STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {t(stageKey(stage))}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('prospects.filter.tag')} value={filters.tag} onChange={(event) => update({ tag: event.target.value })}>
        <option value="">{t('prospects.filter.allTags')}</option>
        {/* A tag from the URL that no prospect carries any more still shows as selected. */}
        {[...new Set([...(filters.tag ? [filters.tag] : []), ...tags])].map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('prospects.filter.source')} value={filters.source} onChange={(event) => update({ source: event.target.value as ProspectSource | '' })}>
        <option value="">{t('prospects.filter.allSources')}</option>
        {PROSPECT_SOURCES.map((source) => (
          <option key={source} value={source}>
            {t(SOURCE_KEYS[source]!)}
          </option>
        ))}
      </SelectField>
      <CampaignSelectField
        label={t('prospects.filter.campaign')}
        emptyLabel={t('prospects.filter.allCampaigns')}
        value={filters.campaignId}
        onChange={(event) => update({ campaignId: event.target.value })}
      />
      <SelectField label={t('enrichment.filter.minScore')} value={filters.minScore} onChange={(event) => update({ minScore: event.target.value as ProspectFilters['minScore'] })}>
        <option value="">{t('enrichment.filter.anyScore')}</option>
        {MIN_SCORES.map((score) => (
          <option key={score} value={score}>
            {t('enrichment.filter.atLeast', { score })}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
