import { useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { TextField } from '../../components/ui/Field.js';
import { ProgressBar } from '../../components/ui/ProgressBar.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

/**
 * The campaign page's Instantly card: send this campaign through an Instantly campaign instead of
 * our mailboxes (its id), and how many enrolled prospects are pushed there as leads.
 */
export function CampaignInstantlyCard({ campaignId }: { campaignId: string }) {
  const { t, formatNumber } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const status = trpc.instantly.status.useQuery({ id: campaignId }, { refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? 3000 : false) });
  // null: show the saved value; a string: what the user is typing.
  const [draft, setDraft] = useState<string | null>(null);
  const refresh = (data: { instantlyCampaignId: string | null; pushed: number; pending: number }) => utils.instantly.status.setData({ id: campaignId }, data);
  const link = trpc.instantly.link.useMutation({
    onSuccess: (data) => {
      refresh(data);
      setDraft(null);
      toast.success(data.instantlyCampaignId ? t('instantly.linked') : t('instantly.unlinked'));
    },
    onError: (error) => toast.error(errorText.message(error, t('instantly.saveFailed'))),
  });
  const push = trpc.instantly.push.useMutation({
    onSuccess: (data) => {
      refresh(data);
      toast.success(t('instantly.pushQueued'));
    },
    onError: (error) => toast.error(errorText.message(error, t('instantly.saveFailed'))),
  });
  const data = status.data;
  const value = draft ?? data?.instantlyCampaignId ?? '';
  const total = data ? data.pushed + data.pending : 0;
  return (
    <Card>
      <CardHeader title={t('instantly.title')} description={t('instantly.description')} />
      <div className="space-y-4 px-5 pb-5">
        {status.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : status.error || !data ? (
          <ErrorState message={t('instantly.loadError')} onRetry={() => void status.refetch()} />
        ) : (
          <>
            <form
              className="space-y-2"
              onSubmit={(event) => {
                event.preventDefault();
                link.mutate({ id: campaignId, instantlyCampaignId: value.trim() || null });
              }}
            >
              <TextField label={t('instantly.campaignId')} hint={t('instantly.campaignIdHint')} value={value} spellCheck={false} onChange={(event) => setDraft(event.target.value)} />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" size="sm" loading={link.isPending}>
                  {t('common.save')}
                </Button>
                {data.instantlyCampaignId && (
                  <Button type="button" size="sm" variant="secondary" loading={push.isPending} disabled={data.pending === 0} onClick={() => push.mutate({ id: campaignId })}>
                    {t('instantly.pushNow')}
                  </Button>
                )}
              </div>
            </form>
            {data.instantlyCampaignId && total > 0 && (
              <div className="space-y-1">
                <ProgressBar value={data.pushed} max={total} label={t('instantly.title')} />
                <p className="text-sm text-ink">{t('instantly.progress', { pushed: formatNumber(data.pushed), total: formatNumber(total) })}</p>
              </div>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
