import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CampaignStatus } from '../../../shared/enums.js';

export const SORTS = {
  newest: { sort: 'createdAt', order: 'desc' },
  oldest: { sort: 'createdAt', order: 'asc' },
  name: { sort: 'name', order: 'asc' },
  updated: { sort: 'updatedAt', order: 'desc' },
} as const;
export type SortKey = keyof typeof SORTS;

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Filters live in the URL, so a filtered list can be bookmarked and shared. */
export function useCampaignFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get('q') ?? '',
    status: (params.get('status') ?? '') as CampaignStatus | '',
    agentId: params.get('agentId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: (params.get('sort') as SortKey | null) ?? 'newest',
  };
  const update = (patch: Partial<typeof filters>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const active = Boolean(filters.q || filters.status || filters.agentId || filters.from || filters.to);
  return { filters, update, active, clear: () => setParams(new URLSearchParams(filters.sort !== 'newest' ? { sort: filters.sort } : {}), { replace: true }) };
}
