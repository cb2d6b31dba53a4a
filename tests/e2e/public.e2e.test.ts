import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(() => app?.stop());

async function contextWith(options: { locale?: 'en-GB' | 'fr-FR'; reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({
    baseURL: app.url,
    locale: options.locale ?? 'en-GB',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[browser error]', error.message));
  return { context, page };
}

/** Scrolls down like a reader (sections reveal as they enter the viewport), then back to the top. */
async function scrollThrough(page: Page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 300) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  });
  await page.waitForTimeout(900);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Opacity of every element that fades in on scroll, in document order. */
const revealOpacities = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-reveal]')].map((element) => Number(getComputedStyle(element).opacity)));

describe('landing page', () => {
  it('explains the product in four steps with a call to sign up, in English and French', async () => {
    const { context, page } = await contextWith();
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'From a cold list to booked meetings, on your own server.' }));
    const how = page.getByRole('region', { name: 'Four steps, one pipeline' });
    const steps = how.getByRole('listitem');
    expect(await steps.count()).toBe(4);
    const titles = await how.getByRole('heading', { level: 3 }).allTextContents();
    expect(titles).toEqual(['Find prospects', 'Enrich with AI', 'Send from your mailboxes', 'AI qualifies replies & books meetings']);
    await scrollThrough(page);
    await app.screenshot(page, 'public-landing-en');

    await page.getByRole('link', { name: 'Create your workspace' }).click();
    await page.waitForURL('**/sign-up');

    await page.goto('/');
    await page.getByLabel('Language').selectOption('fr');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'D’une liste froide à des rendez-vous, sur votre propre serveur.' }));
    const fr = await page.getByRole('region', { name: 'Quatre étapes, un seul pipeline' }).getByRole('heading', { level: 3 }).allTextContents();
    expect(fr).toEqual(['Trouver des prospects', 'Enrichir par l’IA', 'Envoyer depuis vos boîtes mail', 'L’IA qualifie les réponses et fixe les rendez-vous']);
    await expectVisible(page.getByRole('link', { name: 'Créer votre espace' }));
    await scrollThrough(page);
    await app.screenshot(page, 'public-landing-fr');
    await context.close();
  });

  it('fades sections in on scroll, and shows everything at once without motion when reduced motion is asked', async () => {
    const moving = await contextWith();
    await moving.page.goto('/');
    await expectVisible(moving.page.getByRole('heading', { level: 1 }));
    // Below the fold, nothing has been revealed yet…
    expect((await revealOpacities(moving.page)).some((opacity) => opacity < 1)).toBe(true);
    await moving.page.getByRole('heading', { name: 'Ready to book your next meeting?' }).scrollIntoViewIfNeeded();
    await moving.page.waitForTimeout(1200);
    // …and once scrolled past, the call to action is fully shown.
    const ctaOpacity = await moving.page.getByRole('region', { name: 'Ready to book your next meeting?' }).locator('[data-reveal]').evaluate((el) => getComputedStyle(el).opacity);
    expect(ctaOpacity).toBe('1');
    await moving.context.close();

    const still = await contextWith({ reducedMotion: 'reduce' });
    await still.page.goto('/');
    await expectVisible(still.page.getByRole('heading', { level: 1 }));
    await still.page.waitForTimeout(300);
    // Without scrolling at all, every section is already there, and no animation or transition runs.
    expect((await revealOpacities(still.page)).every((opacity) => opacity === 1)).toBe(true);
    expect(await still.page.evaluate(() => document.getAnimations().length)).toBe(0);
    await still.context.close();
  });

  it('sends a signed-in visitor to the dashboard', async () => {
    const { context, page } = await contextWith();
    await signUpInBrowser(page);
    await page.goto('/');
    await page.waitForURL('**/dashboard');
    await context.close();
  });
});

describe('cookies', () => {
  it('sets no cookie before consent; the banner is accessible, remembers the answer in local storage, and links to the policy', async () => {
    const { context, page } = await contextWith();
    await page.goto('/');
    const banner = page.getByRole('region', { name: 'Cookies', exact: true });
    await expectVisible(banner);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await context.cookies()).toEqual([]);
    await app.screenshot(page, 'public-cookie-banner-en');

    // Keyboard: the buttons are real, focusable buttons.
    const refuse = banner.getByRole('button', { name: 'Refuse' });
    await refuse.focus();
    await page.keyboard.press('Enter');
    await banner.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (JSON.parse(localStorage.getItem('sm_cookie_consent') ?? 'null') as { choice?: string } | null)?.choice)).toBe('refused');
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1 }));
    expect(await page.getByRole('region', { name: 'Cookies', exact: true }).count()).toBe(0);
    expect(await context.cookies()).toEqual([]);
    await context.close();

    const other = await contextWith({ locale: 'fr-FR' });
    await other.page.goto('/');
    const frBanner = other.page.getByRole('region', { name: 'Cookies', exact: true });
    await expectVisible(frBanner.getByRole('button', { name: 'Accepter' }));
    await frBanner.getByRole('link', { name: 'En savoir plus' }).click();
    await other.page.waitForURL('**/privacy#cookies');
    await expectVisible(other.page.getByRole('heading', { level: 2, name: 'Cookies et stockage local' }));
    await frBanner.getByRole('button', { name: 'Accepter' }).click();
    await frBanner.waitFor({ state: 'detached' });
    expect(await other.page.evaluate(() => (JSON.parse(localStorage.getItem('sm_cookie_consent') ?? 'null') as { choice?: string } | null)?.choice)).toBe('accepted');
    expect(await other.context.cookies()).toEqual([]);
    await other.context.close();
  });

  it('after sign-in the only cookie is the HttpOnly session cookie, invisible to scripts', async () => {
    const { context, page } = await contextWith();
    await signUpInBrowser(page);
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => cookie.name)).toEqual(['sm_session']);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await context.close();
  });
});

describe('legal pages', () => {
  it('reaches the privacy policy and the terms from the footer, in both languages', async () => {
    const { context, page } = await contextWith();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Legal' }).getByRole('link', { name: 'Privacy' }).click();
    await page.waitForURL('**/privacy');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Privacy policy' }));
    for (const heading of ['Who is responsible', 'What data is processed', 'Cookies and local storage', 'How long data is kept', 'Your rights']) {
      await expectVisible(page.getByRole('heading', { level: 2, name: heading }));
    }
    await expectVisible(page.getByText(/sm_session, which keeps you signed in/));
    await app.screenshot(page, 'public-privacy-en');
    await page.getByRole('navigation', { name: 'Legal' }).getByRole('link', { name: 'Terms' }).click();
    await page.waitForURL('**/terms');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Terms of use' }));
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Acceptable use' }));
    await app.screenshot(page, 'public-terms-en');

    await page.getByLabel('Language').selectOption('fr');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Conditions d’utilisation' }));
    await app.screenshot(page, 'public-terms-fr');
    await page.goto('/privacy');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Politique de confidentialité' }));
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Vos droits' }));
    await app.screenshot(page, 'public-privacy-fr');
    await context.close();
  });
});
