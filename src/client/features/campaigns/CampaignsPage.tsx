import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/ui/Button.js';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { Dialog } from '../../components/ui/Dialog.js';
import { EmptyState, NoMatches } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { InlineSelect } from '../../components/ui/Field.js';
import { PlusIcon } from '../../components/ui/icons.js';
import { ResultsBar } from '../../components/ui/ResultsBar.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useDebouncedSearch } from '../../lib/url-filters.js';
import { LaunchDialog } from '../sequence/LaunchDialog.js';
import { listInput, SORTS, useCampaignFilters, type SortKey } from './campaign-filters.js';
import { CampaignFilterBar } from './CampaignFilterBar.js';
import { CampaignForm } from './CampaignForm.js';
import { CampaignsTable, type CampaignRow } from './CampaignsTable.js';
import { useCampaignActions } from './useCampaignActions.js';

export function CampaignsPage() {
  const { t, tp } = useI18n();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { filters, update, active, clear } = useCampaignFilters();
  const [search, setSearch] = useDebouncedSearch(filters.q, (q) => update({ q }), 250);
  const list = trpc.campaigns.list.useInfiniteQuery(listInput(filters), { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const actions = useCampaignActions();
  const [launching, setLaunching] = useState<CampaignRow | null>(null);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('nav.campaigns')}
        description={t('campaigns.subtitle')}
        actions={
          <Button onClick={() => setCreating(true)}>
            <PlusIcon />
            {t('campaigns.create')}
          </Button>
        }
      />

      <Card>
        <CampaignFilterBar filters={filters} search={search} onSearch={setSearch} update={update} />
        <ResultsBar
          summary={list.data ? tp('campaigns.count', total) : null}
          onClear={active ? clear : undefined}
        >
          <InlineSelect label={t('campaigns.filter.sort')} value={filters.sort} onChange={(event) => update({ sort: event.target.value as SortKey })}>
            {(Object.keys(SORTS) as SortKey[]).map((key) => (
              <option key={key} value={key}>
                {t(`campaigns.sort.${key}` as MessageKey)}
              </option>
            ))}
          </InlineSelect>
        </ResultsBar>

        {list.isPending ? (
          <SkeletonRows rows={6} label={t('campaigns.loading')} />
        ) : list.error ? (
          <ErrorState message={t('campaigns.error')} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          active ? (
            <NoMatches title={t('campaigns.empty.filtered')} body={t('campaigns.empty.filteredBody')} onClear={clear} />
          ) : (
            <EmptyState
              level={2}
              icon={
                <svg viewBox="0 0 24 24" className="size-10" fill="currentColor">
                  <path d="M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1Zm13.5 1A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4Z" />
                </svg>
              }
              title={t('campaigns.empty.title')}
              body={t('campaigns.empty.body')}
              action={<Button onClick={() => setCreating(true)}>{t('campaigns.create')}</Button>}
            />
          )
        ) : (
          <>
            <CampaignsTable items={items} actions={actions} onLaunch={setLaunching} />
            {list.hasNextPage && (
              <div className="border-t border-line p-3 text-center">
                <Button variant="secondary" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>

      <Dialog open={creating} onClose={() => setCreating(false)} title={t('campaigns.createTitle')} description={t('campaigns.createDescription')} size="lg">
        {creating && (
          <CampaignForm
            onCancel={() => setCreating(false)}
            onCreated={(campaign) => {
              setCreating(false);
              void navigate(`/campaigns/${campaign.id}`);
            }}
          />
        )}
      </Dialog>
      {launching && <LaunchDialog campaign={launching} open onClose={() => setLaunching(null)} />}
      {actions.dialog}
    </>
  );
}
