import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Brand } from '../../app/Brand.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { ButtonLink } from '../../components/ui/Button.js';
import { SkipLink } from '../../components/ui/SkipLink.js';
import { openCookieSettings } from './CookieConsent.js';
import { useT } from '../../i18n/index.js';

/** Header and footer of the pages a signed-out visitor sees (landing, privacy, terms). */
export function PublicLayout({ children, nav }: { children: ReactNode; nav?: ReactNode }) {
  const t = useT();
  return (
    <div className="flex min-h-screen flex-col bg-panel">
      <SkipLink />
      <header className="sticky top-0 z-40 border-b border-line/70 bg-panel/85 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3 sm:px-6">
          <Brand compact />
          {nav && (
            <nav aria-label={t('public.nav.label')} className="hidden items-center gap-5 text-sm text-muted md:flex">
              {nav}
            </nav>
          )}
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitch />
            <ButtonLink to="/sign-in" variant="ghost" size="sm">
              {t('public.nav.signIn')}
            </ButtonLink>
            {/* A wrapper: `hidden` on the button itself would fight its own inline-flex. */}
            <span className="hidden sm:inline-flex">
              <ButtonLink to="/sign-up" size="sm">
                {t('public.nav.getStarted')}
              </ButtonLink>
            </span>
          </div>
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="border-t border-line bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-8 text-sm text-muted sm:px-6">
          <p>{t('public.footer.copyright', { year: String(new Date().getFullYear()) })}</p>
          <p className="order-last w-full text-xs sm:order-none sm:w-auto">{t('public.footer.selfHosted')}</p>
          <nav aria-label={t('public.footer.label')} className="flex gap-4">
            <Link to="/privacy" className="hover:text-ink hover:underline">
              {t('public.footer.privacy')}
            </Link>
            <Link to="/terms" className="hover:text-ink hover:underline">
              {t('public.footer.terms')}
            </Link>
            <button type="button" onClick={openCookieSettings} className="hover:text-ink hover:underline">
              {t('public.footer.cookies')}
            </button>
          </nav>
        </div>
      </footer>
    </div>
  );
}
