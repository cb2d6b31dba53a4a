import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { ErrorBoundary, ErrorFallback } from '../components/ErrorBoundary.js';
import { Spinner } from '../components/ui/Spinner.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { CampaignDetailPage } from '../features/campaigns/CampaignDetailPage.js';
import { CampaignsPage } from '../features/campaigns/CampaignsPage.js';
import { DashboardPage } from '../features/dashboard/DashboardPage.js';
import { ImportProspectsPage } from '../features/prospects/ImportProspectsPage.js';
import { ProspectsPage } from '../features/prospects/ProspectsPage.js';
import { NotFoundPage } from '../features/public/NotFoundPage.js';
import { WithCookieConsent } from '../features/public/CookieConsent.js';
import { InboxPage } from '../features/inbox/InboxPage.js';
import { ReviewQueuePage } from '../features/review/ReviewQueuePage.js';
import { useT } from '../i18n/index.js';
import { AppShell } from './AppShell.js';
import { RequireSession } from './session.js';

/**
 * A page loaded on first visit, in its own chunk: the areas most sessions never open (the public
 * pages, sign-up, onboarding, settings) stay out of the main bundle. The router keeps the current
 * page on screen while the chunk loads.
 */
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

/** Shown on the very first load while a lazy page's chunk arrives. */
function PageLoading() {
  const t = useT();
  return (
    <div className="flex min-h-screen items-center justify-center text-brand-600">
      <Spinner className="size-6" label={t('common.loading')} />
    </div>
  );
}

function RouteError() {
  return <ErrorFallback />;
}

export const router = createBrowserRouter([
  {
    element: (
      <ErrorBoundary>
        <Outlet />
      </ErrorBoundary>
    ),
    // A chunk that fails to load (a new version was deployed meanwhile): offer a reload.
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    children: [
      {
        // Signed-out pages carry the cookie banner; the app itself sets only the session cookie.
        element: <WithCookieConsent />,
        children: [
          { path: '/', lazy: lazyPage(() => import('../features/public/HomeRoute.js'), 'HomeRoute') },
          { path: '/privacy', lazy: lazyPage(() => import('../features/public/PrivacyPage.js'), 'PrivacyPage') },
          { path: '/terms', lazy: lazyPage(() => import('../features/public/TermsPage.js'), 'TermsPage') },
          { path: '/sign-in', element: <SignInPage /> },
          { path: '/sign-up', lazy: lazyPage(() => import('../features/auth/SignUpPage.js'), 'SignUpPage') },
          { path: '/forgot-password', lazy: lazyPage(() => import('../features/auth/ForgotPasswordPage.js'), 'ForgotPasswordPage') },
          { path: '/reset-password', lazy: lazyPage(() => import('../features/auth/ResetPasswordPage.js'), 'ResetPasswordPage') },
          { path: '/invite/:token', lazy: lazyPage(() => import('../features/auth/InvitePage.js'), 'InvitePage') },
        ],
      },
      {
        path: '/onboarding',
        element: (
          <RequireSession>
            <Outlet />
          </RequireSession>
        ),
        children: [{ index: true, lazy: lazyPage(() => import('../features/onboarding/OnboardingPage.js'), 'OnboardingPage') }],
      },
      {
        element: (
          <RequireSession>
            <AppShell />
          </RequireSession>
        ),
        children: [
          { path: '/dashboard', element: <DashboardPage /> },
          { path: '/campaigns', element: <CampaignsPage /> },
          { path: '/campaigns/:id', element: <CampaignDetailPage /> },
          { path: '/campaigns/:id/sequence', element: <CampaignDetailPage tab="sequence" /> },
          { path: '/prospects', element: <ProspectsPage /> },
          { path: '/prospects/import', element: <ImportProspectsPage /> },
          { path: '/inbox/:prospectId?', element: <InboxPage /> },
          { path: '/review', element: <ReviewQueuePage /> },
          { path: '/outbox/:tab?', lazy: lazyPage(() => import('../features/sending/OutboxPage.js'), 'OutboxPage') },
          { path: '/reports', lazy: lazyPage(() => import('../features/reports/ReportsPage.js'), 'ReportsPage') },
          { path: '/settings/:tab?', lazy: lazyPage(() => import('../features/settings/SettingsPage.js'), 'SettingsPage') },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
