import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(() => app?.stop());

type Texts = {
  progress: string;
  steps: string[];
  saveContinue: string;
  skip: string;
  companyName: string;
  postalAddress: string;
  industries: string;
  jobTitles: string;
  connectCard: RegExp;
  useSandboxCard: RegExp;
  useSandbox: string;
  friendly: string;
  greeting: string;
  bookingLink: string;
  campaignName: string;
  createCampaign: string;
  csvCard: RegExp;
  sampleCard: RegExp;
  loadSample: string;
  sampleBadge: string;
  finish: string;
};

const EN: Texts = {
  progress: 'Setup progress',
  steps: ['Workspace & you', 'Ideal customer', 'Mailbox', 'AI agent', 'First campaign'],
  saveContinue: 'Save and continue',
  skip: 'Skip this step',
  companyName: 'Company name',
  postalAddress: 'Company postal address',
  industries: 'Industries',
  jobTitles: 'Job titles',
  connectCard: /^Connect your mailbox/,
  useSandboxCard: /^Use the sandbox for now/,
  useSandbox: 'Use the sandbox',
  friendly: 'Friendly',
  greeting: 'Hi Alex!',
  bookingLink: 'Booking link',
  campaignName: 'Name',
  createCampaign: 'Create campaign',
  csvCard: /^Import a CSV file/,
  sampleCard: /^Load sample data/,
  loadSample: 'Load 25 sample prospects',
  sampleBadge: 'Sample data',
  finish: 'Finish setup',
};

const FR: Texts = {
  progress: 'Progression de la configuration',
  steps: ['Espace et vous', 'Client idéal', 'Boîte d’envoi', 'Agent IA', 'Première campagne'],
  saveContinue: 'Enregistrer et continuer',
  skip: 'Passer cette étape',
  companyName: 'Raison sociale',
  postalAddress: 'Adresse postale de l’entreprise',
  industries: 'Secteurs',
  jobTitles: 'Intitulés de poste',
  connectCard: /^Connecter votre boîte mail/,
  useSandboxCard: /^Utiliser le bac à sable pour l’instant/,
  useSandbox: 'Utiliser le bac à sable',
  friendly: 'Chaleureux',
  greeting: 'Bonjour Camille !',
  bookingLink: 'Lien de prise de rendez-vous',
  campaignName: 'Nom',
  createCampaign: 'Créer la campagne',
  csvCard: /^Importer un fichier CSV/,
  sampleCard: /^Charger des données d’exemple/,
  loadSample: 'Charger 25 prospects d’exemple',
  sampleBadge: 'Données d’exemple',
  finish: 'Terminer la configuration',
};

/** Waits until the progress list marks `index` as the current step (`aria-current="step"`), and only it. */
async function expectStep(page: Page, texts: Texts, index: number) {
  const progress = page.getByRole('navigation', { name: texts.progress });
  await progress.locator('[aria-current="step"]', { hasText: texts.steps[index]! }).waitFor();
  expect(await progress.locator('[aria-current="step"]').count()).toBe(1);
}

/** Same-origin API call with the page's session cookie. */
function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => (await fetch(url)).json() as Promise<T>, path);
}

