import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { useT } from '../../i18n/index.js';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  const t = useT();
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-surface">
      <header className="flex items-center justify-between px-6 py-5">
        <Link to="/" className="flex items-center gap-2 font-semibold text-ink">
          <img src="/favicon.svg" alt="" className="size-7" />
          {t('app.name')}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-8 pb-16 sm:pt-16">
        <div className="w-full max-w-md animate-slide-up">
          <div className="rounded-card border border-line bg-panel p-8 shadow-card">
            <h1 className="text-xl font-semibold text-ink">{title}</h1>
            {subtitle && <p className="mt-1 text-sm text-muted">{subtitle}</p>}
            <div className="mt-6">{children}</div>
          </div>
          {footer && <p className="mt-6 text-center text-sm text-muted">{footer}</p>}
        </div>
      </main>
    </div>
  );
}
