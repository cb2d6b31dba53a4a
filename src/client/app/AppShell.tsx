import { useState, type ReactNode } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { Button } from '../components/ui/Button.js';
import { cx } from '../components/ui/cx.js';
import { SelectField } from '../components/ui/Field.js';
import { SkipLink } from '../components/ui/SkipLink.js';
import { useToast } from '../components/ui/Toast.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { useLiveUpdates } from '../lib/live.js';
import { trpc } from '../lib/trpc.js';
import { Brand } from './Brand.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { useSession } from './session.js';
import { useErrorText } from '../lib/useErrorText.js';

const NAV: { to: string; label: MessageKey; icon: ReactNode; badge?: () => NavCount }[] = [
  { to: '/dashboard', label: 'nav.dashboard', icon: <path d="M3 12h7V3H3v9Zm0 9h7v-6H3v6Zm11 0h7v-9h-7v9Zm0-18v6h7V3h-7Z" /> },
  { to: '/campaigns', label: 'nav.campaigns', icon: <path d="M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1Zm13.5 1A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4Z" /> },
  { to: '/prospects', label: 'nav.prospects', icon: <path d="M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4Zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm0 2c-2.7 0-6 1.3-6 4v2h6v-2c0-1.5.8-2.8 2.1-3.7A9.4 9.4 0 0 0 8 13Zm8 0c-3 0-8 1.5-8 4.5V20h16v-2.5C24 14.5 19 13 16 13Z" /> },
  { to: '/inbox', label: 'nav.inbox', badge: useInboxCount, icon: <path d="M19 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2Zm0 12h-4a3 3 0 0 1-6 0H5V5h14v10Z" /> },
  { to: '/review', label: 'nav.review', badge: useReviewCount, icon: <path d="M19 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2Zm-9 14-5-5 1.4-1.4L10 14.2l7.6-7.6L19 8l-9 9Z" /> },
  { to: '/outbox', label: 'nav.outbox', icon: <path d="M4 4h16a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm1 2v7h4l1 2h4l1-2h4V6H5Zm7 1 3.5 3.5H13V13h-2v-2.5H8.5L12 7Z" /> },
  { to: '/reports', label: 'nav.reports', icon: <path d="M4 20V10h3v10H4Zm6.5 0V4h3v16h-3ZM17 20v-7h3v7h-3Z" /> },
  { to: '/settings', label: 'nav.settings', icon: <path d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1L11 21h4l.4-2.9a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5ZM13 15.5a3.5 3.5 0 1 1 3.5-3.5 3.5 3.5 0 0 1-3.5 3.5Z" /> },
];

type NavCount = { count: number; label: MessageKey };

/** Conversations with a reply nobody opened yet (the list's bold rows); kept live by the event stream (message.received refreshes `inbox`). */
function useInboxCount(): NavCount {
  const query = trpc.inbox.unreadCount.useQuery(undefined, { staleTime: 30_000 });
  return { count: query.data?.conversations ?? 0, label: 'nav.inboxBadge' };
}

/** Items waiting in the review queue; kept live by the event stream (ai.decision refreshes `review`). */
function useReviewCount(): NavCount {
  const query = trpc.review.count.useQuery(undefined, { staleTime: 30_000 });
  return { count: query.data?.pending ?? 0, label: 'nav.reviewBadge' };
}

function NavBadge({ use }: { use: () => NavCount }) {
  const { t, formatNumber } = useI18n();
  const { count, label } = use();
  if (!count) return null;
  return (
    <span className="ml-auto rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white tabular-nums" aria-label={t(label, { count: formatNumber(count) })} data-testid="nav-badge">
      {count > 99 ? '99+' : formatNumber(count)}
    </span>
  );
}

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('nav.main')} className="flex-1 px-3 py-4">
      <ul className="space-y-1">
        {NAV.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              onClick={onNavigate}
              className={({ isActive }) =>
                cx(
                  'flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
                  isActive ? 'bg-brand-50 text-brand-700' : 'text-muted hover:bg-surface hover:text-ink',
                )
              }
            >
              <svg viewBox="0 0 24 24" className="size-5 shrink-0" fill="currentColor" aria-hidden="true">
                {item.icon}
              </svg>
              {t(item.label)}
              {item.badge && <NavBadge use={item.badge} />}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function WorkspaceSwitcher() {
  const session = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const switchWorkspace = trpc.auth.switchWorkspace.useMutation({
    onSuccess: () => {
      queryClient.clear();
      void navigate('/dashboard');
    },
    onError: (error) => toast.error(errorText.message(error, t('error.title'))),
  });
  if (session.workspaces.length <= 1) {
    return (
      <div className="px-6">
        <p className="text-xs font-medium text-muted">{t('shell.workspace')}</p>
        <p className="truncate text-sm font-semibold text-ink" title={session.workspace.name}>
          {session.workspace.name}
        </p>
      </div>
    );
  }
  return (
    <div className="px-3">
      <SelectField
        label={<span className="px-3 text-xs font-medium text-muted">{t('shell.switchWorkspace')}</span>}
        className="font-semibold"
        value={session.workspace.id}
        disabled={switchWorkspace.isPending}
        onChange={(event) => switchWorkspace.mutate({ workspaceId: event.target.value })}
      >
        {session.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

function UserMenu() {
  const session = useSession();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = trpc.auth.signOut.useMutation({
    onSettled: () => {
      queryClient.clear();
      void navigate('/sign-in');
    },
  });
  return (
    <div className="border-t border-line px-3 py-4">
      <div className="px-3">
        <NavLink to="/settings/account" className="block truncate text-sm font-medium text-ink hover:underline" title={t('settings.tab.account')}>
          {session.user.name}
        </NavLink>
        <p className="truncate text-xs text-muted" title={t('shell.signedInAs', { email: session.user.email })}>
          {session.user.email}
        </p>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-2 pl-3">
        <LanguageSwitch persist />
        <Button variant="ghost" size="sm" onClick={() => signOut.mutate()} loading={signOut.isPending}>
          {t('shell.signOut')}
        </Button>
      </div>
    </div>
  );
}

export function AppShell() {
  const { t } = useI18n();
  const session = useSession();
  useLiveUpdates(session.workspace.id);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const sidebar = (onNavigate?: () => void) => (
    <div className="flex h-full flex-col">
      <div className="px-6 pt-5 pb-4">
        <Brand to="/dashboard" />
      </div>
      <WorkspaceSwitcher />
      <Navigation onNavigate={onNavigate} />
      <UserMenu />
    </div>
  );
  return (
    <div className="min-h-screen">
      <SkipLink />
      <aside className="fixed inset-y-0 left-0 hidden w-64 overflow-y-auto border-r border-line bg-panel lg:block">{sidebar()}</aside>
      <header className="sticky top-0 z-30 flex items-center gap-3 border-b border-line bg-panel px-4 py-2 lg:hidden">
        <button
          type="button"
          className="rounded-md p-2 text-muted hover:bg-surface hover:text-ink"
          aria-label={menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
          aria-expanded={menuOpen}
          aria-controls="mobile-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg viewBox="0 0 24 24" className="size-6" fill="currentColor" aria-hidden="true">
            <path d="M3 6h18v2H3V6Zm0 5h18v2H3v-2Zm0 5h18v2H3v-2Z" />
          </svg>
        </button>
        <Brand to="/dashboard" />
      </header>
      {menuOpen && (
        <div id="mobile-menu" className="fixed inset-0 z-40 lg:hidden">
          <div className="absolute inset-0 bg-ink/40" onClick={() => setMenuOpen(false)} aria-hidden="true" />
          <aside className="absolute inset-y-0 left-0 w-72 max-w-[85vw] overflow-y-auto bg-panel shadow-xl">{sidebar(() => setMenuOpen(false))}</aside>
        </div>
      )}
      <main id="main" className="lg:pl-64">
        <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8 lg:px-8">
          <ErrorBoundary key={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </div>
      </main>
    </div>
  );
}
