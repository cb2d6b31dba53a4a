import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectVisible, startBrowserApp, type BrowserApp } from './browser.js';

/**
 * Server errors reach the user as sentences in the UI's language, naming the field by the label
 * the form shows (issue 8 #19): sign-in, a field the server refuses, the webhook URL, import rows.
 */

const PASSWORD = 'correct horse battery staple';
const EMAIL = 'lea-errors@example.com';

const WORDS = {
  fr: {
    locale: 'fr-FR',
    email: 'E-mail',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    wrongPassword: 'E-mail ou mot de passe incorrect.',
    addProspect: 'Ajouter un prospect',
    submitProspect: 'Ajouter le prospect',
    linkedinUrl: 'URL LinkedIn',
    companyDomain: 'Domaine de l’entreprise',
    linkedinRefused: 'URL LinkedIn : doit être une adresse linkedin.com',
    domainRefused: 'Domaine de l’entreprise : doit être un nom de domaine comme acme.com',
    webhookRegion: 'Webhook de notification',
    webhookUrl: 'URL du webhook',
    save: 'Enregistrer',
    webhookInvalid: 'URL du webhook : URL non valide',
    importStart: 'Importer',
    refusedRows: 'Lignes refusées et ignorées',
    rowErrors: ['3 E-mail : adresse e-mail non valide', '4 Fuseau horaire : fuseau horaire inconnu (par ex. Europe/Paris)', '5 Ni e-mail ni URL LinkedIn', '6 Ligne vide : ignorée'],
  },
  en: {
    locale: 'en-GB',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    wrongPassword: 'Wrong email or password.',
    addProspect: 'Add prospect',
    submitProspect: 'Add prospect',
    linkedinUrl: 'LinkedIn URL',
    companyDomain: 'Company domain',
    linkedinRefused: 'LinkedIn URL must be a linkedin.com address',
    domainRefused: 'Company domain must be a domain name such as acme.com',
    webhookRegion: 'Notification webhook',
    webhookUrl: 'Webhook URL',
    save: 'Save',
    webhookInvalid: 'Webhook URL must be a valid URL',
    importStart: 'Import',
    refusedRows: 'Refused and skipped rows',
    rowErrors: ['3 Email is not a valid address', '4 Time zone must be a known time zone such as Europe/Paris', '5 No email and no LinkedIn URL', '6 Empty row: skipped'],
  },
} as const;

const CSV = 'email,first name,timezone\nok@acme.com,Ok,Europe/Paris\nnot-an-email,Bad,\nana@acme.com,Ana,Mars/Olympus\n,Nobody,\n,,\n';

let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp();
  await app.client().signUp({ email: EMAIL, password: PASSWORD, name: 'Léa Martin', workspaceName: 'Léa SAS' });
});
afterAll(async () => {
  await app?.stop();
});

async function signIn(page: Page, words: (typeof WORDS)[keyof typeof WORDS], password: string) {
  await page.goto('/sign-in');
  await page.getByLabel(words.email, { exact: true }).fill(EMAIL);
  await page.getByLabel(words.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: words.signIn }).click();
}

for (const language of ['fr', 'en'] as const) {
  const words = WORDS[language];

  describe(`in ${language === 'fr' ? 'French' : 'English'}`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await app.newPage({ locale: words.locale });
    });

    it('says a wrong password is wrong, in the UI’s language', async () => {
      await signIn(page, words, 'not the right password');
      const alert = page.getByRole('alert').filter({ hasText: words.wrongPassword });
      await expectVisible(alert);
      expect(await page.content()).not.toContain('Invalid email or password');
      await app.screenshot(page, `errors-sign-in-${language}`);
      await signIn(page, words, PASSWORD);
      await page.waitForURL(/\/(onboarding|dashboard)/);
    });

    it('names the fields the server refused by their labels (a prospect’s LinkedIn URL and domain)', async () => {
      await page.goto('/prospects');
      await page.getByRole('button', { name: words.addProspect }).first().click();
      const dialog = page.getByRole('dialog');
      await expectVisible(dialog);
      // The form leaves these two to the server, which shares its rules with the CSV import.
      await dialog.getByLabel(words.email, { exact: true }).fill('ana@acme.com');
      await dialog.getByLabel(words.linkedinUrl, { exact: true }).fill('https://example.com/in/ana');
      await dialog.getByLabel(words.companyDomain, { exact: true }).fill('not a domain');
      await dialog.getByRole('button', { name: words.submitProspect }).click();
      await expectVisible(dialog.getByText(words.linkedinRefused, { exact: true }));
      await expectVisible(dialog.getByText(words.domainRefused, { exact: true }));
      // The server's English words never reach the French UI.
      if (language === 'fr') expect(await dialog.textContent()).not.toMatch(/must be|is not a valid/);
      await page.waitForTimeout(300); // the dialog's entrance animation
      await app.screenshot(page, `errors-prospect-fields-${language}`);
      await page.keyboard.press('Escape');
    });

    it('words a webhook URL the server refused, without "extra.url"', async () => {
      await page.goto('/settings/api-keys');
      const hook = page.getByRole('region', { name: words.webhookRegion });
      await hook.getByLabel(words.webhookUrl).fill('hooks example com');
      await hook.getByRole('button', { name: words.save }).click();
      await expectVisible(hook.getByText(words.webhookInvalid, { exact: true }));
      expect(await page.content()).not.toContain('extra.url');
      await app.screenshot(page, `errors-webhook-url-${language}`);
    });

    it('explains each refused import row in the UI’s language', async () => {
      await page.goto('/prospects/import');
      await page.locator('input[type=file]').setInputFiles({ name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await page.getByRole('button', { name: words.importStart, exact: true }).click();
      const refused = page.getByRole('table', { name: words.refusedRows });
      await expectVisible(refused);
      const rows = await refused.locator('tbody tr').allInnerTexts();
      expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(words.rowErrors);
      await app.screenshot(page, `errors-import-rows-${language}`);
    });
  });
}
