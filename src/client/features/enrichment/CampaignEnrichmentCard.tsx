import { Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { CheckboxField } from '../../components/ui/Field.js';
import { ProgressBar } from '../../components/ui/ProgressBar.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { UsageTable } from './EnrichmentUsageCard.js';

/**
 * The campaign page's enrichment card: "enrich on arrival", progress of the campaign's prospects
 * (polled while some are queued or running), the most frequent errors, a trigger for the pending
 * ones, and this campaign's LLM usage.
 */
export function CampaignEnrichmentCard({ campaignId }: { campaignId: string }) {
  const { t, tp, formatNumber } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const settings = trpc.enrichment.campaignSettings.useQuery({ id: campaignId });
  const progress = trpc.enrichment.campaignProgress.useQuery({ id: campaignId }, { refetchInterval: (query) => (query.state.data?.status === 'running' ? 2000 : false) });
  const usage = trpc.enrichment.usage.useQuery({ campaignId, months: 12 });
  const save = trpc.enrichment.setCampaignSettings.useMutation({
    onSuccess: async () => {
      toast.success(t('enrichment.campaign.saved'));
      await utils.enrichment.campaignSettings.invalidate({ id: campaignId });
    },
    onError: (error) => toast.error(errorText.message(error, t('enrichment.queueFailed'))),
  });
  const trigger = trpc.enrichment.triggerCampaign.useMutation({
    onSuccess: async (result) => {
      toast.success(tp('enrichment.queued', result.queued));
      await utils.enrichment.campaignProgress.invalidate({ id: campaignId });
    },
    onError: (error) => toast.error(errorText.message(error, t('enrichment.queueFailed'))),
  });
  const data = progress.data;
  const total = data ? data.counts.queued + data.counts.running + data.counts.enriched + data.counts.failed : 0;
  return (
    <Card>
      <CardHeader
        title={t('enrichment.campaign.title')}
        actions={
          <Button size="sm" variant="secondary" loading={trigger.isPending} onClick={() => trigger.mutate({ id: campaignId, scope: 'pending' })}>
            {t('enrichment.campaign.trigger')}
          </Button>
        }
      />
      <div className="space-y-4 px-5 pb-5">
        {settings.data && (
          <CheckboxField
            label={t('enrichment.campaign.onArrival')}
            hint={t('enrichment.campaign.onArrivalHint')}
            checked={settings.data.enrichOnArrival}
            disabled={save.isPending}
            onChange={(event) => save.mutate({ id: campaignId, enrichOnArrival: event.target.checked })}
          />
        )}
        {progress.isPending ? (
          <Skeleton className="h-8 w-full" />
        ) : progress.error || !data ? (
          <ErrorState message={t('enrichment.campaign.error')} onRetry={() => void progress.refetch()} />
        ) : total === 0 ? (
          <p className="text-sm text-muted">{t('enrichment.campaign.idle')}</p>
        ) : (
          <div className="space-y-2">
            <ProgressBar value={data.counts.enriched + data.counts.failed} max={total} label={t('enrichment.campaign.title')} />
            <p className="text-sm text-ink">
              {t('enrichment.campaign.progress', { done: formatNumber(data.counts.enriched), total: formatNumber(total) })}
              {data.counts.failed > 0 && <span className="text-danger-700"> · {tp('enrichment.campaign.failedCount', data.counts.failed)}</span>}
            </p>
            {data.errors.length > 0 && (
              <ul className="space-y-1 text-xs text-danger-700">
                {data.errors.map((error) => (
                  <li key={error.message} className="break-words">
                    {error.message} ({formatNumber(error.prospects)})
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {usage.data && usage.data.months.length > 0 && <UsageTable rows={usage.data.months.map((row) => ({ key: row.month, label: row.month, ...row }))} firstColumn={t('enrichment.usage.month')} />}
      </div>
    </Card>
  );
}
