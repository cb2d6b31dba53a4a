import { Link, useSearchParams } from 'react-router';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { useT } from '../../i18n/index.js';
import { CsvImportFlow } from './CsvImportFlow.js';

/** The import page; `?campaignId=` (from a campaign's page) puts the imported prospects in that campaign. */
export function ImportProspectsPage() {
  const t = useT();
  const [params] = useSearchParams();
  const campaignId = params.get('campaignId') ?? undefined;
  return (
    <>
      <nav aria-label={t('prospects.import.breadcrumb')} className="mb-2 text-sm">
        <Link to="/prospects" className="text-muted hover:text-ink">
          ← {t('nav.prospects')}
        </Link>
      </nav>
      <PageHeader title={t('prospects.import.title')} description={t('prospects.import.subtitle')} />
      <Card className="p-5">
        <CsvImportFlow campaignId={campaignId} />
      </Card>
    </>
  );
}
