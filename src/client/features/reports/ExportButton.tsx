import { useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { restErrorOf } from '../../lib/error-text.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { downloadText } from '../prospects/prospect-ui.js';
import { csvUrl, type ReportQuery, type ReportTable } from './report-format.js';

/** Downloads one table of the report as CSV (the REST export, with the same filters). */
export function ExportButton({ table, query, label }: { table: ReportTable; query: ReportQuery; label: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const response = await fetch(csvUrl(table, query), { credentials: 'same-origin' });
      if (!response.ok) throw await restErrorOf(response);
      downloadText(await response.blob(), `report-${table}-${query.from ?? ''}-${query.to ?? ''}.csv`.replace(/--/g, '-').replace(/-\.csv$/, '.csv'));
      toast.success(t('reports.exported'));
    } catch (error) {
      toast.error(errorText.message(error, t('reports.exportFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="secondary" size="sm" loading={busy} onClick={() => void run()} aria-label={t('reports.exportLabel', { table: label })}>
      {t('reports.export')}
    </Button>
  );
}
