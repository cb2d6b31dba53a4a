import { Navigate } from 'react-router';
import { trpc } from '../../lib/trpc.js';
import { LandingPage } from './LandingPage.js';

/** `/`: the landing page for signed-out visitors, the dashboard for everyone signed in. */
export function HomeRoute() {
  const me = trpc.auth.me.useQuery(undefined, { retry: false });
  if (me.isPending) return <div className="min-h-screen bg-panel" aria-busy="true" />;
  if (me.data) return <Navigate to="/dashboard" replace />;
  return <LandingPage />;
}
