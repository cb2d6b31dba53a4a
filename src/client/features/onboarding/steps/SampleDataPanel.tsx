import { useState } from 'react';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { Skeleton } from '../../../components/ui/Skeleton.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

/**
 * Loads the fictional sample prospects into the campaign, clearly labelled as sample data, and
 * removes them again. Loading twice adds nobody.
 */
export function SampleDataPanel({ campaign }: { campaign: { id: string; name: string } }) {
  const { t, tp } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const status = trpc.workspace.sampleData.status.useQuery({ campaignId: campaign.id });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const refresh = () => Promise.all([utils.workspace.sampleData.status.invalidate(), utils.campaigns.invalidate(), utils.prospects.invalidate()]);
  const load = trpc.workspace.sampleData.load.useMutation({
    onSuccess: async (result) => {
      await refresh();
      toast.success(result.inserted ? tp('onboarding.sample.loaded', result.inserted, { campaign: campaign.name }) : t('onboarding.sample.alreadyLoaded', { campaign: campaign.name }));
    },
    onError: (error) => toast.error(errorText.message(error, t('onboarding.sample.loadFailed'))),
  });
  const remove = trpc.workspace.sampleData.remove.useMutation({
    onSuccess: async (result) => {
      setConfirmRemove(false);
      await refresh();
      toast.success(tp('onboarding.sample.removed', result.removed));
    },
    onError: (error) => {
      setConfirmRemove(false);
      toast.error(errorText.message(error, t('onboarding.sample.removeFailed')));
    },
  });

  if (status.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')}>
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (status.error) return <ErrorState message={errorText.message(status.error, t('onboarding.loadFailed'))} onRetry={() => void status.refetch()} />;
  const { count, available } = status.data;
  const elsewhere = count - (status.data.inCampaign ?? 0);
  return (
    <div className="space-y-3" aria-live="polite">
      {count > 0 ? (
        <div className="rounded-lg border border-warning-600/30 bg-warning-50 px-4 py-3">
          <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-ink">
            <Badge tone="warning">{t('onboarding.sample.badge')}</Badge>
            {elsewhere > 0 ? tp('onboarding.sample.inWorkspace', count) : tp('onboarding.sample.inCampaign', count, { campaign: campaign.name })}
          </p>
          <p className="mt-1 text-sm text-muted">{t('onboarding.sample.fictional')}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            {elsewhere > 0 && (
              <Button size="sm" variant="secondary" loading={load.isPending} onClick={() => load.mutate({ campaignId: campaign.id })}>
                {t('onboarding.sample.moveHere', { campaign: campaign.name })}
              </Button>
            )}
            <Button size="sm" variant="danger-ghost" onClick={() => setConfirmRemove(true)}>
              {t('onboarding.sample.remove')}
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <p className="text-sm text-muted">{t('onboarding.sample.body', { count: available })}</p>
          <Button className="mt-3" variant="secondary" loading={load.isPending} onClick={() => load.mutate({ campaignId: campaign.id })}>
            {t('onboarding.sample.load', { count: available })}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirmRemove}
        onClose={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate()}
        loading={remove.isPending}
        destructive
        title={t('onboarding.sample.removeTitle')}
        body={t('onboarding.sample.removeBody', { count })}
        confirmLabel={t('onboarding.sample.remove')}
      />
    </div>
  );
}
