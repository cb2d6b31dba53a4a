import { useState } from 'react';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type Subscription = RouterOutputs['webhooks']['list'][number]['remoteSubscription'];

/**
 * The Calendly row's subscription: "Register with Calendly" makes the API call with the saved
 * token; once registered, its date and scope, and "Remove" (deletes it on Calendly). A rotated
 * secret leaves the subscription signing with the old one, hence "Register again".
 */
export function CalendlySubscription({ subscription }: { subscription: Subscription }) {
  const { t, formatDate } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const register = trpc.webhooks.registerCalendly.useMutation({
    onSuccess: () => {
      toast.success(t('webhooks.calendly.registeredToast'));
      void utils.webhooks.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('webhooks.calendly.registerFailed'))),
  });
  const remove = trpc.webhooks.removeCalendly.useMutation({
    onSuccess: () => {
      setConfirming(false);
      toast.success(t('webhooks.calendly.removedToast'));
      void utils.webhooks.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('webhooks.calendly.removeFailed'))),
  });
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('webhooks.calendly.group')}>
      {subscription ? (
        <>
          <Badge tone={subscription.secretRotatedSince ? 'warning' : 'success'}>
            {t(subscription.scope === 'organization' ? 'webhooks.calendly.registeredOrg' : 'webhooks.calendly.registeredUser', { date: formatDate(subscription.createdAt, { dateStyle: 'medium' }) })}
          </Badge>
          {subscription.secretRotatedSince ? (
            <>
              <p className="text-sm text-muted">{t('webhooks.calendly.staleSecret')}</p>
              <Button variant="secondary" size="sm" loading={register.isPending} onClick={() => register.mutate({})}>
                {t('webhooks.calendly.registerAgain')}
              </Button>
            </>
          ) : null}
          <Button variant="danger-ghost" size="sm" onClick={() => setConfirming(true)} aria-label={t('webhooks.calendly.removeLabel')}>
            {t('webhooks.calendly.remove')}
          </Button>
        </>
      ) : (
        <Button variant="secondary" size="sm" loading={register.isPending} onClick={() => register.mutate({})}>
          {t('webhooks.calendly.register')}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate({})}
        title={t('webhooks.calendly.removeTitle')}
        body={t('webhooks.calendly.removeBody')}
        confirmLabel={t('webhooks.calendly.remove')}
        destructive
        loading={remove.isPending}
      />
    </div>
  );
}
