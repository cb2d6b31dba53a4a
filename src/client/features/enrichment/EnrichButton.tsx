import { Button } from '../../components/ui/Button.js';
import { useT } from '../../i18n/index.js';
import { useEnrich } from './EnrichmentPanel.js';

/**
 * The bulk bar's "Enrich": queues the checked prospects (a toast says how many). With "all
 * matching" selected there are no ids to send — a whole campaign is enriched from its page.
 */
export function EnrichButton({ ids }: { ids: string[] | null }) {
  const t = useT();
  const enrich = useEnrich();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={!ids || ids.length === 0}
      title={ids ? undefined : t('enrichment.bulkAllMatching')}
      loading={enrich.isPending}
      onClick={() => ids && enrich.mutate({ prospectIds: ids })}
    >
      {t('enrichment.enrich')}
    </Button>
  );
}
