import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateSalesNavigatorProfiles } from '../fakes/linkedin-profiles.js';
import { FAKE_PHANTOMBUSTER_KEY, startFakePhantomBuster, type FakePhantomBuster } from '../fakes/phantombuster.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

/**
 * "Launch campaign" in the browser: the LinkedIn search set up on the campaign page (the URL built
 * from the ICP shown before launch), Launch, then the three progress bars watched live (SSE) until
 * the scrape (PhantomBuster fake), the offline enrichment and the sequence are done — in English
 * and in French. The app's own job engine runs on its own here, as in production.
 */

const rows = generateSalesNavigatorProfiles(50, { duplicates: 4, seed: 21, emailEvery: 2 });
let app: BrowserApp;
let fake: FakePhantomBuster;

beforeAll(async () => {
  fake = await startFakePhantomBuster({
    agents: [{ id: '4242', runningPolls: 4, outcome: { kind: 'profiles', rows }, savedArgument: { sessionCookie: 'li_at=secret', searches: 'old', numberOfProfiles: 10 }, requiresSessionCookie: true }],
  });
  app = await startBrowserApp({
    PHANTOMBUSTER_API_URL: fake.baseUrl,
    PHANTOMBUSTER_S3_URL: fake.s3BaseUrl,
    SCRAPE_POLL_SECONDS: '0.7',
    JOBS_ENABLED: 'true',
    JOBS_POLL_CRON: '* * * * * *',
  });
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

const LABELS = {
  en: { setUp: 'Set up', agent: 'PhantomBuster agent id', max: 'Profiles per scrape', save: 'Save search', saved: 'LinkedIn search saved.', launch: 'Launch', launchNow: 'Launch now', progress: 'Launch progress', done: 'Done' },
  fr: { setUp: 'Configurer', agent: 'Identifiant de l’agent PhantomBuster', max: 'Profils par extraction', save: 'Enregistrer la recherche', saved: 'Recherche LinkedIn enregistrée.', launch: 'Lancer', launchNow: 'Lancer maintenant', progress: 'Progression du lancement', done: 'Terminé' },
} as const;

async function prepare(page: Page, language: 'en' | 'fr') {
  await signUpInBrowser(page, { name: `Launch ${language}`, workspace: `Launch ${language}` });
  const api = (method: 'POST' | 'PUT' | 'PATCH', path: string, data: unknown) => page.request.fetch(path, { method, data, headers: { origin: app.url } });
  expect((await api('PUT', '/api/admin/settings/credentials/phantombuster', { apiKey: FAKE_PHANTOMBUSTER_KEY })).status()).toBe(200);
  expect((await api('PUT', '/api/admin/settings/icp', { jobTitles: ['VP Sales', 'Head of Sales'], keywords: ['SaaS'], locations: ['France'] })).status()).toBe(200);
  expect((await api('PATCH', '/api/admin/workspace', { postalAddress: '1 rue de Rivoli, 75001 Paris' })).status()).toBe(200);
  const created = await api('POST', '/api/admin/campaigns', { name: language === 'fr' ? 'Directeurs commerciaux SaaS' : 'SaaS sales leaders' });
  expect(created.status()).toBe(201);
  const campaign = (await created.json()) as { id: string };
  expect((await api('PUT', `/api/admin/campaigns/${campaign.id}/sequence`, { steps: [{ delayDays: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' }] })).status()).toBe(200);
  return campaign.id;
}

async function launchAndWatch(language: 'en' | 'fr') {
  const l = LABELS[language];
  const page = await app.newPage({ locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
  const campaignId = await prepare(page, language);
  await page.goto(`/campaigns/${campaignId}`);

  // The LinkedIn search: agent id and profiles; the search built from the ICP is shown before launch.
  const searchCard = page.locator('div.rounded-card', { has: page.getByRole('heading', { name: language === 'fr' ? 'Recherche LinkedIn' : 'LinkedIn search' }) });
  await searchCard.getByRole('button', { name: l.setUp }).click();
  await searchCard.getByLabel(l.agent).fill('4242');
  await searchCard.getByLabel(l.max).fill('50');
  await searchCard.getByRole('button', { name: l.save }).click();
  await expectVisible(page.getByText(l.saved));
  const built = page.getByTestId('linkedin-search-url');
  await expectVisible(built);
  expect(await built.innerText()).toBe('https://www.linkedin.com/search/results/people/?keywords=("VP Sales" OR "Head of Sales") AND "SaaS" AND "France"');
  await app.screenshot(page, `launch-search-${language}`);

  // The launch dialog: its checklist passes because the scrape brings the prospects.
  await page.getByRole('button', { name: l.launch, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${l.launch}`) });
  await dialog.getByRole('button', { name: l.launchNow }).click();
  const card = page.locator('div.rounded-card', { has: page.getByRole('heading', { name: l.progress }) });
  // Scraping runs first (PhantomBuster is still "searching": an indeterminate bar).
  await expectVisible(card.locator('li[data-stage="scraping"][data-status="running"]'), 15_000);
  await app.screenshot(page, `launch-progress-running-${language}`);
  // Then every bar fills, live, with no reload.
  for (const stage of ['scraping', 'enriching', 'sequencing']) await expectVisible(card.locator(`li[data-stage="${stage}"][data-status="done"]`), 60_000);
  const bars = await card.getByRole('progressbar').evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('aria-valuenow'), node.getAttribute('aria-valuemax')]));
  expect(bars).toEqual([['54', '54'], ['50', '50'], ['25', '25']]);
  const text = await card.innerText();
  expect(text).toContain(language === 'fr' ? '54 trouvés · 50 nouveaux · 4 déjà connus · 0 exclus par l’ICP' : '54 found · 50 new · 4 already known · 0 excluded by the ICP');
  expect(text).toContain(language === 'fr' ? '25 prospects dans la séquence' : '25 prospects in the sequence');
  await app.screenshot(page, `launch-progress-done-${language}`);

  // The dashboard shows the launch compactly.
  await page.goto('/dashboard');
  await expectVisible(page.getByRole('heading', { name: language === 'fr' ? 'Lancements en cours' : 'Launches in progress' }));
  await app.screenshot(page, `launch-dashboard-${language}`);
}

it('launches a campaign from LinkedIn in English: search shown, scrape, enrichment and sequence bars fill live', async () => {
  await launchAndWatch('en');
}, 150_000);

it('the same in French', async () => {
  await launchAndWatch('fr');
}, 150_000);

describe('from the campaigns list', () => {
  async function signedIn(workspace: string) {
    const page = await app.newPage();
    await signUpInBrowser(page, { name: 'List launcher', workspace });
    const api = async (method: 'POST' | 'PUT' | 'PATCH', path: string, data: unknown) => {
      const response = await page.request.fetch(path, { method, data, headers: { origin: app.url } });
      expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as { id: string };
    };
    return { page, api };
  }

  it('Launch and Resume in the list open the launch dialog, and launch only once it is confirmed', async () => {
    const { page, api } = await signedIn('List launch');
    await api('PATCH', '/api/admin/workspace', { postalAddress: '1 rue de la Paix, 75002 Paris' });
    const campaign = await api('POST', '/api/admin/campaigns', { name: 'Ready from the list' });
    await api('PUT', `/api/admin/campaigns/${campaign.id}/sequence`, { steps: [{ delayDays: 0, subject: 'Hello', body: 'Hi {{firstName|there}}' }] });
    await api('POST', '/api/admin/prospects', { email: 'pat@list-launch.example', firstName: 'Pat', campaignId: campaign.id });

    await page.goto('/campaigns');
    const row = page.getByRole('row', { name: /Ready from the list/ });
    await row.getByRole('button', { name: 'Launch “Ready from the list”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Launch “Ready from the list”' });
    await expectVisible(dialog.getByTestId('launch-count'));
    for (const item of ['steps', 'prospects', 'mailbox', 'postal_address']) expect(await dialog.getByTestId(`preflight-${item}`).getAttribute('data-ok')).toBe('true');
    await app.screenshot(page, 'launch-from-list-dialog');
    // Nothing moved before the confirmation.
    await expectVisible(row.getByText('Draft', { exact: true }));
    await dialog.getByRole('button', { name: 'Launch now' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'is live' }));
    await expectVisible(row.getByText('Active', { exact: true }));

    await row.getByRole('button', { name: 'Pause “Ready from the list”' }).click();
    await expectVisible(row.getByText('Paused', { exact: true }));
    await row.getByRole('button', { name: 'Resume “Ready from the list”' }).click();
    const resume = page.getByRole('dialog', { name: 'Resume “Ready from the list”' });
    await expectVisible(resume.getByTestId('preflight-steps'));
    await expectVisible(row.getByText('Paused', { exact: true }));
    await resume.getByRole('button', { name: 'Resume now' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'running again' }));
    await expectVisible(row.getByText('Active', { exact: true }));
    await page.close();
  }, 180_000);

  it('a campaign that is not ready shows what is missing in the dialog, and cannot be launched from there', async () => {
    const { page, api } = await signedIn('List not ready');
    await api('POST', '/api/admin/campaigns', { name: 'Nothing written yet' });
    await page.goto('/campaigns');
    const row = page.getByRole('row', { name: /Nothing written yet/ });
    await row.getByRole('button', { name: 'Launch “Nothing written yet”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Launch “Nothing written yet”' });
    await expectVisible(dialog.getByText('Write at least one email in the sequence'));
    expect(await dialog.getByTestId('preflight-steps').getAttribute('data-ok')).toBe('false');
    expect(await dialog.getByTestId('preflight-postal_address').getAttribute('data-ok')).toBe('false');
    await expectVisible(dialog.getByText('Launch is blocked until every item is ready.'));
    expect(await dialog.getByRole('button', { name: 'Launch now' }).isDisabled()).toBe(true);
    await app.screenshot(page, 'launch-from-list-blocked');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expectVisible(row.getByText('Draft', { exact: true }));
    await page.close();
  }, 180_000);
});
