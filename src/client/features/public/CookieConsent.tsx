import { useEffect, useId, useState } from 'react';
import { Link, Outlet } from 'react-router';
import { Button } from '../../components/ui/Button.js';
import { useT } from '../../i18n/index.js';

/** Where the visitor's answer is kept: local storage, deliberately not a cookie. */
export const CONSENT_STORAGE_KEY = 'sm_cookie_consent';
export type ConsentChoice = 'accepted' | 'refused';

export function readConsent(): ConsentChoice | null {
  try {
    const stored = JSON.parse(localStorage.getItem(CONSENT_STORAGE_KEY) ?? 'null') as { choice?: string } | null;
    return stored?.choice === 'accepted' || stored?.choice === 'refused' ? stored.choice : null;
  } catch {
    return null;
  }
}

const REOPEN_EVENT = 'sm:cookie-settings';

/** The footer's "Cookie settings": shows the banner again, so an answer can be changed. */
export function openCookieSettings(): void {
  window.dispatchEvent(new Event(REOPEN_EVENT));
}

/**
 * The cookie banner on public pages. The app sets one cookie, the session cookie, and only at
 * sign-in: it is strictly necessary, so it needs no consent, and nothing optional exists to switch
 * on. Accepting or refusing records the answer (so the banner stops asking) and changes nothing
 * else; should an optional cookie ever be added, it must wait for `readConsent() === 'accepted'`.
 */
export function CookieConsent() {
  const t = useT();
  const titleId = useId();
  const [choice, setChoice] = useState<ConsentChoice | null>(readConsent);
  useEffect(() => {
    const reopen = () => setChoice(null);
    window.addEventListener(REOPEN_EVENT, reopen);
    return () => window.removeEventListener(REOPEN_EVENT, reopen);
  }, []);
  if (choice !== null) return null;

  const decide = (next: ConsentChoice) => {
    try {
      localStorage.setItem(CONSENT_STORAGE_KEY, JSON.stringify({ choice: next, at: new Date().toISOString() }));
    } catch {
      // Storage disabled: the banner simply asks again next time.
    }
    setChoice(next);
  };

  return (
    <section
      role="region"
      aria-labelledby={titleId}
      className="fixed inset-x-3 bottom-3 z-50 rounded-card border border-line bg-panel p-4 shadow-xl motion-safe:animate-slide-up sm:right-auto sm:left-4 sm:max-w-md"
    >
      <h2 id={titleId} className="text-sm font-semibold text-ink">
        {t('cookies.title')}
      </h2>
      <p className="mt-1 text-sm text-muted">{t('cookies.body')}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => decide('accepted')}>
          {t('cookies.accept')}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => decide('refused')}>
          {t('cookies.refuse')}
        </Button>
        <Link to="/privacy#cookies" className="ml-auto rounded text-sm font-medium text-brand-700 hover:underline">
          {t('cookies.learnMore')}
        </Link>
      </div>
    </section>
  );
}

/** Layout route for the signed-out pages: the page, plus the banner until the visitor answers. */
export function WithCookieConsent() {
  return (
    <>
      <Outlet />
      <CookieConsent />
    </>
  );
}
