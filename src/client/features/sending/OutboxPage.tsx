import { useState } from 'react';
import { useParams } from 'react-router';
import { useIsAdmin } from '../../app/session.js';
import { Button } from '../../components/ui/Button.js';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { ConfirmDialog, Dialog } from '../../components/ui/Dialog.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton, SkeletonRows } from '../../components/ui/Skeleton.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { LinkTabs } from '../../components/ui/Tabs.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n, useT } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Message = RouterOutputs['messages']['list']['items'][number];

function MessageDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const message = trpc.messages.get.useQuery({ id: id ?? '' }, { enabled: id !== null });
  const [showRaw, setShowRaw] = useState(false);
  return (
    <Dialog open={id !== null} onClose={onClose} size="xl" title={message.data?.subject || t('outbox.noSubject')} description={message.data ? `${message.data.fromEmail ?? ''} → ${message.data.toEmail ?? ''}` : undefined}>
      {message.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-2">
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : message.error ? (
        <ErrorState message={t('outbox.loadError')} onRetry={() => void message.refetch()} />
      ) : (
        <div className="space-y-4">
          <section aria-labelledby="outbox-headers">
            <h3 id="outbox-headers" className="mb-1 text-sm font-semibold text-ink">
              {t('outbox.headers')}
            </h3>
            <dl className="max-h-56 overflow-auto rounded-lg border border-line bg-surface p-3 font-mono text-xs">
              {message.data.headers.map((header, index) => (
                <div key={`${header.name}-${index}`} className="flex gap-2 break-all">
                  <dt className="shrink-0 font-semibold text-ink">{header.name}:</dt>
                  <dd className="text-muted">{header.value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="outbox-body">
            <h3 id="outbox-body" className="mb-1 text-sm font-semibold text-ink">
              {t('outbox.body')}
            </h3>
            <pre className="max-h-72 overflow-auto rounded-lg border border-line bg-panel p-3 text-sm whitespace-pre-wrap text-ink">{message.data.bodyText}</pre>
          </section>
          {message.data.raw && (
            <div>
              <Button variant="ghost" size="sm" aria-expanded={showRaw} onClick={() => setShowRaw((value) => !value)}>
                {t('outbox.raw')}
              </Button>
              {showRaw && <pre className="mt-2 max-h-72 overflow-auto rounded-lg border border-line bg-surface p-3 font-mono text-xs whitespace-pre-wrap">{message.data.raw}</pre>}
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}

function SandboxOutbox() {
  const { t, formatDate } = useI18n();
  const mailboxes = trpc.mailboxes.list.useQuery();
  const sandbox = mailboxes.data?.find((mailbox) => mailbox.kind === 'sandbox');
  const list = trpc.messages.list.useQuery({ mailboxId: sandbox?.id, state: 'sent', limit: 100 }, { enabled: sandbox !== undefined, refetchInterval: 30_000 });
  const [open, setOpen] = useState<string | null>(null);
  if (mailboxes.isPending || (sandbox && list.isPending)) return <SkeletonRows rows={4} label={t('common.loading')} />;
  if (mailboxes.error || list.error) return <ErrorState message={t('outbox.loadError')} onRetry={() => void Promise.all([mailboxes.refetch(), list.refetch()])} />;
  if (!sandbox) return <EmptyState title={t('outbox.noSandbox')} />;
  const items = list.data?.items ?? [];
  if (items.length === 0) return <EmptyState title={t('outbox.empty.title')} body={t('outbox.empty.body')} />;
  return (
    <>
      <div className="overflow-x-auto">
        <Table>
          <thead>
            <tr>
              <Th>{t('outbox.col.to')}</Th>
              <Th>{t('outbox.col.subject')}</Th>
              <Th>{t('outbox.col.sent')}</Th>
              <Th className="text-right">{t('outbox.col.actions')}</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((message) => (
              <Tr key={message.id}>
                <Td className="break-all text-ink">{message.toEmail}</Td>
                <Td className="font-medium text-ink">{message.subject || t('outbox.noSubject')}</Td>
                <Td className="whitespace-nowrap text-muted">{message.sentAt ? formatDate(message.sentAt) : '—'}</Td>
                <Td className="text-right">
                  <Button size="sm" variant="secondary" aria-label={`${t('outbox.open')}: ${message.subject || t('outbox.noSubject')}`} onClick={() => setOpen(message.id)}>
                    {t('outbox.open')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>
      <MessageDialog id={open} onClose={() => setOpen(null)} />
    </>
  );
}

function UnknownMessages() {
  const { t, formatDate } = useI18n();
  const isAdmin = useIsAdmin();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const list = trpc.messages.list.useQuery({ state: 'unknown', limit: 200 });
  const [pending, setPending] = useState<{ message: Message; decision: 'sent' | 'requeue' } | null>(null);
  const resolve = trpc.messages.resolve.useMutation({
    onSuccess: async () => {
      toast.success(t('outbox.resolved'));
      setPending(null);
      await utils.messages.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('outbox.resolveFailed'))),
  });
  if (list.isPending) return <SkeletonRows rows={3} label={t('common.loading')} />;
  if (list.error) return <ErrorState message={t('outbox.loadError')} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <EmptyState title={t('outbox.unknownEmpty.title')} body={t('outbox.unknownEmpty.body')} />;
  const email = pending?.message.toEmail ?? '';
  return (
    <>
      <p className="border-b border-line px-5 py-3 text-sm text-muted">{t('outbox.unknownHelp')}</p>
      <div className="overflow-x-auto">
        <Table>
          <thead>
            <tr>
              <Th>{t('outbox.col.to')}</Th>
              <Th>{t('outbox.col.subject')}</Th>
              <Th>{t('outbox.col.scheduled')}</Th>
              {isAdmin && <Th className="text-right">{t('outbox.col.actions')}</Th>}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((message) => (
              <Tr key={message.id}>
                <Td className="break-all text-ink">{message.toEmail}</Td>
                <Td className="font-medium text-ink">{message.subject || t('outbox.noSubject')}</Td>
                <Td className="whitespace-nowrap text-muted">{message.scheduledAt ? formatDate(message.scheduledAt) : '—'}</Td>
                {isAdmin && (
                  <Td className="text-right whitespace-nowrap">
                    <Button size="sm" variant="secondary" onClick={() => setPending({ message, decision: 'sent' })}>
                      {t('outbox.markSent')}
                    </Button>{' '}
                    <Button size="sm" variant="secondary" onClick={() => setPending({ message, decision: 'requeue' })}>
                      {t('outbox.requeue')}
                    </Button>
                  </Td>
                )}
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>
      <ConfirmDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        onConfirm={() => pending && resolve.mutate({ id: pending.message.id, decision: pending.decision })}
        title={pending?.decision === 'requeue' ? t('outbox.requeueTitle') : t('outbox.markSentTitle')}
        body={pending?.decision === 'requeue' ? t('outbox.requeueBody', { email }) : t('outbox.markSentBody', { email })}
        confirmLabel={pending?.decision === 'requeue' ? t('outbox.requeue') : t('outbox.markSent')}
        destructive={pending?.decision === 'requeue'}
        loading={resolve.isPending}
      />
    </>
  );
}

/** The sandbox's outbox (every email exactly as it would leave) and the messages waiting for a human decision. */
export function OutboxPage() {
  const t = useT();
  const { tab } = useParams();
  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <LinkTabs
        label={t('outbox.title')}
        tabs={[
          { to: '/outbox', label: t('outbox.tab.sandbox') },
          { to: '/outbox/unknown', label: t('outbox.tab.unknown') },
        ]}
      />
      <Card>{tab === 'unknown' ? <UnknownMessages /> : <SandboxOutbox />}</Card>
    </>
  );
}
