import { useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { Card, SectionHeader } from '../../components/ui/Card.js';
import { Dialog } from '../../components/ui/Dialog.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useIsAdmin } from '../../app/session.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { MailboxesTodayCard } from '../sending/MailboxesTodayCard.js';
import { SuppressionsSection } from '../sending/SuppressionsSection.js';
import { DomainChecks } from './mailboxes/DomainChecks.js';
import { MailboxCard } from './mailboxes/MailboxCard.js';
import { MailboxForm } from './mailboxes/MailboxForm.js';
import type { Mailbox } from './mailboxes/mailbox-format.js';

/** Settings → Email: sending mailboxes (sandbox first) and the DNS health of their domains. */
export function EmailTab() {
  const t = useT();
  const isAdmin = useIsAdmin();
  // While a mailbox's live connection is being opened or reopened, its card follows without a reload.
  const list = trpc.mailboxes.list.useQuery(undefined, {
    refetchInterval: (query) => (query.state.data?.some((mailbox) => mailbox.replyReading.mode === 'connecting' || mailbox.replyReading.mode === 'retrying') ? 5_000 : false),
  });
  const stats = trpc.mailboxes.bounceStats.useQuery();
  const domains = trpc.mailboxes.domains.useQuery();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const realMailboxes = list.data?.filter((mailbox) => mailbox.kind !== 'sandbox') ?? [];

  return (
    <div className="space-y-8">
      <section aria-labelledby="mailboxes-heading" className="space-y-4">
        <SectionHeader
          id="mailboxes-heading"
          title={t('mailboxes.title')}
          description={t('mailboxes.description')}
          actions={isAdmin && <Button onClick={() => setEditing('new')}>{t('mailboxes.action.add')}</Button>}
        />
        {list.isPending ? (
          <Card>
            <SkeletonRows rows={4} label={t('common.loading')} />
          </Card>
        ) : list.error ? (
          <Card>
            <ErrorState message={t('mailboxes.loadError')} onRetry={() => void list.refetch()} />
          </Card>
        ) : (
          <div className="space-y-4">
            {list.data.map((mailbox) => (
              <MailboxCard key={mailbox.id} mailbox={mailbox} stats={stats.data} isAdmin={isAdmin} onEdit={() => setEditing(mailbox)} />
            ))}
            {realMailboxes.length === 0 && (
              <Card>
                <EmptyState
                  title={t('mailboxes.empty.title')}
                  body={t('mailboxes.empty.body')}
                  action={isAdmin ? <Button onClick={() => setEditing('new')}>{t('mailboxes.action.add')}</Button> : undefined}
                />
              </Card>
            )}
          </div>
        )}
      </section>

      <MailboxesTodayCard />

      <section aria-labelledby="domains-heading" className="space-y-4">
        <SectionHeader id="domains-heading" title={t('mailboxes.domains.title')} description={t('mailboxes.domains.description')} />
        {domains.isPending ? (
          <Card>
            <SkeletonRows rows={3} label={t('common.loading')} />
          </Card>
        ) : domains.error ? (
          <Card>
            <ErrorState message={t('mailboxes.dns.loadError')} onRetry={() => void domains.refetch()} />
          </Card>
        ) : domains.data.length === 0 ? (
          <Card>
            <EmptyState title={t('mailboxes.domains.emptyTitle')} body={t('mailboxes.domains.emptyBody')} />
          </Card>
        ) : (
          domains.data.map((domain) => <DomainChecks key={domain.id} domain={domain.domain} />)
        )}
      </section>

      <SuppressionsSection />

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing === 'new' ? t('mailboxes.dialog.addTitle') : t('mailboxes.dialog.editTitle')}
        description={editing === 'new' ? t('mailboxes.dialog.addDescription') : editing?.fromEmail}
      >
        {editing !== null && (
          <MailboxForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? undefined : editing}
            onSaved={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </div>
  );
}
