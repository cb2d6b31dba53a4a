import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Skeleton } from '../components/ui/Skeleton.js';
import { ErrorState } from '../components/ui/ErrorState.js';
import { useI18n, useT } from '../i18n/index.js';
import { isUnauthorized, trpc, type RouterOutputs } from '../lib/trpc.js';

export type Session = RouterOutputs['auth']['me'];

const SessionContext = createContext<Session | null>(null);

/** The signed-in user, workspace and role. Only usable below <RequireSession>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used below <RequireSession>');
  return session;
}

export function useIsAdmin(): boolean {
  return useSession().role === 'admin';
}

/** Loads the session; sends signed-out visitors to sign-in and brings them back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = trpc.auth.me.useQuery(undefined, { retry: false });
  const location = useLocation();
  const t = useT();
  const { language, setLanguage } = useI18n();
  const savedLanguage = me.data?.user.language;
  useEffect(() => {
    // The language saved on the account wins over this browser's guess.
    if (savedLanguage && savedLanguage !== language) setLanguage(savedLanguage);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the saved choice changes
  }, [savedLanguage]);
  if (me.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="flex h-screen">
        <Skeleton className="h-full w-60 rounded-none" />
        <div className="flex-1 space-y-4 p-8">
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      </div>
    );
  }
  if (me.error) {
    if (isUnauthorized(me.error)) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/sign-in?next=${next}`} replace />;
    }
    return <ErrorState message={t('error.network')} onRetry={() => void me.refetch()} />;
  }
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
