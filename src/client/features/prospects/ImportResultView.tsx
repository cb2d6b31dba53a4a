import { Button } from '../../components/ui/Button.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n } from '../../i18n/index.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { errorsCsv, type ImportResult } from './csv-file.js';
import { downloadText, prospectFieldLabels } from './prospect-ui.js';

const SHOWN_ERRORS = 100;

function Stat({ label, value, tone }: { label: string; value: string; tone: string }) {
  return (
    <div className="rounded-lg border border-line px-4 py-3">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone}`}>{value}</dd>
    </div>
  );
}

/** What the import did: counts, then the refused rows (row number + reason), downloadable as CSV. */
export function ImportResultView({ result, fileName }: { result: ImportResult; fileName: string }) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText(prospectFieldLabels(t));
  const errors = result.errors.map((error) => ({ row: error.row, message: errorText.importRow(error) }));
  const download = () =>
    downloadText(errorsCsv(errors, [t('prospects.import.col.row'), t('prospects.import.col.reason')]), `${fileName.replace(/\.csv$/i, '')}-errors.csv`);
  return (
    <div className="space-y-5">
      {result.status === 'failed' && <p role="alert" className="text-sm font-medium text-danger-600">{t('prospects.import.result.failedHint')}</p>}
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t('prospects.import.result.imported')} value={formatNumber(result.imported)} tone="text-success-700" />
        <Stat label={t('prospects.import.result.duplicates')} value={formatNumber(result.duplicates)} tone="text-ink" />
        <Stat label={t('prospects.import.result.skipped')} value={formatNumber(result.skipped)} tone="text-ink" />
        <Stat label={t('prospects.import.result.errors')} value={formatNumber(result.errorCount)} tone={result.errorCount ? 'text-danger-600' : 'text-ink'} />
      </dl>
      {result.duplicates > 0 && <p className="text-sm text-muted">{t('prospects.import.result.duplicatesHint')}</p>}
      {result.skipped > 0 && <p className="text-sm text-muted">{t('prospects.import.result.skippedHint')}</p>}
      {errors.length > 0 && (
        <section aria-labelledby="import-errors-title" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="import-errors-title" className="text-sm font-semibold text-ink">
              {t('prospects.import.result.errorsTitle')}
            </h3>
            <Button variant="secondary" size="sm" onClick={download}>
              {t('prospects.import.result.downloadErrors')}
            </Button>
          </div>
          <div className="max-h-80 overflow-y-auto rounded-lg border border-line">
            <Table aria-label={t('prospects.import.result.errorsTitle')}>
              <thead className="sticky top-0 bg-surface">
                <tr>
                  <Th className="w-24">{t('prospects.import.col.row')}</Th>
                  <Th>{t('prospects.import.col.reason')}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {errors.slice(0, SHOWN_ERRORS).map((error, i) => (
                  <Tr key={`${error.row}-${i}`}>
                    <Td className="tabular-nums">{formatNumber(error.row)}</Td>
                    <Td className="text-danger-600">{error.message}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </div>
          {result.errorCount + result.skipped > SHOWN_ERRORS && (
            <p className="text-xs text-muted">{t('prospects.import.result.moreErrors', { shown: SHOWN_ERRORS, count: formatNumber(result.errorCount + result.skipped) })}</p>
          )}
        </section>
      )}
    </div>
  );
}
