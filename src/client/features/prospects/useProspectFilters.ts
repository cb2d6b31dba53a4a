import { PROSPECT_SOURCES, PROSPECT_STAGES, type ProspectSource, type ProspectStage } from '../../../shared/enums.js';
import { oneOf, useUrlFilters } from '../../lib/url-filters.js';

export const SORTABLE = ['createdAt', 'name', 'company', 'stage', 'fitScore'] as const;
/** The minimum fit scores the filter offers. */
export const MIN_SCORES = ['30', '50', '70', '90'] as const;
export type SortField = (typeof SORTABLE)[number];
export type SortOrder = 'asc' | 'desc';

export type ProspectFilters = {
  q: string;
  stage: ProspectStage | '';
  tag: string;
  source: ProspectSource | '';
  campaignId: string;
  minScore: (typeof MIN_SCORES)[number] | '';
  sort: SortField;
  order: SortOrder;
};

/** The server-side filter (what list, count, export and bulk receive): only the set fields. */
export function serverFilter(filters: ProspectFilters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.campaignId ? { campaignId: filters.campaignId } : {}),
    ...(filters.minScore ? { minFitScore: Number(filters.minScore) } : {}),
  };
}

function readFilters(params: URLSearchParams): ProspectFilters {
  return {
    q: params.get('q') ?? '',
    stage: oneOf(params.get('stage'), PROSPECT_STAGES),
    tag: params.get('tag') ?? '',
    source: oneOf(params.get('source'), PROSPECT_SOURCES),
    campaignId: params.get('campaignId') ?? '',
    minScore: oneOf(params.get('minScore'), MIN_SCORES),
    sort: oneOf(params.get('sort'), SORTABLE) || 'createdAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/** The prospects list's filters and sort, in the URL. Clearing keeps the sort. */
export function useProspectFilters() {
  const { filters, update } = useUrlFilters(readFilters);
  const active = Boolean(filters.q || filters.stage || filters.tag || filters.source || filters.campaignId || filters.minScore);
  const clear = () => update({ q: '', stage: '', tag: '', source: '', campaignId: '', minScore: '' });
  return { filters, update, active, clear };
}
