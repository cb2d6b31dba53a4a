import { useIsAdmin } from '../../app/session.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { useT } from '../../i18n/index.js';
import { DemoDataCard } from './workspace/DemoDataCard.js';
import { InvitationsCard } from './workspace/InvitationsCard.js';
import { MembersCard } from './workspace/MembersCard.js';
import { WorkspaceSettingsForm } from './workspace/WorkspaceSettingsForm.js';

export function WorkspaceTab() {
  const t = useT();
  const isAdmin = useIsAdmin();
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t('workspace.title')} description={isAdmin ? t('workspace.description') : t('settings.adminOnly')} />
        <WorkspaceSettingsForm readOnly={!isAdmin} />
      </Card>
      <MembersCard />
      {isAdmin && <InvitationsCard />}
      {isAdmin && <DemoDataCard />}
    </div>
  );
}
