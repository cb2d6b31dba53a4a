import { useState, type FormEvent, type ReactNode } from 'react';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card } from '../../../components/ui/Card.js';
import { CopyButton } from '../../../components/ui/CopyButton.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { TextField } from '../../../components/ui/Field.js';
import { Skeleton } from '../../../components/ui/Skeleton.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useIsAdmin } from '../../../app/session.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { STATUS_TONE, type DnsStatus, type SendingDomain } from './mailbox-format.js';
import { useErrorText } from '../../../lib/useErrorText.js';

const STATUS_LABEL: Record<DnsStatus, MessageKey> = {
  ok: 'mailboxes.dns.status.ok',
  warning: 'mailboxes.dns.status.warning',
  missing: 'mailboxes.dns.status.missing',
  error: 'mailboxes.dns.status.error',
};

function RecordToAdd({ name, value, what }: { name: string; value: string; what: string }) {
  const { t } = useI18n();
  return (
    <div className="mt-2 space-y-2 rounded-lg border border-line bg-surface/60 p-3">
      <p className="text-xs font-semibold text-ink">{t('mailboxes.dns.addRecord', { type: 'TXT' })}</p>
      <div className="flex items-center gap-2">
        <span className="w-12 shrink-0 text-xs text-muted">{t('mailboxes.dns.name')}</span>
        <code className="min-w-0 flex-1 truncate rounded bg-panel px-2 py-1 font-mono text-xs text-ink ring-1 ring-line">{name}</code>
        <CopyButton text={name} label={t('mailboxes.dns.copyName', { what })} />
      </div>
      <div className="flex items-start gap-2">
        <span className="w-12 shrink-0 pt-1 text-xs text-muted">{t('mailboxes.dns.value')}</span>
        <code className="min-w-0 flex-1 rounded bg-panel px-2 py-1 font-mono text-xs break-all text-ink ring-1 ring-line">{value}</code>
        <CopyButton text={value} label={t('mailboxes.dns.copyValue', { what })} />
      </div>
    </div>
  );
}

function CheckRow({ kind, status, current, detail, children }: { kind: 'mx' | 'spf' | 'dkim' | 'dmarc'; status: DnsStatus | null; current?: string | null; detail?: string | undefined; children?: ReactNode }) {
  const { t } = useI18n();
  // A one-line verdict in the UI language; the server's technical detail when something is wrong.
  const showDetail = detail && (status === 'warning' || status === 'error');
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-16 text-sm font-semibold text-ink">{kind.toUpperCase()}</span>
        <Badge tone={status ? STATUS_TONE[status] : 'neutral'}>{status ? t(STATUS_LABEL[status]) : t('mailboxes.dns.status.unchecked')}</Badge>
        {current && (
          <code className="min-w-0 flex-1 truncate font-mono text-xs text-muted" title={current}>
            {current}
          </code>
        )}
      </div>
      {status && <p className="mt-1 text-sm text-ink sm:pl-18">{t(`mailboxes.dns.${kind}.${status}`)}</p>}
      {showDetail && <p className="mt-0.5 text-xs text-muted sm:pl-18">{detail}</p>}
      {children && <div className="sm:pl-18">{children}</div>}
    </li>
  );
}

