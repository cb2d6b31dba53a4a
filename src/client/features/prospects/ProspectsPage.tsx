import { useState } from 'react';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { EmptyState, NoMatches } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { PlusIcon } from '../../components/ui/icons.js';
import { ResultsBar } from '../../components/ui/ResultsBar.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useDebouncedSearch } from '../../lib/url-filters.js';
import { AddProspectDialog } from './AddProspectDialog.js';
import { BulkBar } from './BulkBar.js';
import { ProspectDrawer } from './ProspectDrawer.js';
import { ProspectFilterBar } from './ProspectFilterBar.js';
import { ProspectsTable } from './ProspectsTable.js';
import { downloadText } from './prospect-ui.js';
import { restErrorOf } from '../../lib/error-text.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { serverFilter, useProspectFilters, type SortField } from './useProspectFilters.js';

const PAGE_SIZE = 50;
/** The export's query string carries at most this many ids (see MAX_EXPORT_IDS on the server). */
const MAX_EXPORT_IDS = 200;

export function ProspectsPage() {
  const { t, tp, formatNumber } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const { filters, update, active, clear } = useProspectFilters();
  const [search, setSearch] = useDebouncedSearch(filters.q, (q) => update({ q }));

  const filter = serverFilter(filters);
  const list = trpc.prospects.list.useInfiniteQuery(
    { ...filter, sort: filters.sort, order: filters.order, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const count = trpc.prospects.count.useQuery(filter, { placeholderData: (previous) => previous });
  const tags = trpc.prospects.tags.useQuery();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = count.data?.total ?? 0;

  // Selection: checked ids, or every prospect matching the filter. A new filter starts afresh.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const filterKey = JSON.stringify(filter);
  const [selectionFilterKey, setSelectionFilterKey] = useState(filterKey);
  if (selectionFilterKey !== filterKey) {
    setSelectionFilterKey(filterKey);
    setSelected(new Set());
    setAllMatching(false);
  }
  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const togglePage = () => {
    if (allMatching || (items.length > 0 && items.every((item) => selected.has(item.id)))) clearSelection();
    else setSelected(new Set(items.map((item) => item.id)));
  };
  const selectionCount = allMatching ? total : selected.size;
  const pageFullySelected = !allMatching && items.length > 0 && items.every((item) => selected.has(item.id));

  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState<'filter' | 'selection' | null>(null);

  const onSort = (field: SortField) => {
    const order = filters.sort === field ? (filters.order === 'asc' ? 'desc' : 'asc') : field === 'createdAt' ? 'desc' : 'asc';
    update({ sort: field, order });
  };

  /** Downloads the CSV of the given ids, or of everything matching the filter. */
  const exportCsv = async (ids: string[] | null) => {
    if (ids && ids.length > MAX_EXPORT_IDS) {
      toast.error(t('prospects.export.tooMany', { max: MAX_EXPORT_IDS }));
      return;
    }
    const params = new URLSearchParams(ids ? { ids: ids.join(',') } : Object.entries(filter).map(([key, value]) => [key, String(value)]));
    setExporting(ids ? 'selection' : 'filter');
    try {
      const response = await fetch(`/api/admin/prospects/export?${params.toString()}`, { credentials: 'same-origin' });
      if (!response.ok) throw await restErrorOf(response);
      downloadText(await response.blob(), `prospects-${new Date().toISOString().slice(0, 10)}.csv`);
      toast.success(t('prospects.export.done'));
    } catch (error) {
      toast.error(errorText.message(error, t('prospects.export.failed')));
    } finally {
      setExporting(null);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.prospects')}
        description={t('prospects.subtitle')}
        actions={
          <>
            <Button variant="secondary" onClick={() => void exportCsv(null)} loading={exporting === 'filter'} disabled={total === 0}>
              {t('prospects.export.all')}
            </Button>
            <ButtonLink to="/prospects/import" variant="secondary">
              {t('prospects.import.button')}
            </ButtonLink>
            <Button onClick={() => setAdding(true)}>
              <PlusIcon />
              {t('prospects.add.button')}
            </Button>
          </>
        }
      />

      <Card>
        <ProspectFilterBar filters={filters} search={search} onSearch={setSearch} update={update} tags={tags.data ?? []} />
        <ResultsBar
          summary={count.data ? tp('prospects.count', total) : null}
          onClear={active ? clear : undefined}
        />

        {selectionCount > 0 && (
          <BulkBar
            count={selectionCount}
            ids={allMatching ? null : [...selected]}
            filter={filter}
            knownTags={tags.data ?? []}
            onExport={() => void exportCsv(allMatching ? null : [...selected])}
            exporting={exporting === 'selection'}
            onClear={clearSelection}
          />
        )}
        {pageFullySelected && total > items.length && (
          <div className="border-b border-line bg-surface/60 px-4 py-2 text-center text-sm">
            {t('prospects.select.pageDone', { count: formatNumber(items.length) })}{' '}
            <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => setAllMatching(true)}>
              {t('prospects.select.allMatching', { count: formatNumber(total) })}
            </button>
          </div>
        )}
        {allMatching && (
          <div className="border-b border-line bg-surface/60 px-4 py-2 text-center text-sm">
            {t('prospects.select.allSelected', { count: formatNumber(total) })}{' '}
            <button type="button" className="font-medium text-brand-700 hover:underline" onClick={clearSelection}>
              {t('prospects.bulk.clear')}
            </button>
          </div>
        )}

        {list.isPending ? (
          <SkeletonRows rows={8} label={t('prospects.loading')} />
        ) : list.error ? (
          <ErrorState message={t('prospects.error')} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          active ? (
            <NoMatches title={t('prospects.empty.filtered')} body={t('prospects.empty.filteredBody')} onClear={clear} />
          ) : (
            <EmptyState
              level={2}
              title={t('prospects.empty.title')}
              body={t('prospects.empty.body')}
              action={
                <div className="flex flex-wrap justify-center gap-2">
                  <ButtonLink to="/prospects/import">{t('prospects.import.button')}</ButtonLink>
                  <Button variant="secondary" onClick={() => setAdding(true)}>
                    {t('prospects.add.button')}
                  </Button>
                </div>
              }
            />
          )
        ) : (
          <div aria-busy={list.isFetching || undefined}>
            <ProspectsTable
              items={items}
              selected={selected}
              allMatching={allMatching}
              onToggle={toggle}
              onTogglePage={togglePage}
              sort={filters.sort}
              order={filters.order}
              onSort={onSort}
              onOpen={setOpenId}
            />
            <div className="flex items-center justify-between gap-3 border-t border-line px-4 py-3 text-sm text-muted">
              <span>{t('prospects.shown', { shown: formatNumber(items.length), total: formatNumber(total) })}</span>
              {list.hasNextPage && (
                <Button variant="secondary" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              )}
            </div>
          </div>
        )}
      </Card>

      <ProspectDrawer id={openId} onClose={() => setOpenId(null)} />
      <AddProspectDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(id) => {
          setAdding(false);
          setOpenId(id);
        }}
      />
    </>
  );
}
