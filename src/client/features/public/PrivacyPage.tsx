import { LegalPage, type LegalSection } from './LegalPage.js';

const SECTIONS: LegalSection[] = [
  { id: 'controller', title: 'privacy.controller.title', body: 'privacy.controller.body' },
  { id: 'data', title: 'privacy.data.title', body: 'privacy.data.body' },
  { id: 'purposes', title: 'privacy.purposes.title', body: 'privacy.purposes.body' },
  { id: 'storage', title: 'privacy.storage.title', body: 'privacy.storage.body' },
  { id: 'cookies', title: 'privacy.cookies.title', body: 'privacy.cookies.body' },
  { id: 'retention', title: 'privacy.retention.title', body: 'privacy.retention.body' },
  { id: 'rights', title: 'privacy.rights.title', body: 'privacy.rights.body' },
  { id: 'security', title: 'privacy.security.title', body: 'privacy.security.body' },
  { id: 'contact', title: 'privacy.contact.title', body: 'privacy.contact.body' },
];

export function PrivacyPage() {
  return <LegalPage title="privacy.title" intro="privacy.intro" updated="2026-11-26" sections={SECTIONS} />;
}
