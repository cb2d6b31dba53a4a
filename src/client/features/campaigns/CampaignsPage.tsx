import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SORTS, useCampaignFilters, useDebounced, type SortKey } from './campaign-filters.js';
import { useIsAdmin, useSession } from '../../app/session.js';
import { Button } from '../../components/ui/Button.js';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { Dialog } from '../../components/ui/Dialog.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SelectField, TextField } from '../../components/ui/Field.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { useLiveUpdates } from '../../lib/live.js';
import { trpc, type RouterInputs } from '../../lib/trpc.js';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../../shared/enums.js';
import { CampaignStatusBadge, primaryAction } from './campaign-status-ui.js';
import { CreateCampaignForm } from './CreateCampaignForm.js';
import { useCampaignActions } from './useCampaignActions.js';

export function CampaignsPage() {
  const { t, formatNumber, formatDate } = useI18n();
  const session = useSession();
  const isAdmin = useIsAdmin();
  const navigate = useNavigate();
  useLiveUpdates(session.workspace.id);
  const [creating, setCreating] = useState(false);
  const { filters, update, active, clear } = useCampaignFilters();
  const [search, setSearch] = useState(filters.q);
  const q = useDebounced(search, 250);
  useEffect(() => {
    if (q !== filters.q) update({ q });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the debounced text settles
  }, [q]);

  const input: RouterInputs['campaigns']['list'] = {
    limit: 25,
    ...SORTS[filters.sort in SORTS ? filters.sort : 'newest'],
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.agentId ? { agentId: filters.agentId } : {}),
    ...(filters.from ? { createdFrom: new Date(`${filters.from}T00:00:00`) } : {}),
    ...(filters.to ? { createdTo: new Date(`${filters.to}T23:59:59.999`) } : {}),
  };
  const list = trpc.campaigns.list.useInfiniteQuery(input, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const options = trpc.campaigns.formOptions.useQuery();
  const actions = useCampaignActions();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const percent = (part: number, whole: number) => (whole > 0 ? formatNumber(part / whole, { style: 'percent', maximumFractionDigits: 1 }) : '—');

  return (
    <>
      <PageHeader
        title={t('nav.campaigns')}
        description={t('campaigns.subtitle')}
        actions={
          <Button onClick={() => setCreating(true)}>
            <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
              <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
            </svg>
            {t('campaigns.create')}
          </Button>
        }
      />

      <Card>
        <div role="search" aria-label={t('campaigns.filters')} className="grid gap-3 border-b border-line p-4 sm:grid-cols-2 lg:grid-cols-6">
          <TextField
            type="search"
            label={t('campaigns.filter.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            containerClassName="lg:col-span-2"
            maxLength={120}
          />
          <SelectField label={t('campaigns.filter.status')} value={filters.status} onChange={(event) => update({ status: event.target.value as CampaignStatus })}>
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
        <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-2.5">
          <p className="text-sm text-muted" aria-live="polite">
            {list.data ? (total === 1 ? t('campaigns.count.one') : t('campaigns.count.other', { count: formatNumber(total) })) : ' '}
          </p>
          <div className="flex items-center gap-3">
            {active && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setSearch('');
                  clear();
                }}
              >
                {t('campaigns.filter.clear')}
              </Button>
            )}
            <label className="flex items-center gap-2 text-sm text-muted">
              {t('campaigns.filter.sort')}
              <select
                className="h-8 rounded-lg border border-line bg-panel px-2 text-sm text-ink"
                value={filters.sort}
                onChange={(event) => update({ sort: event.target.value as SortKey })}
              >
                {(Object.keys(SORTS) as SortKey[]).map((key) => (
                  <option key={key} value={key}>
                    {t(`campaigns.sort.${key}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>

        {list.isPending ? (
          <SkeletonRows rows={6} label={t('campaigns.loading')} />
        ) : list.error ? (
          <ErrorState message={t('campaigns.error')} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          active ? (
            <EmptyState
              title={t('campaigns.empty.filtered')}
              body={t('campaigns.empty.filteredBody')}
              action={
                <Button
                  variant="secondary"
                  onClick={() => {
                    setSearch('');
                    clear();
                  }}
                >
                  {t('campaigns.filter.clear')}
                </Button>
              }
            />
          ) : (
            <EmptyState
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
            <Table>
              <thead className="bg-surface/60">
                <tr>
                  <Th>{t('campaigns.col.name')}</Th>
                  <Th>{t('campaigns.col.status')}</Th>
                  <Th className="hidden xl:table-cell">{t('campaigns.col.agent')}</Th>
                  <Th className="text-right">{t('campaigns.col.prospects')}</Th>
                  <Th className="text-right">{t('campaigns.col.sent')}</Th>
                  <Th className="text-right">{t('campaigns.col.replies')}</Th>
                  <Th className="text-right">{t('campaigns.col.meetings')}</Th>
                  <Th className="hidden 2xl:table-cell">{t('campaigns.col.created')}</Th>
                  <Th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {items.map((campaign) => {
                  const action = primaryAction(campaign.status);
                  const pending = actions.pendingId === campaign.id;
                  return (
                    <Tr key={campaign.id} className={campaign.status === 'archived' ? 'text-muted' : undefined}>
                      <Td className="max-w-xs">
                        <Link to={`/campaigns/${campaign.id}`} className="font-medium text-ink hover:text-brand-700 hover:underline">
                          {campaign.name}
                        </Link>
                        {campaign.description && <p className="truncate text-xs text-muted">{campaign.description}</p>}
                      </Td>
                      <Td>
                        <CampaignStatusBadge status={campaign.status} />
                      </Td>
                      <Td className="hidden whitespace-nowrap text-muted xl:table-cell">{campaign.agentName ?? t('campaigns.noAgent')}</Td>
                      <Td className="text-right tabular-nums">{formatNumber(campaign.counts.prospects)}</Td>
                      <Td className="text-right tabular-nums">{formatNumber(campaign.counts.sent)}</Td>
                      <Td className="text-right tabular-nums">
                        {formatNumber(campaign.counts.replies)}
                        <span className="block text-xs text-muted">{percent(campaign.counts.replies, campaign.counts.sent)}</span>
                      </Td>
                      <Td className="text-right tabular-nums">{formatNumber(campaign.counts.meetings)}</Td>
                      <Td className="hidden whitespace-nowrap text-muted 2xl:table-cell">{formatDate(campaign.createdAt, { dateStyle: 'medium' })}</Td>
                      <Td>
                        <div className="flex justify-end gap-1">
                          {action && (
                            <Button
                              size="sm"
                              variant={action === 'launch' ? 'primary' : 'secondary'}
                              loading={pending}
                              aria-label={t('campaigns.action.named', { action: t(`campaigns.action.${action}` as MessageKey), name: campaign.name })}
                              onClick={() => void actions.run(campaign, action)}
                            >
                              {t(`campaigns.action.${action}` as MessageKey)}
                            </Button>
                          )}
                          {isAdmin && (
                            <Button
                              size="sm"
                              variant="ghost"
                              aria-label={t('campaigns.action.named', { action: t('campaigns.action.delete'), name: campaign.name })}
                              title={t('campaigns.action.delete')}
                              onClick={() => actions.askDelete(campaign)}
                            >
                              <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
                                <path
                                  fillRule="evenodd"
                                  d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.44c-.8.08-1.58.17-2.37.3a.75.75 0 1 0 .26 1.47l.15-.02.8 10.4A2.75 2.75 0 0 0 7.58 19h4.84a2.75 2.75 0 0 0 2.74-2.66l.8-10.4.15.02a.75.75 0 1 0 .26-1.48c-.79-.12-1.58-.21-2.37-.29v-.44A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.67.03 2.5.08v-.33c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.33C8.33 4.03 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z"
                                  clipRule="evenodd"
                                />
                              </svg>
                            </Button>
                          )}
                        </div>
                      </Td>
                    </Tr>
                  );
                })}
              </tbody>
            </Table>
            {list.hasNextPage && (
              <div className="border-t border-line p-3 text-center">
                <Button variant="secondary" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('campaigns.loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>

      <Dialog open={creating} onClose={() => setCreating(false)} title={t('campaigns.createTitle')} description={t('campaigns.createDescription')} size="lg">
        {creating && (
          <CreateCampaignForm
            onCancel={() => setCreating(false)}
            onCreated={(campaign) => {
              setCreating(false);
              navigate(`/campaigns/${campaign.id}`);
            }}
          />
        )}
      </Dialog>
      {actions.dialog}
    </>
  );
}
