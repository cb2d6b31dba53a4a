import { useState } from 'react';
import type { WebhookEndpointKind } from '../../../../shared/enums.js';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card, CardHeader } from '../../../components/ui/Card.js';
import { CopyButton } from '../../../components/ui/CopyButton.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { Skeleton } from '../../../components/ui/Skeleton.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';
import { CalendlySubscription } from './CalendlySubscription.js';

type Endpoint = RouterOutputs['webhooks']['list'][number];

// Brand names stay as they are; the generic inbound-email webhook has a translated name.
const BRANDS: Record<Exclude<WebhookEndpointKind, 'inbound_email'>, string> = { calcom: 'Cal.com', calendly: 'Calendly', instantly: 'Instantly' };

/**
 * Settings → API keys → Webhooks: the URL and secret to paste into Cal.com, Calendly, Instantly and
 * a mail forwarder (the inbound-email webhook).
 * The secret stays hidden (its last 4 characters) until the admin reveals it; Rotate replaces it
 * after a confirmation and shows the new one.
 */
export function WebhooksCard() {
  const { t } = useI18n();
  const list = trpc.webhooks.list.useQuery();
  return (
    <section aria-labelledby="webhooks-title">
      <Card>
        <CardHeader titleId="webhooks-title" title={t('webhooks.title')} description={t('webhooks.description')} />
        <div className="divide-y divide-line">
          {list.isPending ? (
            <div role="status" aria-label={t('common.loading')} className="space-y-3 p-5">
              <Skeleton className="h-20 w-full" />
              <Skeleton className="h-20 w-full" />
              <Skeleton className="h-20 w-full" />
            </div>
          ) : list.error ? (
            <ErrorState message={t('webhooks.loadError')} onRetry={() => void list.refetch()} />
          ) : (
            list.data.map((endpoint) => <EndpointRow key={endpoint.provider} endpoint={endpoint} />)
          )}
        </div>
      </Card>
    </section>
  );
}

function EndpointRow({ endpoint }: { endpoint: Endpoint }) {
  const { t, formatRelative } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const name = endpoint.provider === 'inbound_email' ? t('webhooks.name.inboundEmail') : BRANDS[endpoint.provider];
  const reveal = trpc.webhooks.reveal.useMutation({
    onSuccess: (data) => setSecret(data.secret),
    onError: (error) => toast.error(errorText.message(error, t('webhooks.revealFailed'))),
  });
  const rotate = trpc.webhooks.rotate.useMutation({
    onSuccess: (data) => {
      setSecret(data.secret);
      setConfirming(false);
      toast.success(t('webhooks.rotated', { provider: name }));
      void utils.webhooks.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('webhooks.rotateFailed'))),
  });
  const headingId = `webhook-${endpoint.provider}`;
  return (
    <article aria-labelledby={headingId} className="space-y-3 p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold text-ink">
          {name}
        </h3>
        {endpoint.lastReceivedAt ? (
          <Badge tone="success">{t('webhooks.lastReceived', { when: formatRelative(endpoint.lastReceivedAt) })}</Badge>
        ) : (
          <Badge>{t('webhooks.neverReceived')}</Badge>
        )}
      </div>
      <p className="text-sm text-muted">{t(`webhooks.howTo.${endpoint.provider}` as MessageKey)}</p>
      {endpoint.provider === 'calendly' ? <CalendlySubscription subscription={endpoint.remoteSubscription} /> : null}
      <div className="space-y-1">
        <p className="text-xs font-medium uppercase tracking-wide text-muted">{t('webhooks.url')}</p>
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1.5 font-mono text-xs text-ink ring-1 ring-line" title={endpoint.url}>
            {endpoint.url}
          </code>
          <CopyButton text={endpoint.url} label={t('webhooks.copyUrl', { provider: name })} />
        </div>
      </div>
      <div className="space-y-1">
        <p className="text-xs font-medium uppercase tracking-wide text-muted">
          {endpoint.secretHeader ? t('webhooks.secretInHeader', { header: endpoint.secretHeader }) : t('webhooks.secret')}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <code className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1.5 font-mono text-xs text-ink ring-1 ring-line" aria-label={t('webhooks.secretOf', { provider: name })}>
            {secret ?? `•••• ${endpoint.secretLast4}`}
          </code>
          {secret ? (
            <>
              <CopyButton text={secret} label={t('webhooks.copySecret', { provider: name })} />
              <Button variant="ghost" size="sm" onClick={() => setSecret(null)}>
                {t('webhooks.hide')}
              </Button>
            </>
          ) : (
            <Button variant="secondary" size="sm" loading={reveal.isPending} onClick={() => reveal.mutate({ provider: endpoint.provider })} aria-label={t('webhooks.revealOf', { provider: name })}>
              {t('webhooks.reveal')}
            </Button>
          )}
          <Button variant="danger-ghost" size="sm" onClick={() => setConfirming(true)} aria-label={t('webhooks.rotateOf', { provider: name })}>
            {t('webhooks.rotate')}
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => rotate.mutate({ provider: endpoint.provider })}
        title={t('webhooks.rotateTitle', { provider: name })}
        body={t('webhooks.rotateBody', { provider: name })}
        confirmLabel={t('webhooks.rotate')}
        destructive
        loading={rotate.isPending}
      />
    </article>
  );
}
