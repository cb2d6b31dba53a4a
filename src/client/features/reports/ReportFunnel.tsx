import { Card, CardHeader } from '../../components/ui/Card.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import type { Report } from './report-format.js';

const STAGES: { key: keyof Report['funnel']; label: MessageKey }[] = [
  { key: 'prospects', label: 'reports.funnel.prospects' },
  { key: 'contacted', label: 'reports.funnel.contacted' },
  { key: 'replied', label: 'reports.funnel.replied' },
  { key: 'positive', label: 'reports.funnel.positive' },
  { key: 'meetings', label: 'reports.funnel.meetings' },
];

/** Prospects → contacted → replied → positive → meetings, each bar sized on the first stage. */
export function ReportFunnel({ funnel, workspace }: { funnel: Report['funnel']; workspace: boolean }) {
  const { t, formatNumber } = useI18n();
  const top = Math.max(funnel.prospects, funnel.contacted, 1);
  const percent = (value: number) => formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <Card>
      <CardHeader title={t('reports.funnel.title')} />
      <ol className="space-y-3 px-5 py-4" aria-label={t('reports.funnel.title')}>
        {STAGES.map((stage, index) => {
          const value = funnel[stage.key];
          const previous = index > 0 ? funnel[STAGES[index - 1]!.key] : null;
          return (
            <li key={stage.key} data-testid={`funnel-${stage.key}`}>
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <span className="font-medium text-ink">{t(stage.label)}</span>
                <span className="tabular-nums">
                  <span className="mr-2 text-xs text-muted">
                    {index === 0 ? t(workspace ? 'reports.funnel.prospectsWorkspaceHint' : 'reports.funnel.prospectsHint') : previous ? t('reports.funnel.ofPrevious', { rate: percent(value / previous) }) : ''}
                  </span>
                  <span className="font-semibold text-ink" data-value>
                    {formatNumber(value)}
                  </span>
                </span>
              </div>
              <span className="mt-1 block h-3 overflow-hidden rounded bg-surface" aria-hidden="true">
                <span className="block h-full rounded bg-brand-500" style={{ width: `${Math.max(value > 0 ? 1.5 : 0, (value / top) * 100)}%`, opacity: 1 - index * 0.12 }} />
              </span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
