import { Card } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { useT } from '../../i18n/index.js';

// Filled in by its issue.
export function EmailTab() {
  const t = useT();
  return (
    <Card>
      <EmptyState title={t('common.comingSoon')} />
    </Card>
  );
}
