import { useSearchParams } from 'react-router';
import { BackLink } from '../../components/ui/BackLink.js';
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
      <BackLink to="/prospects">{t('nav.prospects')}</BackLink>
      <PageHeader title={t('prospects.import.title')} description={t('prospects.import.subtitle')} />
      <Card className="p-5">
        <CsvImportFlow campaignId={campaignId} />
      </Card>
    </>
  );
}
