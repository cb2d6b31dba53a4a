import { useState, type ReactNode } from 'react';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card } from '../../../components/ui/Card.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import { warmupSummary, windowSummary, type Mailbox } from './mailbox-format.js';
import { MailboxTestActions } from './MailboxTestActions.js';
import { ReplyReadingStatus } from './ReplyReadingStatus.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type BounceStats = RouterOutputs['mailboxes']['bounceStats'];

function Fact({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={className ? `min-w-0 ${className}` : 'min-w-0'}>
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-ink">{children}</dd>
    </div>
  );
}

function CheckLine({ outcome, never }: { outcome: Mailbox['lastTest']; never: string }) {
  const { t, formatRelative } = useI18n();
  if (!outcome) return <span className="text-muted">{never}</span>;
  return (
    <span className={outcome.ok ? 'text-success-700' : 'text-danger-600'} title={outcome.error ?? undefined}>
      {outcome.ok ? t('mailboxes.check.ok') : t('mailboxes.check.failed')} · {formatRelative(outcome.at)}
      {!outcome.ok && outcome.error && <span className="block line-clamp-2 text-xs">{outcome.error}</span>}
    </span>
  );
}

function BounceRate({ stats, mailboxId }: { stats: BounceStats | undefined; mailboxId: string }) {
  const { t, formatNumber } = useI18n();
  const entry = stats?.mailboxes.find((row) => row.mailboxId === mailboxId);
  if (!stats || !entry) return <span className="text-muted">—</span>;
  const pause = formatNumber(stats.pauseThreshold, { style: 'percent', maximumFractionDigits: 1 });
  if (entry.rate === null) return <span className="text-muted">{t('mailboxes.bounce.noSends', { pause })}</span>;
  const high = entry.rate > stats.warnThreshold;
  return (
    <span className={high ? 'font-medium text-danger-600' : 'text-ink'}>
      {formatNumber(entry.rate, { style: 'percent', maximumFractionDigits: 1 })} ({entry.bounces}/{entry.sent})
      {high && <span className="ml-1">⚠ {t('mailboxes.bounce.high')}</span>}
      <span className="block text-xs font-normal text-muted">{t('mailboxes.bounce.autoPause', { pause })}</span>
    </span>
  );
}

export function MailboxCard({ mailbox, stats, isAdmin, onEdit }: { mailbox: Mailbox; stats: BounceStats | undefined; isAdmin: boolean; onEdit: () => void }) {
  const { t, language } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const remove = trpc.mailboxes.delete.useMutation({
    onSuccess: async () => {
      setConfirming(false);
      await Promise.all([utils.mailboxes.list.invalidate(), utils.mailboxes.domains.invalidate()]);
      toast.success(t('mailboxes.toast.deleted', { email: mailbox.fromEmail }));
    },
    onError: (error) => {
      setConfirming(false);
      toast.error(errorText.message(error, t('mailboxes.error.delete')));
    },
  });
  const sandbox = mailbox.kind === 'sandbox';
  const statusTone = mailbox.status === 'active' ? 'success' : mailbox.status === 'paused' ? 'warning' : 'danger';
  const titleId = `mailbox-${mailbox.id}`;
  const server = (value: Mailbox['smtp']) =>
    value ? `${value.host}:${value.port} · ${value.secure ? t('mailboxes.form.security.tls') : value.plaintext ? t('mailboxes.form.security.none') : t('mailboxes.form.security.starttls')}` : t('mailboxes.imap.notSetShort');

  return (
    <Card role="article" aria-labelledby={titleId} className={sandbox ? 'border-brand-100 bg-brand-50/30' : undefined}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0">
          <h3 id={titleId} className="truncate text-base font-semibold text-ink">
            {mailbox.fromName} <span className="font-normal text-muted">&lt;{mailbox.fromEmail}&gt;</span>
          </h3>
          <div className="mt-1.5 flex flex-wrap gap-1.5">
            {sandbox && <Badge tone="brand">{t('mailboxes.sandbox.badge')}</Badge>}
            <Badge tone={statusTone}>{t(`mailboxes.status.${mailbox.status}`)}</Badge>
          </div>
          {mailbox.pausedReason && <p className="mt-1.5 text-xs text-warning-700">{mailbox.pausedReason}</p>}
          {mailbox.status === 'error' && <p className="mt-1.5 text-xs text-danger-600">{t('mailboxes.status.errorWhy')}</p>}
        </div>
        {isAdmin && (
          <div className="flex flex-wrap gap-2">
            <MailboxTestActions mailbox={mailbox} />
            <Button variant="secondary" size="sm" onClick={onEdit} aria-label={t('mailboxes.action.editLabel', { email: mailbox.fromEmail })}>
              {t('common.edit')}
            </Button>
            {!sandbox && (
              <Button variant="danger-ghost" size="sm" onClick={() => setConfirming(true)} aria-label={t('mailboxes.action.deleteLabel', { email: mailbox.fromEmail })}>
                {t('common.delete')}
              </Button>
            )}
          </div>
        )}
      </div>
      <dl className="grid gap-x-6 gap-y-4 px-5 py-4 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label={t('mailboxes.fact.dailyLimit')}>{t('mailboxes.fact.perDay', { count: mailbox.dailyLimit })}</Fact>
        <Fact label={t('mailboxes.fact.warmup')}>{warmupSummary(mailbox, t)}</Fact>
        <Fact label={t('mailboxes.fact.window')}>{windowSummary(mailbox, language)}</Fact>
        <Fact label={t('mailboxes.fact.gap')}>{t('mailboxes.fact.gapValue', { seconds: mailbox.minGapSeconds })}</Fact>
        {sandbox ? (
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium text-muted">{t('mailboxes.fact.delivery')}</dt>
            <dd className="mt-0.5 text-sm text-ink">{t('mailboxes.sandbox.explainer')}</dd>
          </div>
        ) : (
          <>
            <Fact label="SMTP">{server(mailbox.smtp)}</Fact>
            <Fact label="IMAP">{server(mailbox.imap)}</Fact>
          </>
        )}
        <Fact label={t('mailboxes.fact.lastTest')}>
          <CheckLine outcome={mailbox.lastTest} never={t('mailboxes.check.never')} />
        </Fact>
        {!sandbox && (
          <Fact label={t('mailboxes.fact.lastImap')}>
            <CheckLine outcome={mailbox.lastImapCheck} never={mailbox.imap ? t('mailboxes.check.never') : t('mailboxes.imap.notSetShort')} />
          </Fact>
        )}
        {!sandbox && (
          <Fact label={t('mailboxes.fact.replies')} className="lg:col-span-2">
            <ReplyReadingStatus reading={mailbox.replyReading} />
          </Fact>
        )}
        <Fact label={t('mailboxes.fact.bounce')}>
          <BounceRate stats={stats} mailboxId={mailbox.id} />
        </Fact>
      </dl>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate({ id: mailbox.id })}
        title={t('mailboxes.delete.title', { email: mailbox.fromEmail })}
        body={t('mailboxes.delete.body')}
        confirmLabel={t('common.delete')}
        destructive
        loading={remove.isPending}
      />
    </Card>
  );
}
