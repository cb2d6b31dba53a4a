import type { Locator } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { APP_ROOT } from '../../src/server/config.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(APP_ROOT, 'tests/e2e/screenshots');

export type BrowserApp = TestApp & {
  browser: Browser;
  /** A fresh browser profile (own cookies), optionally in a language. */
  newContext(options?: { locale?: 'en-GB' | 'fr-FR' }): Promise<BrowserContext>;
  newPage(options?: { locale?: 'en-GB' | 'fr-FR' }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
};

/** The whole app (built SPA + API, private database) and a headless Chromium pointed at it. */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const app = await startTestApp(env);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  const newContext = async (options: { locale?: 'en-GB' | 'fr-FR' } = {}) => {
    const context = await browser.newContext({ baseURL: app.url, locale: options.locale ?? 'en-GB', viewport: { width: 1280, height: 860 } });
    contexts.push(context);
    return context;
  };
  return {
    ...app,
    browser,
    newContext,
    async newPage(options) {
      const context = await newContext(options);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('[browser error]', error.message));
      return page;
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await app.stop();
    },
  };
}

/** Signs up through the real form; leaves the page on the post-sign-up route. */
export async function signUpInBrowser(page: Page, account: { name?: string; email?: string; password?: string; workspace?: string } = {}) {
  const email = account.email ?? `e2e-${Math.random().toString(36).slice(2, 9)}@example.com`;
  await page.goto('/sign-up');
  await page.getByLabel(/your name|votre nom/i).fill(account.name ?? 'Eve Tester');
  await page.getByLabel(/^e-?mail$/i).fill(email);
  await page.getByLabel(/^password$|^mot de passe$/i).fill(account.password ?? 'correct horse battery staple');
  await page.getByLabel(/workspace name|nom de l’espace/i).fill(account.workspace ?? 'E2E Workspace');
  await page.getByRole('button', { name: /create account|créer le compte/i }).click();
  await page.waitForURL(/\/(onboarding|dashboard)/);
  return { email };
}

/**
 * playwright-core has no locator assertions: wait for the element (fails the test with a clear
 * timeout if it never shows), then assert it really is visible.
 */
export async function expectVisible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
  if (!(await locator.isVisible())) throw new Error(`expected ${locator.toString()} to be visible`);
}
