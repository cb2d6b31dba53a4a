import { CREDENTIAL_SERVICES } from '../../../shared/enums.js';
import { useIsAdmin } from '../../app/session.js';
import { Card, SectionHeader } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { isForbidden, trpc } from '../../lib/trpc.js';
import { EnrichmentUsageCard } from '../enrichment/EnrichmentUsageCard.js';
import { AdminOnlyNotice } from './AdminOnlyNotice.js';
import { CredentialCard } from './credentials/CredentialCard.js';
import { WebhooksCard } from './webhooks/WebhooksCard.js';

/** Settings → API keys: one card per third-party service (admins only; the API says 403 to members). */
export function ApiKeysTab() {
  const t = useT();
  const isAdmin = useIsAdmin();
  const list = trpc.credentials.list.useQuery(undefined, { enabled: isAdmin });
  const defaults = trpc.credentials.defaults.useQuery(undefined, { enabled: isAdmin, staleTime: Infinity });

  if (!isAdmin || isForbidden(list.error)) {
    return <AdminOnlyNotice title={t('credentials.adminOnly')} body={t('credentials.adminOnly.body')} />;
  }
  return (
    <div className="space-y-4">
      <SectionHeader title={t('credentials.title')} description={t('credentials.description')} />
      {list.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="grid gap-4 lg:grid-cols-2">
          {CREDENTIAL_SERVICES.map((service) => (
            <Skeleton key={service} className="h-64 w-full rounded-card" />
          ))}
        </div>
      ) : list.error ? (
        <Card>
          <ErrorState message={t('credentials.loadError')} onRetry={() => void list.refetch()} />
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {CREDENTIAL_SERVICES.map((service) => (
            <CredentialCard
              key={service}
              service={service}
              credential={list.data.find((credential) => credential.service === service)}
              defaults={defaults.data}
            />
          ))}
        </div>
      )}
      <WebhooksCard />
      <EnrichmentUsageCard />
    </div>
  );
}
