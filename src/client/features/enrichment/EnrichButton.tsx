import { Button } from '../../components/ui/Button.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterInputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { useEnrich } from './EnrichmentPanel.js';

type Filter = RouterInputs['prospects']['enrichMatching']['filter'];

/**
 * The bulk bar's "Enrich": queues the checked prospects, or — with "all matching" selected — every
 * prospect the list's filter matches (the server applies the filter; a toast says how many).
 */
export function EnrichButton({ ids, filter }: { ids: string[] | null; filter?: Filter }) {
  const { t, tp } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const enrich = useEnrich();
  const matching = trpc.prospects.enrichMatching.useMutation({
    onSuccess: async (result) => {
      toast.success(tp('enrichment.queued', result.queued));
      await Promise.all([utils.enrichment.forProspect.invalidate(), utils.prospects.invalidate()]);
    },
    onError: (error) => toast.error(errorText.message(error, t('enrichment.queueFailed'))),
  });
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={ids ? ids.length === 0 : !filter}
      title={ids || filter ? undefined : t('enrichment.bulkAllMatching')}
      loading={enrich.isPending || matching.isPending}
      onClick={() => (ids ? enrich.mutate({ prospectIds: ids }) : filter && matching.mutate({ filter }))}
    >
      {t('enrichment.enrich')}
    </Button>
  );
}
