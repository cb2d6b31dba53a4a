import { Card, CardHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';

type UsageRow = { key: string; label: string; prospects: number; tokensIn: number; tokensOut: number; estimatedCostUsd: number | null; costIsPartial: boolean };

/** Tokens and estimated cost, one row per month or per campaign. */
export function UsageTable({ rows, firstColumn }: { rows: UsageRow[]; firstColumn: string }) {
  const { t, formatNumber } = useI18n();
  const cost = (row: UsageRow) =>
    row.estimatedCostUsd === null
      ? t('enrichment.usage.unknownCost')
      : `${formatNumber(row.estimatedCostUsd, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 })}${row.costIsPartial ? ` ${t('enrichment.usage.partial')}` : ''}`;
  return (
    <Table aria-label={t('enrichment.usage.title')}>
      <thead>
        <tr>
          <Th>{firstColumn}</Th>
          <Th>{t('enrichment.usage.prospects')}</Th>
          <Th>{t('enrichment.usage.tokens')}</Th>
          <Th>{t('enrichment.usage.cost')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {rows.map((row) => (
          <Tr key={row.key}>
            <Td>{row.label}</Td>
            <Td>{formatNumber(row.prospects)}</Td>
            <Td className="whitespace-nowrap">
              {formatNumber(row.tokensIn)} / {formatNumber(row.tokensOut)}
            </Td>
            <Td className="whitespace-nowrap">{cost(row)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Settings → API keys: which provider enrichment uses, and its usage per month and per campaign. */
export function EnrichmentUsageCard() {
  const { t } = useI18n();
  const settings = trpc.enrichment.settings.useQuery();
  const usage = trpc.enrichment.usage.useQuery({ months: 12 });
  return (
    <Card>
      <CardHeader title={t('enrichment.usage.title')} description={t('enrichment.usage.hint')} />
      <div className="space-y-4 px-5 pb-5">
        {settings.data && (
          <p className="text-sm text-ink">
            {settings.data.provider === 'offline'
              ? t('enrichment.provider.offline')
              : t('enrichment.provider.llm', { model: settings.data.model, concurrency: settings.data.concurrency, perMinute: settings.data.perMinute })}
          </p>
        )}
        {usage.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : usage.error ? (
          <ErrorState message={t('enrichment.usage.error')} onRetry={() => void usage.refetch()} />
        ) : usage.data.months.length === 0 ? (
          <p className="text-sm text-muted">{t('enrichment.usage.empty')}</p>
        ) : (
          <>
            <UsageTable rows={usage.data.months.map((row) => ({ key: row.month, label: row.month, ...row }))} firstColumn={t('enrichment.usage.month')} />
            <UsageTable
              rows={usage.data.campaigns.map((row) => ({ key: row.campaignId ?? 'none', label: row.campaignName ?? t('enrichment.usage.noCampaign'), ...row }))}
              firstColumn={t('enrichment.usage.campaign')}
            />
          </>
        )}
      </div>
    </Card>
  );
}
