import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
let page: Page;
beforeAll(async () => {
  app = await startBrowserApp();
  page = await app.newPage({ locale: 'en-GB' });
  await signUpInBrowser(page, { name: 'Ada Admin', workspace: 'Settings Co' });
});
afterAll(() => app?.stop());

function api<T>(path: string): Promise<T> {
  return page.evaluate(async (url) => (await fetch(url)).json() as Promise<T>, path);
}

it('ICP: tags are added with Enter, removed with their button, domains normalised, and saved', async () => {
  await page.goto('/settings/icp');
  const industries = page.getByRole('textbox', { name: 'Industries' });
  await industries.fill('Software');
  await industries.press('Enter');
  await industries.fill('software');
  await industries.press('Enter');
  await industries.fill('Logistics');
  await industries.press('Enter');
  await expectVisible(page.getByRole('list', { name: 'Industries: 2 item(s)' }));
  await page.getByRole('button', { name: 'Remove Software' }).click();
  await expectVisible(page.getByRole('list', { name: 'Industries: 1 item(s)' }));
  await page.getByRole('checkbox', { name: 'VP' }).check();
  await page.getByRole('checkbox', { name: '51–200' }).check();
  const domains = page.getByRole('textbox', { name: 'Excluded domains' });
  await domains.fill('https://www.Competitor.com/pricing');
  await domains.press('Enter');
  await expectVisible(page.getByRole('button', { name: 'Remove competitor.com' }));
  await domains.fill('not a domain');
  await domains.press('Enter');
  await expectVisible(page.getByText('“not a domain” is not a valid domain (e.g. acme.com)'));
  await domains.fill('');
  await app.screenshot(page, 'settings-icp-en');
  await page.getByRole('button', { name: 'Save ICP' }).click();
  await expectVisible(page.getByText('Ideal customer profile saved'));
  expect(await api('/api/admin/settings/icp')).toMatchObject({ industries: ['Logistics'], seniorities: ['vp'], companySizes: ['51-200'], excludedDomains: ['competitor.com'] });
});

it('AI agents: a template with an unknown variable is flagged before saving; the sample reply follows the settings', async () => {
  await page.goto('/settings/agents');
  await expectVisible(page.getByRole('heading', { name: 'Sample reply' }));
  await page.getByText('Direct', { exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sample-reply-body"]')?.textContent?.startsWith('Alex,'));
  await page.getByRole('button', { name: 'Add a template' }).click();
  const body = page.getByRole('textbox', { name: 'Message', exact: true });
  await body.fill('Hi {{first_name}}, book here: {{bookingUrl}}');
  await expectVisible(page.getByText(/Unknown variable \{\{first_name\}\}: use one of \{\{firstName\}\}/));
  await expectVisible(page.getByText('Fix the highlighted fields to see a sample reply.'));
  await body.fill('Hi ');
  await page.getByRole('button', { name: 'Insert {{firstName}}' }).click();
  await page.getByRole('textbox', { name: 'Booking link' }).fill('https://cal.example.com/ada');
  await page.waitForFunction(() => document.querySelector('[data-testid="sample-reply-body"]')?.textContent === 'Hi Alex');
  await expectVisible(page.getByText('Template: Interested'));
  await app.screenshot(page, 'settings-agents-en');
  await page.getByRole('button', { name: 'Save agent' }).click();
  await expectVisible(page.getByText('“Default agent” saved'));
  const agents = await api<{ personality: string; templates: { body: string }[]; bookingUrl: string }[]>('/api/admin/agents');
  expect(agents[0]).toMatchObject({ personality: 'direct', bookingUrl: 'https://cal.example.com/ada', templates: [{ name: 'Interested', body: 'Hi {{firstName}}' }] });

  // A second agent, made the default, then deleted once the first is default again.
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Closer');
  await dialog.getByText('Challenger', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Create agent' }).click();
  await expectVisible(page.getByRole('heading', { level: 2, name: 'Closer' }));
  await page.getByRole('button', { name: 'Make default' }).click();
  await expectVisible(page.getByText('“Closer” is now the default agent'));
});

it('Workspace: saves the postal address, creates a one-time invitation link and lists members', async () => {
  await page.goto('/settings/workspace');
  await expectVisible(page.getByText('Add your postal address before sending campaigns'));
  await page.getByLabel('Company postal address').fill('1 Infinite Loop\nCupertino, CA 95014');
  await page.getByLabel('Data retention (days)').fill('10');
  await page.getByRole('button', { name: 'Save workspace' }).click();
  await expectVisible(page.getByText('Data retention (days) must be at least 30'));
  await page.getByLabel('Data retention (days)').fill('365');
  await page.getByRole('button', { name: 'Save workspace' }).click();
  await expectVisible(page.getByText('Workspace settings saved'));
  expect(await page.getByText('Add your postal address before sending campaigns').count()).toBe(0);

  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = page.getByRole('textbox', { name: 'Invitation link' });
  await expectVisible(link);
  expect(await link.inputValue()).toMatch(/\/invite\/[a-z2-9]+\.[\w-]+$/);
  await expectVisible(page.getByRole('table', { name: 'Invitations' }).getByText('Anyone with the link', { exact: true }).first());
  const members = page.getByRole('table', { name: 'Members' });
  await expectVisible(members.getByText('Ada Admin', { exact: true }));
  // The only admin cannot demote themself.
  expect(await members.getByLabel('Role of Ada Admin').isDisabled()).toBe(true);
  await app.screenshot(page, 'settings-workspace-en');

  await page.getByLabel('Language').first().selectOption('fr');
  await expectVisible(page.getByRole('heading', { name: 'Espace de travail' }));
  await app.screenshot(page, 'settings-workspace-fr');
});
