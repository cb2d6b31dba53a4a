import { useEffect } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/ui/Alert.js';
import { Badge } from '../../components/ui/Badge.js';
import { Button } from '../../components/ui/Button.js';
import { Dialog } from '../../components/ui/Dialog.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { CheckIcon, CloseIcon } from '../../components/ui/icons.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Item = 'steps' | 'prospects' | 'mailbox' | 'postal_address';

export type LaunchTarget = { id: string; name: string; status: string; timezone: string };

/**
 * What launching needs, item by item (each unmet one with its reason and a way to fix it), how many
 * prospects will enter and when the first email leaves. Launch stays disabled until all are met;
 * a 409 from the server (something changed meanwhile) is shown here, in the dialog. Every way to
 * launch or resume a campaign (its page, the campaigns list) goes through it.
 */
export function LaunchDialog({ campaign, open, onClose, onEditSettings }: { campaign: LaunchTarget; open: boolean; onClose: () => void; onEditSettings?: () => void }) {
  const { t, tp, formatDate } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const preflight = trpc.launch.preflight.useQuery({ id: campaign.id }, { enabled: open, refetchOnWindowFocus: true });
  const launch = trpc.launch.launch.useMutation({
    onSettled: () => {
      void utils.campaigns.invalidate();
      void utils.launch.preflight.invalidate({ id: campaign.id });
    },
  });
  const resuming = campaign.status === 'paused';
  // Each opening checks again: the user may have just fixed an item elsewhere.
  const { refetch, reset } = { refetch: preflight.refetch, reset: launch.reset };
  useEffect(() => {
    if (!open) return;
    void refetch();
    reset();
  }, [open, refetch, reset]);

  const fix: Record<Item, { label: string; to?: string; onClick?: () => void }> = {
    steps: { label: t('launch.fix.steps'), to: `/campaigns/${campaign.id}/sequence` },
    prospects: { label: t('launch.fix.prospects'), to: `/prospects/import?campaignId=${campaign.id}` },
    // Without a settings form at hand (the campaigns list), the campaign's page has it.
    mailbox: onEditSettings ? { label: t('launch.fix.mailbox'), onClick: onEditSettings } : { label: t('launch.fix.mailbox'), to: `/campaigns/${campaign.id}` },
    postal_address: { label: t('launch.fix.postal_address'), to: '/settings/workspace' },
  };

  async function confirm() {
    try {
      const result = await launch.mutateAsync({ id: campaign.id });
      toast.success(resuming ? t('campaigns.toast.resumed', { name: campaign.name }) : tp('launch.done', result.enrolledProspects, { name: campaign.name }));
      onClose();
    } catch {
      // Shown in the dialog below (launch.error).
      void preflight.refetch();
    }
  }

  const data = preflight.data;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t(resuming ? 'launch.resumeTitle' : 'launch.title', { name: campaign.name })}
      description={t('launch.description')}
      footer={
        <>
          <Button variant="ghost" onClick={() => void preflight.refetch()} loading={preflight.isFetching && !preflight.isPending}>
            {t('launch.recheck')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!data?.ok} loading={launch.isPending} onClick={() => void confirm()}>
            {t(resuming ? 'launch.confirmResume' : 'launch.confirm')}
          </Button>
        </>
      }
    >
      {preflight.error ? (
        <ErrorState message={errorText.message(preflight.error, t('launch.failed'))} onRetry={() => void preflight.refetch()} />
      ) : !data ? (
        <div role="status" aria-label={t('launch.loading')} className="space-y-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : (
        <div className="space-y-4">
          <ul aria-label={t('launch.description')} className="divide-y divide-line rounded-lg border border-line">
            {data.checks.map((check) => {
              const item: Item = check.item;
              const action = fix[item];
              return (
                <li key={item} className="flex items-start gap-3 px-4 py-3" data-testid={`preflight-${item}`} data-ok={check.ok}>
                  <span className={check.ok ? 'mt-0.5 text-success-700' : 'mt-0.5 text-danger-600'} aria-hidden="true">
                    {check.ok ? <CheckIcon className="h-4 w-4" /> : <CloseIcon className="h-4 w-4" />}
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-ink">{t(`launch.item.${item}` as MessageKey)}</p>
                    {!check.ok && check.reason && <p className="text-xs text-muted">{t(`error.rule.${check.reason}` as MessageKey)}</p>}
                  </div>
                  {check.ok ? (
                    <Badge tone="success">{t('launch.ok')}</Badge>
                  ) : action.to ? (
                    <Link to={action.to} onClick={onClose} className="text-sm font-medium whitespace-nowrap text-brand-700 hover:underline">
                      {action.label}
                    </Link>
                  ) : (
                    <Button variant="ghost" size="sm" className="text-brand-700" onClick={action.onClick}>
                      {action.label}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="space-y-1 text-sm text-ink">
            <p data-testid="launch-count">{tp('launch.enter', data.eligibleProspects)}</p>
            {data.inOtherSequences > 0 && <p className="text-muted">{tp('launch.inOther', data.inOtherSequences)}</p>}
            {data.firstSendAt && (
              <p data-testid="launch-first-send">
                {t('launch.firstSend', {
                  date: formatDate(data.firstSendAt, { dateStyle: 'full', timeStyle: 'short', timeZone: campaign.timezone }),
                  timezone: campaign.timezone.replaceAll('_', ' '),
                })}
              </p>
            )}
          </div>
          {!data.ok && <Alert tone="warning">{t('launch.blocked')}</Alert>}
          {launch.error && <Alert tone="danger">{errorText.message(launch.error, t('launch.failed'))}</Alert>}
        </div>
      )}
    </Dialog>
  );
}
