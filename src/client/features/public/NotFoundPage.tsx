import { ButtonLink } from '../../components/ui/Button.js';
import { useT } from '../../i18n/index.js';

export function NotFoundPage() {
  const t = useT();
  return (
    <div className="mx-auto max-w-md py-24 text-center">
      <h1 className="text-2xl font-semibold text-ink">{t('error.notFound.title')}</h1>
      <p className="mt-2 text-sm text-muted">{t('error.notFound.body')}</p>
      <ButtonLink className="mt-6" to="/dashboard">
        {t('error.notFound.home')}
      </ButtonLink>
    </div>
  );
}
