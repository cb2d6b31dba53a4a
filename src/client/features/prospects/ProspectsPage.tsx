import { PageHeader } from '../../components/ui/Card.js';
import { useT } from '../../i18n/index.js';

// Filled in by its issue; the route exists so navigation and the shell are complete.
export function ProspectsPage() {
  const t = useT();
  return <PageHeader title={t('nav.prospects')} description={t('common.comingSoon')} />;
}
