import { Link } from 'react-router';
import { cx } from '../components/ui/cx.js';
import { useT } from '../i18n/index.js';

/** The logo and product name, linking home; `compact` keeps only the logo on small screens. */
export function Brand({ to = '/', compact = false }: { to?: string; compact?: boolean }) {
  const t = useT();
  return (
    <Link to={to} className="flex items-center gap-2 rounded-md font-semibold text-ink" aria-label={compact ? t('app.name') : undefined}>
      <img src="/favicon.svg" alt="" className="size-7 shrink-0" />
      <span className={cx(compact && 'hidden sm:inline')}>{t('app.name')}</span>
    </Link>
  );
}
