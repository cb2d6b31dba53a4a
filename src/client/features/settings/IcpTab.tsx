import { useIsAdmin } from '../../app/session.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { useT } from '../../i18n/index.js';
import { IcpForm } from './icp/IcpForm.js';

export function IcpTab() {
  const t = useT();
  const isAdmin = useIsAdmin();
  return (
    <Card>
      <CardHeader title={t('icp.title')} description={isAdmin ? t('icp.description') : t('settings.adminOnly')} />
      <IcpForm readOnly={!isAdmin} />
    </Card>
  );
}
