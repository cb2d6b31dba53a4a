import { createBrowserRouter, Outlet } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { InvitePage } from '../features/auth/InvitePage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { SignUpPage } from '../features/auth/SignUpPage.js';
import { CampaignDetailPage } from '../features/campaigns/CampaignDetailPage.js';
import { CampaignsPage } from '../features/campaigns/CampaignsPage.js';
import { DashboardPage } from '../features/dashboard/DashboardPage.js';
import { OnboardingPage } from '../features/onboarding/OnboardingPage.js';
import { ImportProspectsPage } from '../features/prospects/ImportProspectsPage.js';
import { ProspectsPage } from '../features/prospects/ProspectsPage.js';
import { HomeRoute } from '../features/public/HomeRoute.js';
import { NotFoundPage } from '../features/public/NotFoundPage.js';
import { PrivacyPage } from '../features/public/PrivacyPage.js';
import { TermsPage } from '../features/public/TermsPage.js';
import { WithCookieConsent } from '../features/public/CookieConsent.js';
import { ReviewQueuePage } from '../features/review/ReviewQueuePage.js';
import { SettingsPage } from '../features/settings/SettingsPage.js';
import { AppShell } from './AppShell.js';
import { RequireSession } from './session.js';

export const router = createBrowserRouter([
  {
    element: (
      <ErrorBoundary>
        <Outlet />
      </ErrorBoundary>
    ),
    children: [
      {
        // Signed-out pages carry the cookie banner; the app itself sets only the session cookie.
        element: <WithCookieConsent />,
        children: [
          { path: '/', element: <HomeRoute /> },
          { path: '/privacy', element: <PrivacyPage /> },
          { path: '/terms', element: <TermsPage /> },
          { path: '/sign-in', element: <SignInPage /> },
          { path: '/sign-up', element: <SignUpPage /> },
          { path: '/invite/:token', element: <InvitePage /> },
        ],
      },
      {
        path: '/onboarding',
        element: (
          <RequireSession>
            <OnboardingPage />
          </RequireSession>
        ),
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
          { path: '/prospects', element: <ProspectsPage /> },
          { path: '/prospects/import', element: <ImportProspectsPage /> },
          { path: '/review', element: <ReviewQueuePage /> },
          { path: '/settings/:tab?', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
