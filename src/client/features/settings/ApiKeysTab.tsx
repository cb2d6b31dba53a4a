import { CREDENTIAL_SERVICES } from '../../../shared/enums.js';
import { useIsAdmin } from '../../app/session.js';
import { Card } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { CredentialCard } from './credentials/CredentialCard.js';
import { isForbidden } from './credentials/credential-form.js';

function LockIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-10" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <rect x="4" y="10" width="16" height="10" rx="2" />
      <path d="M8 10V7a4 4 0 1 1 8 0v3" />
    </svg>
  );
}

/** Settings → API keys: one card per third-party service (admins only; the API says 403 to members). */
export function ApiKeysTab() {
  const t = useT();
  const isAdmin = useIsAdmin();
  const list = trpc.credentials.list.useQuery(undefined, { enabled: isAdmin, retry: (count, error) => !isForbidden(error) && count < 2 });
  const defaults = trpc.credentials.defaults.useQuery(undefined, { enabled: isAdmin, staleTime: Infinity });

  if (!isAdmin || isForbidden(list.error)) {
    return (
      <Card>
        <EmptyState icon={<LockIcon />} title={t('credentials.adminOnly')} body={t('credentials.adminOnly.body')} />
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold text-ink">{t('credentials.title')}</h2>
        <p className="text-sm text-muted">{t('credentials.description')}</p>
      </div>
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
    </div>
  );
}
