import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { ToastProvider } from './components/ui/Toast.js';
import { I18nProvider } from './i18n/index.js';
import { createQueryClient, createTrpcClient, trpc } from './lib/trpc.js';
import { router } from './app/routes.js';
import './styles.css';

function App() {
  const [queryClient] = useState(() =>
    createQueryClient(() => {
      // A session that expired mid-use: back to sign-in, then back here.
      const here = window.location.pathname + window.location.search;
      const publicPaths = ['/', '/sign-in', '/sign-up', '/privacy', '/terms'];
      if (!publicPaths.includes(window.location.pathname) && !window.location.pathname.startsWith('/invite/')) {
        void router.navigate(`/sign-in?next=${encodeURIComponent(here)}`);
      }
    }),
  );
  const [trpcClient] = useState(createTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <ToastProvider>
            <ErrorBoundary>
              <RouterProvider router={router} />
            </ErrorBoundary>
          </ToastProvider>
        </I18nProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
