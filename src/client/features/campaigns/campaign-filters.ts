import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../../shared/enums.js';
import type { RouterInputs } from '../../lib/trpc.js';
import { oneOf, useUrlFilters } from '../../lib/url-filters.js';

export const SORTS = {
  newest: { sort: 'createdAt', order: 'desc' },
  oldest: { sort: 'createdAt', order: 'asc' },
  name: { sort: 'name', order: 'asc' },
  updated: { sort: 'updatedAt', order: 'desc' },
} as const;
export type SortKey = keyof typeof SORTS;

export type CampaignFilters = { q: string; status: CampaignStatus | ''; agentId: string; from: string; to: string; sort: SortKey };

function readFilters(params: URLSearchParams): CampaignFilters {
  return {
    q: params.get('q') ?? '',
    status: oneOf(params.get('status'), CAMPAIGN_STATUSES),
    agentId: params.get('agentId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: oneOf(params.get('sort'), Object.keys(SORTS) as SortKey[]) || 'newest',
  };
}

/** What `campaigns.list` receives for these filters (dates are whole days in the browser's time zone). */
export function listInput(filters: CampaignFilters): RouterInputs['campaigns']['list'] {
  return {
    limit: 25,
    ...SORTS[filters.sort],
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.agentId ? { agentId: filters.agentId } : {}),
    ...(filters.from ? { createdFrom: new Date(`${filters.from}T00:00:00`) } : {}),
    ...(filters.to ? { createdTo: new Date(`${filters.to}T23:59:59.999`) } : {}),
  };
}

/** The campaigns list's filters and sort, in the URL. Clearing keeps the sort. */
export function useCampaignFilters() {
  const { filters, update } = useUrlFilters(readFilters);
  const active = Boolean(filters.q || filters.status || filters.agentId || filters.from || filters.to);
  const clear = () => update({ q: '', status: '', agentId: '', from: '', to: '' });
  return { filters, update, active, clear };
}
