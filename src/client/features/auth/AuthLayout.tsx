import type { ReactNode } from 'react';
import { Brand } from '../../app/Brand.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { SkipLink } from '../../components/ui/SkipLink.js';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-surface">
      <SkipLink />
      <header className="flex items-center justify-between gap-3 px-4 py-4 sm:px-6 sm:py-5">
        <Brand />
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-8 pb-16 sm:pt-16">
        <div className="w-full max-w-md animate-slide-up">
          <div className="rounded-card border border-line bg-panel p-6 shadow-card sm:p-8">
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
