import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtp-server.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

/** Issue 8, "what a new user hit" 17–23 and the account page, in a real browser, in English and French. */
const PASSWORD = 'correct horse battery staple';
let app: BrowserApp;
let smtp: FakeSmtpServer;
beforeAll(async () => {
  smtp = await startFakeSmtpServer({ auth: { user: 'sales@e2e.example', password: 'right-password' } });
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

/** A REST call with the page's session (and the Origin the CSRF check wants). */
async function api<T>(page: Page, method: string, path: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(path, { method, data, headers: { origin: app.url } });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

async function toFrench(page: Page) {
  await page.getByLabel('Language').first().selectOption('fr');
}

describe('account and forgot password (22, issue 7 §5)', () => {
  it('edits the name, changes the password, then resets a forgotten one through the logged link', async () => {
    const page = await app.newPage();
    const { email } = await signUpInBrowser(page, { name: 'Ada Lovelace', password: PASSWORD });
    await page.goto('/settings/account');
    await page.getByLabel('Your name').fill('Ada King');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expectVisible(page.getByText('Name saved.'));
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('a second passphrase');
    await page.getByLabel('Repeat the new password').fill('a second passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectVisible(page.getByText('Your current password is not correct.').first());
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectVisible(page.getByText('Password changed.'));
    await app.screenshot(page, 'account-en');
    await toFrench(page);
    await expectVisible(page.getByRole('heading', { name: 'Mot de passe' }));
    await app.screenshot(page, 'account-fr');

    // Forgot password, signed out, with no SMTP_URL: the page says the link went to the log.
    const warn = vi.spyOn(app.app.services.logger, 'warn');
    const visitor = await app.newPage();
    await visitor.goto('/sign-in');
    await visitor.getByRole('link', { name: 'Forgot password?' }).click();
    // The sign-in page has an Email field too: fill only once the forgot-password page is there.
    await visitor.waitForURL('**/forgot-password');
    await expectVisible(visitor.getByRole('button', { name: 'Send the reset link' }));
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByRole('button', { name: 'Send the reset link' }).click();
    await expectVisible(visitor.getByText(/the link is written to the server log/));
    await app.screenshot(visitor, 'forgot-password-sent-en');
    const call = warn.mock.calls.find(([, message]) => String(message).includes('password reset link'));
    warn.mockRestore();
    const link = (call?.[0] as { resetLink: string }).resetLink;
    await visitor.goto(new URL(link).pathname + new URL(link).hash);
    await app.screenshot(visitor, 'reset-password-en');
    await visitor.getByLabel('New password', { exact: true }).fill('a third passphrase');
    await visitor.getByLabel('Repeat the new password').fill('a third passphrase');
    await visitor.getByRole('button', { name: 'Set the new password' }).click();
    await visitor.waitForURL('**/sign-in');
    await expectVisible(visitor.getByText('Password changed: sign in with the new one.'));
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByLabel('Password').fill('a third passphrase');
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await visitor.waitForURL(/\/(dashboard|onboarding)/);

    // The link is spent; the French pages say so in French.
    const fr = await app.newPage({ locale: 'fr-FR' });
    await fr.goto(new URL(link).pathname + new URL(link).hash);
    await fr.getByLabel('Nouveau mot de passe', { exact: true }).fill('a fourth passphrase');
    await fr.getByLabel('Répétez le nouveau mot de passe').fill('a fourth passphrase');
    await fr.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expectVisible(fr.getByText(/Ce lien de réinitialisation n’est plus valable/));
    await app.screenshot(fr, 'reset-password-used-fr');
    await fr.goto('/forgot-password');
    await expectVisible(fr.getByRole('heading', { name: 'Réinitialiser le mot de passe' }));
    await app.screenshot(fr, 'forgot-password-fr');
  });
});

describe('mailbox checked on save (17)', () => {
  it('shows a wrong SMTP password as an error on the card, in both languages', async () => {
    const page = await app.newPage();
    await signUpInBrowser(page, { workspace: 'Mail Check Co' });
    await page.goto('/settings/email');
    await page.getByRole('button', { name: 'Add mailbox' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a sending mailbox' });
    await dialog.getByLabel('Sender name').fill('Sam Seller');
    await dialog.getByLabel('Sender address').fill('sales@e2e.example');
    await dialog.getByLabel('SMTP server').fill(smtp.host);
    await dialog.getByLabel('Port').first().fill(String(smtp.port));
    await dialog.getByLabel('Security').first().selectOption('none'); // the local fake offers no STARTTLS
    await dialog.getByLabel('SMTP user name').fill('sales@e2e.example');
    await dialog.getByLabel('SMTP password').fill('wrong-password');
    await dialog.getByLabel('Read replies over IMAP').uncheck();
    await dialog.getByRole('button', { name: 'Add mailbox' }).click();
    await expectVisible(page.getByText(/saved, but the SMTP check failed: Authentication failed \(535\)/));
    const card = page.getByRole('article', { name: /sales@e2e\.example/ });
    await expectVisible(card.getByText('Error', { exact: true }));
    await expectVisible(card.getByText(/Not used for sending until a connection check passes/));
    await app.screenshot(page, 'mailbox-check-failed-en');
    await toFrench(page);
    await expectVisible(card.getByText('En erreur', { exact: true }));
    await app.screenshot(page, 'mailbox-check-failed-fr');
  });
});

describe('campaigns: pause and delete, restore (20)', () => {
  it('offers "Pause and delete" for an active campaign and restores an archived one', async () => {
    const page = await app.newPage();
    await signUpInBrowser(page, { workspace: 'Campaign Co' });
    const active = await api<{ id: string }>(page, 'POST', '/api/admin/campaigns', { name: 'Running now' });
    // What launch preflight asks for: a postal address, one step, one prospect (the sandbox mailbox is attached).
    await api(page, 'PATCH', '/api/admin/workspace', { postalAddress: '1 rue de la Paix, 75002 Paris' });
    await api(page, 'PUT', `/api/admin/campaigns/${active.id}/sequence`, { steps: [{ delayDays: 0, subject: 'Hello', body: 'Hi {{firstName|there}}' }] });
    await api(page, 'POST', '/api/admin/prospects', { email: 'pat@running.example', firstName: 'Pat', campaignId: active.id });
    await api(page, 'PATCH', `/api/admin/campaigns/${active.id}`, { status: 'active' });
    const old = await api<{ id: string }>(page, 'POST', '/api/admin/campaigns', { name: 'Old campaign' });
    await api(page, 'PATCH', `/api/admin/campaigns/${old.id}`, { status: 'archived' });

    await page.goto(`/campaigns/${active.id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete “Running now”/ });
    await expectVisible(dialog.getByText(/It will be paused first/));
    await app.screenshot(page, 'campaign-pause-and-delete-en');
    await dialog.getByRole('button', { name: 'Pause and delete' }).click();
    await expectVisible(page.getByText('“Running now” is deleted', { exact: false }).or(page.getByText(/Running now/).first()));

    await page.goto(`/campaigns/${old.id}`);
    await toFrench(page);
    await page.getByRole('button', { name: 'Restaurer' }).click();
    await expectVisible(page.getByText('« Old campaign » est restaurée'.replace(/« /, '«\u00a0').replace(/ »/, '\u00a0»')));
    await expectVisible(page.getByText('Brouillon', { exact: true }).first());
    await app.screenshot(page, 'campaign-restored-fr');
    const campaigns = await api<{ items: { id: string }[] }>(page, 'GET', '/api/admin/campaigns');
    expect(campaigns.items.map((campaign) => campaign.id)).not.toContain(active.id);
  });
});

describe('prospects bulk moves and the kanban (21)', () => {
  it('adds the selection to a campaign and moves it to a stage; the kanban shows more stages off-screen', async () => {
    const page = await app.newPage();
    await signUpInBrowser(page, { workspace: 'Bulk Co' });
    await api(page, 'POST', '/api/admin/campaigns', { name: 'Autumn push' });
    for (const name of ['ann', 'ben', 'cat']) await api(page, 'POST', '/api/admin/prospects', { email: `${name}@bulk.example`, firstName: name });
    await page.goto('/prospects');
    await page.getByRole('checkbox', { name: /select all|tout sélectionner/i }).first().check();
    const bar = page.getByRole('region', { name: 'Actions on the selected prospects' });
    await expectVisible(bar.getByText('3 selected'));
    await bar.getByLabel('Campaign to add the selection to').selectOption({ label: 'Autumn push' });
    await bar.getByRole('button', { name: 'Add to campaign' }).click();
    await expectVisible(page.getByText('3 prospects added to “Autumn push”'));
    await bar.getByLabel('Stage to move the selection to').selectOption('interested');
    await bar.getByRole('button', { name: 'Change stage' }).click();
    await expectVisible(page.getByText(/3 prospects moved to/));
    await app.screenshot(page, 'prospects-bulk-en');
    await toFrench(page);
    await page.getByRole('checkbox', { name: /tout sélectionner/i }).first().check().catch(() => undefined);
    await app.screenshot(page, 'prospects-bulk-fr');

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/dashboard');
    const next = page.getByRole('button', { name: 'Voir les étapes suivantes' });
    await expectVisible(next);
    const columns = page.locator('section[data-stage]');
    const visible = await columns.evaluateAll((nodes) => nodes.filter((node) => node.getBoundingClientRect().right <= window.innerWidth).length);
    expect(visible).toBeGreaterThanOrEqual(5);
    await app.screenshot(page, 'kanban-1440-fr');
    await next.click();
    await expectVisible(page.getByRole('button', { name: 'Voir les étapes précédentes' }));
  });
});

describe('health score (18) and public pages (23)', () => {
  it('says nothing has been sent yet; the explanation opens on click and stays until dismissed', async () => {
    const page = await app.newPage();
    await signUpInBrowser(page, { workspace: 'Health Co' });
    await page.goto('/dashboard');
    await expectVisible(page.getByText('Nothing sent yet'));
    const how = page.getByRole('button', { name: 'How is this calculated?' });
    await how.click();
    const explanation = page.getByRole('dialog', { name: /Starts at 100/ });
    await expectVisible(explanation);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    expect(await explanation.isVisible()).toBe(true);
    await expectVisible(explanation.getByText('Sending-domain DNS problems'));
    await app.screenshot(page, 'health-explained-en');
    await page.keyboard.press('Escape');
    await explanation.waitFor({ state: 'hidden' });
    await how.focus();
    await page.keyboard.press('Enter');
    await expectVisible(explanation);
    await explanation.getByRole('button', { name: 'Close the explanation' }).click();
    await explanation.waitFor({ state: 'hidden' });
    await toFrench(page);
    await expectVisible(page.getByText('Rien envoyé pour l’instant'));
    await page.getByRole('button', { name: /Comment est-il calculé/ }).click();
    await app.screenshot(page, 'health-explained-fr');
    await page.mouse.click(5, 5);
    await page.getByRole('dialog', { name: /Part de 100/ }).waitFor({ state: 'hidden' });
  });

  it('renders the privacy lists as lists, and "Cookie settings" reopens the banner, in both languages', async () => {
    for (const locale of ['en-GB', 'fr-FR'] as const) {
      const page = await app.newPage({ locale });
      await page.goto('/privacy');
      const banner = page.getByRole('region', { name: 'Cookies', exact: true });
      await banner.getByRole('button').first().click();
      await banner.waitFor({ state: 'hidden' });
      // "Where data is stored": a lead-in line, then a list of the connected services.
      expect(await page.locator('#storage li').count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator('#storage p').first().innerText()).not.toMatch(/ - /);
      await page.getByRole('button', { name: locale === 'fr-FR' ? 'Paramètres des cookies' : 'Cookie settings' }).click();
      await expectVisible(banner);
      await page.locator('#storage').scrollIntoViewIfNeeded();
      await app.screenshot(page, `privacy-${locale}`);
    }
  });
});
