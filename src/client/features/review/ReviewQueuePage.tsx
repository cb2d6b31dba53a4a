import { Card, PageHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { useT } from '../../i18n/index.js';

export function ReviewQueuePage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('review.title')} />
      <Card>
        <EmptyState level={2} title={t('review.empty.title')} body={t('review.empty.body')} />
      </Card>
    </>
  );
}
