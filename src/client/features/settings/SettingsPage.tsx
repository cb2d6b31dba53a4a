import type { ReactNode } from 'react';
import { Navigate, useParams } from 'react-router';
import { PageHeader } from '../../components/ui/Card.js';
import { LinkTabs } from '../../components/ui/Tabs.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { AccountTab } from './AccountTab.js';
import { AgentsTab } from './AgentsTab.js';
import { ApiKeysTab } from './ApiKeysTab.js';
import { ApiTokensTab } from './ApiTokensTab.js';
import { EmailTab } from './EmailTab.js';
import { IcpTab } from './IcpTab.js';
import { WorkspaceTab } from './WorkspaceTab.js';

const TABS: { slug: string; label: MessageKey; render: () => ReactNode }[] = [
  { slug: 'api-keys', label: 'settings.tab.apiKeys', render: () => <ApiKeysTab /> },
  { slug: 'icp', label: 'settings.tab.icp', render: () => <IcpTab /> },
  { slug: 'email', label: 'settings.tab.email', render: () => <EmailTab /> },
  { slug: 'agents', label: 'settings.tab.agents', render: () => <AgentsTab /> },
  { slug: 'api-tokens', label: 'settings.tab.apiTokens', render: () => <ApiTokensTab /> },
  { slug: 'workspace', label: 'settings.tab.workspace', render: () => <WorkspaceTab /> },
  { slug: 'account', label: 'settings.tab.account', render: () => <AccountTab /> },
];

export function SettingsPage() {
  const t = useT();
  const { tab } = useParams();
  const current = TABS.find((entry) => entry.slug === tab);
  if (!current) return <Navigate to="/settings/api-keys" replace />;
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <LinkTabs label={t('settings.tabs')} tabs={TABS.map((entry) => ({ to: `/settings/${entry.slug}`, label: t(entry.label) }))} />
      {current.render()}
    </>
  );
}