async function walkThrough(page: Page, texts: Texts, lang: 'en' | 'fr', options: { fillIcp: boolean }) {
  await page.waitForURL('**/onboarding');
  const progress = page.getByRole('navigation', { name: texts.progress });
  await expectStep(page, texts, 0);
  // A real ordered list of the five steps.
  expect(await progress.locator('ol > li').count()).toBe(5);
  await expectVisible(page.getByLabel(texts.companyName));
  await app.screenshot(page, `onboarding-step1-${lang}`);

  // 1. Workspace & you.
  await page.getByLabel(texts.companyName).fill('Acme SAS');
  await page.getByLabel(texts.postalAddress).fill('12 rue de la Paix\n75002 Paris\nFrance');
  await page.getByRole('button', { name: texts.saveContinue }).click();
  await expectStep(page, texts, 1);
  await expectVisible(page.getByLabel(texts.industries));
  await app.screenshot(page, `onboarding-step2-${lang}`);

  // 2. ICP: filled in one language, skipped in the other.
  if (options.fillIcp) {
    const industries = page.getByLabel(texts.industries);
    await industries.fill('Logistics');
    await industries.press('Enter');
    await page.getByLabel(texts.jobTitles).fill('Head of Sales');
    await page.getByLabel(texts.jobTitles).press('Enter');
    await page.getByRole('button', { name: texts.saveContinue }).click();
  } else {
    await page.getByRole('button', { name: texts.skip }).click();
  }
  await expectStep(page, texts, 2);

  // Reloading mid-wizard resumes at the same step.
  await page.reload();
  await expectStep(page, texts, 2);
  await app.screenshot(page, `onboarding-step3-${lang}`);

  // 3. Mailbox: the real-mailbox form is embedded, but the sandbox will do for now.
  await page.getByRole('button', { name: texts.connectCard }).click();
  await expectVisible(page.getByRole('button', { name: texts.connectCard, pressed: true }));
  await page.waitForTimeout(300);
  await app.screenshot(page, `onboarding-step3-connect-${lang}`);
  await page.getByRole('button', { name: texts.useSandboxCard }).click();
  await page.getByRole('button', { name: texts.useSandbox, exact: true }).click();
  await expectStep(page, texts, 3);

  // 4. AI agent: pick a personality and see the offline sample reply follow it.
  await page.getByText(texts.friendly, { exact: true }).click();
  await page.getByLabel(texts.bookingLink).fill('https://cal.example.com/eve/intro');
  const reply = page.getByTestId('sample-reply-body');
  await page.waitForFunction(
    ([greeting]) => {
      const text = document.querySelector('[data-testid="sample-reply-body"]')?.textContent ?? '';
      return text.includes(greeting) && text.includes('https://cal.example.com/eve/intro');
    },
    [texts.greeting] as const,
  );
  expect(await reply.innerText()).toContain(texts.greeting);
  await app.screenshot(page, `onboarding-step4-${lang}`);
  await page.getByRole('button', { name: texts.saveContinue }).click();
  await expectStep(page, texts, 4);
  await app.screenshot(page, `onboarding-step5-${lang}`);

  // 5. First campaign, then the sample data set.
  await page.getByLabel(texts.campaignName, { exact: true }).fill(`Q1 logistics leaders (${lang})`);
  await page.getByRole('button', { name: texts.createCampaign }).click();
  await expectVisible(page.getByRole('button', { name: texts.sampleCard }));
  await page.getByRole('button', { name: texts.csvCard }).click();
  await page.waitForTimeout(300);
  await app.screenshot(page, `onboarding-step5-csv-${lang}`);
  await page.getByRole('button', { name: texts.sampleCard }).click();
  await page.getByRole('button', { name: texts.loadSample }).click();
  await expectVisible(page.getByText(texts.sampleBadge, { exact: true }));
  await app.screenshot(page, `onboarding-step5-sample-${lang}`);
  await page.getByRole('button', { name: texts.finish }).click();
  await page.waitForURL('**/dashboard');
}

describe('onboarding wizard', () => {
  it('walks a new admin through the five steps in English, resuming after a reload, and lands on the dashboard', async () => {
    const page = await app.newPage({ locale: 'en-GB' });
    await signUpInBrowser(page, { name: 'Eve Martin', workspace: 'Acme Outbound' });
    await walkThrough(page, EN, 'en', { fillIcp: false });

    const state = await api<{ step: number; skipped: number[]; completedAt: string | null }>(page, '/api/admin/workspace');
    expect(state).toMatchObject({ companyName: 'Acme SAS', postalAddress: '12 rue de la Paix\n75002 Paris\nFrance' });
    const agents = await api<{ isDefault: boolean; personality: string; bookingUrl: string }[]>(page, '/api/admin/agents');
    expect(agents.find((agent) => agent.isDefault)).toMatchObject({ personality: 'friendly', bookingUrl: 'https://cal.example.com/eve/intro' });
    const prospects = await api<{ items?: unknown[]; total?: number }>(page, '/api/admin/prospects?tags=sample');
    expect(prospects.total ?? prospects.items?.length).toBe(25);

    // Finished: opening the wizard again offers the dashboard or a review, not a trap.
    await page.goto('/onboarding');
    await expectVisible(page.getByRole('heading', { name: 'Your workspace is set up' }));
    await app.screenshot(page, 'onboarding-completed-en');
  });

  it('works the same in French, with the ICP filled in', async () => {
    const page = await app.newPage({ locale: 'fr-FR' });
    await signUpInBrowser(page, { name: 'Camille Martin', workspace: 'Atelier Martin' });
    await walkThrough(page, FR, 'fr', { fillIcp: true });
    const icp = await api<{ industries: string[]; jobTitles: string[] }>(page, '/api/admin/settings/icp');
    expect(icp).toMatchObject({ industries: ['Logistics'], jobTitles: ['Head of Sales'] });
  });

  it('sends members to the dashboard: setting up the workspace is for admins', async () => {
    const admin = app.client();
    await admin.signUp();
    const invitation = await admin.trpc().invitations.create.mutate({ role: 'member' });
    const member = app.client();
    await member.trpc().invitations.accept.mutate({
      token: invitation.url.split('/invite/')[1]!,
      account: { email: `member-${Date.now()}@example.com`, name: 'Mo Member', password: 'correct horse battery staple' },
    });
    const context = await app.newContext({ locale: 'en-GB' });
    await context.addCookies([{ name: 'sm_session', value: member.cookies.get('sm_session')!, url: app.url }]);
    const page = await context.newPage();
    await page.goto('/onboarding');
    await page.waitForURL('**/dashboard');
  });
});
