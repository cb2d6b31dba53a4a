import { afterAll, beforeAll, it } from 'vitest';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(() => app?.stop());

it('signs up through the form and lands in the app shell with its navigation', async () => {
  const page = await app.newPage();
  await signUpInBrowser(page, { name: 'Smoke Tester', workspace: 'Smoke Co' });
  await page.goto('/dashboard');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const item of ['Dashboard', 'Campaigns', 'Prospects', 'Review queue', 'Settings']) {
    await expectVisible(nav.getByRole('link', { name: item }));
  }
  await expectVisible(page.getByText('Smoke Co'));
  await app.screenshot(page, 'smoke-dashboard-shell');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await page.goto('/dashboard');
  await page.waitForURL(/\/sign-in\?next=%2Fdashboard/);
});
