import { afterAll, beforeAll, expect, it } from 'vitest';
import { goodModel } from '../../src/server/enrichment/enrichment.test-helpers.js';
import { FAKE_OPENAI_KEY, startFakeOpenAi, type ChatRequest, type FakeOpenAi } from '../fakes/openai.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
let fake: FakeOpenAi;
/** Ivy's first two answers are malformed: her enrichment fails once, visibly, then a retry works. */
let internAnswers = 0;
beforeAll(async () => {
  app = await startBrowserApp();
  // Scores by title, so the sort and the filter have something to tell apart.
  fake = await startFakeOpenAi({
    responder: (request: ChatRequest) => {
      const answer = goodModel(request);
      const text = JSON.stringify(request.messages);
      if (text.includes('Intern') && internAnswers++ < 2) return 'not JSON at all';
      return { ...answer, fitScore: text.includes('Intern') ? 20 : text.includes('Director') ? 60 : 92 };
    },
  });
});
afterAll(async () => {
  await fake?.close();
  await app?.stop();
});

it('bulk "Enrich" from the prospects page, the fit score column, sort and filter, the drawer, and Retry after a failure', async () => {
  const page = await app.newPage();
  await signUpInBrowser(page, { name: 'Enrich Tester', workspace: 'Enrich Co' });
  const api = (method: 'POST' | 'PUT', path: string, data: unknown) => page.request.fetch(path, { method, data, headers: { origin: app.url } });
  expect((await api('PUT', '/api/admin/settings/credentials/openai', { apiKey: FAKE_OPENAI_KEY, baseUrl: fake.baseUrl, model: 'gpt-4o-mini' })).status()).toBe(200);
  const people = [
    { email: 'vp@acme.example', firstName: 'Vera', lastName: 'Price', title: 'VP Sales', company: 'Acme', industry: 'Software Development', location: 'Paris, France' },
    { email: 'dir@globex.example', firstName: 'Dan', lastName: 'Ortiz', title: 'Sales Director', company: 'Globex', industry: 'Software Development', location: 'Lyon, France' },
    { email: 'intern@initech.example', firstName: 'Ivy', lastName: 'Chen', title: 'Marketing Intern', company: 'Initech', industry: 'Retail', location: 'Toronto, Canada' },
  ];
  for (const person of people) expect((await api('POST', '/api/admin/prospects', person)).status()).toBe(201);

  await page.goto('/prospects');
  const table = page.getByRole('table', { name: 'Prospects' });
  await expectVisible(table.getByRole('button', { name: 'Vera Price' }));
  await page.getByLabel('Select all prospects on this page').check();
  await page.getByRole('region', { name: 'Actions on the selected prospects' }).getByRole('button', { name: 'Enrich', exact: true }).click();
  await expectVisible(page.getByText('3 prospects queued for enrichment'));
  await app.screenshot(page, 'enrichment-bulk-queued');
  await app.app.jobs.drain();

  // Fit column, sorted by fit (descending), then filtered to 50+.
  await page.getByRole('button', { name: /^Fit/ }).click();
  await page.waitForURL(/sort=fitScore/);
  await page.reload();
  await expectVisible(table.getByText('92'));
  const firstRows = await table.locator('tbody tr').allInnerTexts();
  expect(firstRows).toHaveLength(3);
  await page.getByLabel('Min. fit score').selectOption('50');
  await page.waitForURL(/minScore=50/);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Prospects"] tbody tr').length < 3);
  const filtered = (await table.locator('tbody tr').allInnerTexts()).map((row) => row.replace(/\s+/g, ' '));
  expect(filtered.every((row) => !row.includes('Ivy') && !row.includes('Intern'))).toBe(true);
  await app.screenshot(page, 'enrichment-fit-column');

  // The drawer: talking points, opening line, fit score with its reason, the model and when.
  await table.getByRole('button', { name: 'Vera Price' }).click();
  const drawer = page.getByRole('dialog');
  await expectVisible(drawer.getByRole('heading', { name: 'AI enrichment' }));
  await expectVisible(drawer.getByText('ICP fit 92/100'));
  await expectVisible(drawer.getByText(/Why: VP Sales in software/));
  await expectVisible(drawer.getByText(/Hi Vera, your work on outbound at Acme/));
  await expectVisible(drawer.getByText(/By gpt-4o-mini/));
  await app.screenshot(page, 'enrichment-drawer');
  await page.keyboard.press('Escape');

  // The failed one shows its error and a Retry that enriches it.
  await page.getByLabel('Min. fit score').selectOption('');
  await table.getByRole('button', { name: 'Ivy Chen' }).click();
  const alert = drawer.getByRole('alert');
  await expectVisible(alert.getByText(/Enrichment failed: The model's answer was invalid twice/));
  await app.screenshot(page, 'enrichment-drawer-failed');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expectVisible(page.getByText('1 prospect queued for enrichment'));
  await app.app.jobs.drain();
  await expectVisible(drawer.getByText('ICP fit 20/100'), 15_000);
  expect(await drawer.getByRole('alert').count()).toBe(0);
  await app.screenshot(page, 'enrichment-drawer-retried');
  await page.keyboard.press('Escape');

  // Settings → API keys: the provider and the month's usage with an estimated cost.
  await page.goto('/settings/api-keys');
  const usage = page.getByRole('table', { name: 'LLM usage' }).first();
  await expectVisible(usage);
  expect((await usage.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ')).toMatch(new RegExp(`^${new Date().toISOString().slice(0, 7)} 3 `));
  await expectVisible(page.getByText(/Enrichment uses gpt-4o-mini, 5 at a time/));
  await app.screenshot(page, 'enrichment-usage-settings');
});
