import { Card, CardHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { MailboxTodayRow } from './CampaignCapacityCard.js';

/** Settings → Email: each mailbox today across all campaigns (sent / allowed, binding limit in words). */
export function MailboxesTodayCard() {
  const t = useT();
  const capacity = trpc.capacity.mailboxes.useQuery(undefined, { refetchInterval: 60_000 });
  return (
    <Card>
      <CardHeader title={t('capacity.settings.title')} description={t('capacity.settings.description')} />
      {capacity.isPending ? (
        <SkeletonRows rows={2} label={t('common.loading')} />
      ) : capacity.error ? (
        <ErrorState message={t('capacity.loadError')} onRetry={() => void capacity.refetch()} />
      ) : capacity.data.items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-muted">{t('capacity.settings.empty')}</p>
      ) : (
        <ul className="divide-y divide-line">
          {capacity.data.items.map((mailbox) => (
            <MailboxTodayRow key={mailbox.mailboxId} mailbox={mailbox} />
          ))}
        </ul>
      )}
    </Card>
  );
}
