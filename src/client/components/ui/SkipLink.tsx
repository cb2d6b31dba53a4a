import { useT } from '../../i18n/index.js';

/** The first focusable element of every layout: jumps over the navigation to `#main`. */
export function SkipLink() {
  const t = useT();
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-panel focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-ink focus:shadow-lg"
    >
      {t('nav.skipToContent')}
    </a>
  );
}
