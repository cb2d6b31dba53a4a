import { ButtonLink } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { StageBadge } from '../prospects/prospect-ui.js';

/** The campaign's newest prospects; the full, filterable list is the prospects page (filtered by campaign). */
export function CampaignProspects({ campaignId }: { campaignId: string }) {
  const { t, formatNumber, formatRelative } = useI18n();
  const prospects = trpc.campaigns.prospects.useQuery({ id: campaignId, limit: 10 });
  const allLink = `/prospects?campaignId=${campaignId}`;
  return (
    <Card>
      <CardHeader
        title={t('campaigns.prospects.title')}
        description={t('campaigns.prospects.subtitle')}
        actions={
          prospects.data && prospects.data.total > 0 ? (
            <ButtonLink to={allLink} variant="secondary" size="sm">
              {t('campaigns.prospects.viewAll', { count: formatNumber(prospects.data.total) })}
            </ButtonLink>
          ) : undefined
        }
      />
      {prospects.isPending ? (
        <SkeletonRows rows={4} label={t('common.loading')} />
      ) : prospects.error ? (
        <ErrorState onRetry={() => void prospects.refetch()} />
      ) : prospects.data.items.length === 0 ? (
        <EmptyState
          title={t('campaigns.prospects.empty.title')}
          body={t('campaigns.prospects.empty.body')}
          action={
            <ButtonLink to="/prospects/import" variant="secondary">
              {t('campaigns.prospects.import')}
            </ButtonLink>
          }
        />
      ) : (
        <Table>
          <thead className="bg-surface/60">
            <tr>
              <Th>{t('campaigns.prospects.col.name')}</Th>
              <Th className="hidden sm:table-cell">{t('campaigns.prospects.col.company')}</Th>
              <Th>{t('campaigns.prospects.col.stage')}</Th>
              <Th className="hidden md:table-cell">{t('campaigns.prospects.col.lastContacted')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {prospects.data.items.map((prospect) => (
              <Tr key={prospect.id}>
                <Td>
                  <p className="font-medium">{prospect.name}</p>
                  {prospect.email && <p className="text-xs text-muted">{prospect.email}</p>}
                </Td>
                <Td className="hidden text-muted sm:table-cell">
                  {prospect.company ?? '—'}
                  {prospect.title && <span className="block text-xs">{prospect.title}</span>}
                </Td>
                <Td>
                  <StageBadge stage={prospect.stage} />
                </Td>
                <Td className="hidden text-muted md:table-cell">{prospect.lastContactedAt ? formatRelative(prospect.lastContactedAt) : t('campaigns.prospects.never')}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
