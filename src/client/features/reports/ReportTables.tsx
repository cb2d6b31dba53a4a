import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/Badge.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { Table, Td, Th } from '../../components/ui/Table.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n } from '../../i18n/index.js';
import { ExportButton } from './ExportButton.js';
import { variantLetter, type Report, type ReportQuery, type ReportRow, type ReportTable } from './report-format.js';

function useRate() {
  const { t, formatNumber } = useI18n();
  return (rate: number | null) => (rate === null ? t('reports.rateNone') : formatNumber(rate, { style: 'percent', maximumFractionDigits: 1 }));
}

/** The metric columns every table shares: counts with their rate. */
function MetricHeads({ tracking }: { tracking: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Th className="text-right">{t('reports.col.sent')}</Th>
      <Th className="text-right">{t('reports.col.deliverability')}</Th>
      <Th className="text-right">{t('reports.col.replied')}</Th>
      <Th className="text-right">{t('reports.col.positive')}</Th>
      <Th className="text-right">{t('reports.col.bounced')}</Th>
      <Th className="text-right">{t('reports.col.unsubscribed')}</Th>
      {tracking && <Th className="text-right">{t('reports.col.opened')}</Th>}
      {tracking && <Th className="text-right">{t('reports.col.clicked')}</Th>}
    </>
  );
}

function MetricCells({ row, tracking }: { row: ReportRow; tracking: boolean }) {
  const { formatNumber } = useI18n();
  const rate = useRate();
  const cell = (count: number, value: number | null) => (
    <Td className="text-right tabular-nums">
      {formatNumber(count)} <span className="text-xs text-muted">{rate(value)}</span>
    </Td>
  );
  return (
    <>
      <Td className="text-right tabular-nums">{formatNumber(row.sent)}</Td>
      <Td className="text-right tabular-nums">{rate(row.deliverability)}</Td>
      {cell(row.replied, row.replyRate)}
      {cell(row.positive, row.positiveRate)}
      {cell(row.bounced, row.bounceRate)}
      {cell(row.unsubscribed, row.unsubscribeRate)}
      {tracking && cell(row.opened, row.openRate)}
      {tracking && cell(row.clicked, row.clickRate)}
    </>
  );
}

function TableCard({ title, subtitle, table, query, empty, children }: { title: string; subtitle?: string; table: ReportTable; query: ReportQuery; empty: string | null; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} description={subtitle} actions={empty === null ? <ExportButton table={table} query={query} label={title} /> : undefined} />
      {empty === null ? children : <p className="px-5 py-6 text-sm text-muted">{empty}</p>}
    </Card>
  );
}

export function StepsTable({ report, query, tracking }: { report: Report; query: ReportQuery; tracking: boolean }) {
  const { t } = useI18n();
  const title = t('reports.steps.title');
  return (
    <TableCard title={title} subtitle={t('reports.steps.subtitle')} table="steps" query={query} empty={report.steps.length ? null : t('reports.steps.empty')}>
      <Table aria-label={title}>
        <thead>
          <tr>
            <Th>{t('reports.col.step')}</Th>
            <Th>{t('reports.col.variant')}</Th>
            <Th>{t('reports.col.subject')}</Th>
            <MetricHeads tracking={tracking} />
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {report.steps.map((row) => (
            <tr key={`${row.stepPosition}-${row.variantIndex}`} className={cx(row.leading && 'bg-success-50')} data-testid={`step-${row.stepPosition + 1}-${variantLetter(row.variantIndex)}`}>
              <Td className="whitespace-nowrap">{t('reports.steps.step', { n: row.stepPosition + 1 })}</Td>
              <Td className="whitespace-nowrap">
                {variantLetter(row.variantIndex)}
                {row.leading && (
                  <Badge tone="success" className="ml-2">
                    {t('reports.steps.leading')}
                  </Badge>
                )}
              </Td>
              <Td className="max-w-xs truncate" title={row.subject ?? undefined}>
                {row.subject?.trim() ? row.subject : <span className="text-muted">{t('reports.steps.noSubject')}</span>}
              </Td>
              <MetricCells row={row} tracking={tracking} />
            </tr>
          ))}
        </tbody>
      </Table>
    </TableCard>
  );
}

export function MailboxesTable({ report, query, tracking }: { report: Report; query: ReportQuery; tracking: boolean }) {
  const { t } = useI18n();
  const title = t('reports.mailboxes.title');
  return (
    <TableCard title={title} table="mailboxes" query={query} empty={report.mailboxes.length ? null : t('reports.mailboxes.empty')}>
      <Table aria-label={title}>
        <thead>
          <tr>
            <Th>{t('reports.col.mailbox')}</Th>
            <MetricHeads tracking={tracking} />
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {report.mailboxes.map((row) => (
            <tr key={row.mailboxId}>
              <Td className="whitespace-nowrap">{row.email ?? <span className="text-muted">{t('reports.mailboxes.removed')}</span>}</Td>
              <MetricCells row={row} tracking={tracking} />
            </tr>
          ))}
        </tbody>
      </Table>
    </TableCard>
  );
}

export function CampaignsTable({ report, query, onPick }: { report: Report; query: ReportQuery; onPick: (id: string) => void }) {
  const { t } = useI18n();
  const title = t('reports.campaigns.title');
  return (
    <TableCard title={title} table="campaigns" query={query} empty={report.campaigns.length ? null : t('reports.campaigns.empty')}>
      <Table aria-label={title}>
        <thead>
          <tr>
            <Th>{t('reports.col.campaign')}</Th>
            <MetricHeads tracking />
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {report.campaigns.map((row) => (
            <tr key={row.campaignId}>
              <Td>
                {row.name ? (
                  <button type="button" className="text-left font-medium text-brand-700 hover:underline" onClick={() => onPick(row.campaignId)}>
                    {row.name}
                  </button>
                ) : (
                  <span className="text-muted">{t('reports.campaigns.removed')}</span>
                )}
              </Td>
              <MetricCells row={row} tracking />
            </tr>
          ))}
        </tbody>
      </Table>
    </TableCard>
  );
}
