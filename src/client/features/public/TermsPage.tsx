import { LegalPage, type LegalSection } from './LegalPage.js';

const SECTIONS: LegalSection[] = [
  { id: 'service', title: 'terms.service.title', body: 'terms.service.body' },
  { id: 'accounts', title: 'terms.accounts.title', body: 'terms.accounts.body' },
  { id: 'acceptable-use', title: 'terms.use.title', body: 'terms.use.body' },
  { id: 'data', title: 'terms.data.title', body: 'terms.data.body' },
  { id: 'ai', title: 'terms.ai.title', body: 'terms.ai.body' },
  { id: 'availability', title: 'terms.availability.title', body: 'terms.availability.body' },
  { id: 'liability', title: 'terms.liability.title', body: 'terms.liability.body' },
  { id: 'ending', title: 'terms.ending.title', body: 'terms.ending.body' },
  { id: 'law', title: 'terms.law.title', body: 'terms.law.body' },
];

export function TermsPage() {
  return <LegalPage title="terms.title" intro="terms.intro" updated="2026-11-26" sections={SECTIONS} />;
}