/** MX / SPF / DKIM / DMARC of one sending domain, with "Check DNS" and the exact records to publish. */
export function DomainChecks({ domain }: { domain: string }) {
  const { t, formatRelative } = useI18n();
  const domains = trpc.mailboxes.domains.useQuery();
  const entry = domains.data?.find((row) => row.domain === domain.toLowerCase());
  if (domains.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')}>
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (domains.error) return <ErrorState message={t('mailboxes.dns.loadError')} onRetry={() => void domains.refetch()} />;
  if (!entry) return <p className="text-sm text-muted">{t('mailboxes.dns.unknownDomain', { domain })}</p>;
  return <DomainCard entry={entry} formatRelative={formatRelative} />;
}

function DomainCard({ entry, formatRelative }: { entry: SendingDomain; formatRelative: (date: Date) => string }) {
  const { t } = useI18n();
  const errorText = useErrorText({ selector: t('mailboxes.dkim.selector') });
  const toast = useToast();
  const isAdmin = useIsAdmin();
  const utils = trpc.useUtils();
  const [confirmKey, setConfirmKey] = useState(false);
  const [selector, setSelector] = useState(entry.dkim.generated ? '' : (entry.dkim.selector ?? ''));
  const refresh = () => utils.mailboxes.domains.invalidate();
  const check = trpc.mailboxes.checkDomain.useMutation({
    onSuccess: async () => {
      await refresh();
      toast.success(t('mailboxes.dns.checked', { domain: entry.domain }));
    },
    onError: (error) => toast.error(errorText.message(error, t('mailboxes.dns.checkFailed'))),
  });
  const generate = trpc.mailboxes.generateDkimKey.useMutation({
    onSuccess: async () => {
      setConfirmKey(false);
      await refresh();
      toast.success(t('mailboxes.dkim.generated'));
    },
    onError: (error) => toast.error(errorText.message(error, t('mailboxes.dkim.generateFailed'))),
  });
  const saveSelector = trpc.mailboxes.setDkimSelector.useMutation({
    onSuccess: async () => {
      await refresh();
      toast.success(t('mailboxes.dkim.selectorSaved'));
    },
  });
  const result = entry.lastCheck;
  const submitSelector = (event: FormEvent) => {
    event.preventDefault();
    saveSelector.mutate({ domainId: entry.id, selector: selector.trim() || null });
  };
  const titleId = `domain-${entry.id}`;

  return (
    <Card role="region" aria-labelledby={titleId}>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-line px-5 py-3">
        <div>
          <h3 id={titleId} className="text-base font-semibold text-ink">
            {entry.domain}
          </h3>
          <p className="text-xs text-muted">
            {entry.checkedAt ? t('mailboxes.dns.lastChecked', { when: formatRelative(entry.checkedAt) }) : t('mailboxes.dns.neverChecked')}
            {entry.smtpHosts.length > 0 && ` · ${t('mailboxes.dns.smtpHosts', { hosts: entry.smtpHosts.join(', ') })}`}
          </p>
        </div>
        {isAdmin && (
          <Button variant="secondary" size="sm" loading={check.isPending} onClick={() => check.mutate({ domainId: entry.id })} aria-label={t('mailboxes.dns.checkLabel', { domain: entry.domain })}>
            {t('mailboxes.dns.check')}
          </Button>
        )}
      </div>
      <ul className="divide-y divide-line px-5" aria-live="polite" aria-busy={check.isPending}>
        <CheckRow kind="mx" status={result?.mx.status ?? null} current={result?.mx.records.join(', ') || null} detail={result?.mx.detail} />
        <CheckRow kind="spf" status={result?.spf.status ?? null} current={result?.spf.record} detail={result?.spf.detail}>
          {result?.spf.expected && <RecordToAdd name={entry.domain} value={result.spf.expected} what="SPF" />}
        </CheckRow>
        <CheckRow kind="dkim" status={result?.dkim.status ?? null} current={result?.dkim.record} detail={result?.dkim.detail}>
          {entry.dkim.generated && entry.dkim.recordName && entry.dkim.recordValue && result?.dkim.status !== 'ok' && (
            <RecordToAdd name={entry.dkim.recordName} value={entry.dkim.recordValue} what="DKIM" />
          )}
          {isAdmin && (
            <div className="mt-2 flex flex-wrap items-end gap-2">
              <form onSubmit={submitSelector} className="flex items-end gap-2" noValidate>
                <TextField
                  label={t('mailboxes.dkim.selector')}
                  value={selector}
                  onChange={(event) => setSelector(event.target.value)}
                  placeholder="google, selector1…"
                  className="h-8 w-44"
                  hint={entry.dkim.generated ? t('mailboxes.dkim.selectorReplaces') : undefined}
                  error={errorText.fields(saveSelector.error).selector}
                />
                <Button type="submit" variant="secondary" size="sm" loading={saveSelector.isPending}>
                  {t('mailboxes.dkim.useSelector')}
                </Button>
              </form>
              <span className="pb-1.5 text-xs text-muted">{t('mailboxes.dkim.or')}</span>
              <Button variant="secondary" size="sm" loading={generate.isPending} onClick={() => (entry.dkim.generated ? setConfirmKey(true) : generate.mutate({ domainId: entry.id }))}>
                {entry.dkim.generated ? t('mailboxes.dkim.regenerate') : t('mailboxes.dkim.generate')}
              </Button>
            </div>
          )}
        </CheckRow>
        <CheckRow kind="dmarc" status={result?.dmarc.status ?? null} current={result?.dmarc.record} detail={result?.dmarc.detail}>
          {result?.dmarc.expected && <RecordToAdd name={`_dmarc.${entry.domain}`} value={result.dmarc.expected} what="DMARC" />}
        </CheckRow>
      </ul>
      <ConfirmDialog
        open={confirmKey}
        onClose={() => setConfirmKey(false)}
        onConfirm={() => generate.mutate({ domainId: entry.id })}
        title={t('mailboxes.dkim.regenerateTitle')}
        body={t('mailboxes.dkim.regenerateBody')}
        confirmLabel={t('mailboxes.dkim.regenerate')}
        loading={generate.isPending}
      />
    </Card>
  );
}
