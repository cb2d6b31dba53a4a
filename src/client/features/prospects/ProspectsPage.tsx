import { useEffect, useState } from 'react';
import { useSession } from '../../app/session.js';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { useLiveUpdates } from '../../lib/live.js';
import { trpc } from '../../lib/trpc.js';
import { AddProspectDialog } from './AddProspectDialog.js';
import { BulkBar } from './BulkBar.js';
import { ProspectDrawer } from './ProspectDrawer.js';
import { ProspectFilterBar } from './ProspectFilterBar.js';
import { ProspectsTable } from './ProspectsTable.js';
import { downloadText, restErrorMessage, useDebounced } from './prospect-ui.js';
import { serverFilter, useProspectFilters, type SortField } from './useProspectFilters.js';

const PAGE_SIZE = 50;
/** The export's query string carries at most this many ids (see MAX_EXPORT_IDS on the server). */
const MAX_EXPORT_IDS = 200;

export function ProspectsPage() {
  const { t, formatNumber } = useI18n();
  const session = useSession();
  const toast = useToast();
  useLiveUpdates(session.workspace.id);
  const { filters, update, active, clear } = useProspectFilters();
  const [search, setSearch] = useState(filters.q);
  const q = useDebounced(search.trim(), 300);
  useEffect(() => {
    if (q !== filters.q) update({ q });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the debounced text settles
  }, [q]);

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
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, [filterKey]);
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
    const params = new URLSearchParams(ids ? { ids: ids.join(',') } : filter);
    setExporting(ids ? 'selection' : 'filter');
    try {
      const response = await fetch(`/api/admin/prospects/export?${params.toString()}`, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(await restErrorMessage(response, t('prospects.export.failed')));
      downloadText(await response.blob(), `prospects-${new Date().toISOString().slice(0, 10)}.csv`);
      toast.success(t('prospects.export.done'));
    } catch (error) {
      toast.error(error instanceof Error && error.message ? error.message : t('prospects.export.failed'));
    } finally {
      setExporting(null);
    }
  };

  const addIcon = (
    <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
      <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
    </svg>
  );

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
              {addIcon}
              {t('prospects.add.button')}
            </Button>
          </>
        }
      />

      <Card>
        <ProspectFilterBar filters={filters} search={search} onSearch={setSearch} update={update} tags={tags.data ?? []} />
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-line px-4 py-2.5">
          <p className="text-sm text-muted" aria-live="polite">
            {count.data ? t(total === 1 ? 'prospects.count.one' : 'prospects.count.other', { count: formatNumber(total) }) : ' '}
          </p>
          {active && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setSearch('');
                clear();
              }}
            >
              {t('prospects.filter.clear')}
            </Button>
          )}
        </div>

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
            <EmptyState
              title={t('prospects.empty.filtered')}
              body={t('prospects.empty.filteredBody')}
              action={
                <Button
                  variant="secondary"
                  onClick={() => {
                    setSearch('');
                    clear();
                  }}
                >
                  {t('prospects.filter.clear')}
                </Button>
              }
            />
          ) : (
            <EmptyState
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
                  {t('prospects.loadMore')}
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
