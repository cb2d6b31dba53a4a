import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeDnsServer, type FakeDnsServer } from '../fakes/dns-server.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtp-server.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

/** Settings → Email in a real browser: add mailboxes, send test emails, check a domain's DNS. */
let app: BrowserApp;
let smtp: FakeSmtpServer;
let dns: FakeDnsServer;
beforeAll(async () => {
  smtp = await startFakeSmtpServer({ auth: { user: 'sales@e2e.example', password: 'right-password' } });
  dns = await startFakeDnsServer();
  app = await startBrowserApp({ DNS_SERVERS: dns.address });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  await dns?.stop();
});

async function addMailbox(page: Page, fields: { email: string; password: string; screenshot?: string }) {
  await page.getByRole('button', { name: 'Add mailbox' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a sending mailbox' });
  await expectVisible(dialog);
  await dialog.getByLabel('Sender name').fill('Sam Seller');
  await dialog.getByLabel('Sender address').fill(fields.email);
  await dialog.getByLabel('SMTP server').fill(smtp.host);
  await dialog.getByLabel('Port').first().fill(String(smtp.port));
  // The local fake offers no STARTTLS: plain text must be chosen explicitly, and the form warns.
  await dialog.getByLabel('Security').first().selectOption('none');
  await expectVisible(dialog.getByText(/Unencrypted: the password and every message cross the network readable/));
  await dialog.getByLabel('SMTP user name').fill('sales@e2e.example');
  await dialog.getByLabel('SMTP password').fill(fields.password);
  if (fields.screenshot) await app.screenshot(page, fields.screenshot);
  await dialog.getByLabel('Read replies over IMAP').uncheck();
  await dialog.getByRole('button', { name: 'Add mailbox' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectVisible(page.getByRole('article', { name: new RegExp(fields.email) }));
}

async function sendTest(page: Page, email: string, to: string) {
  await page.getByRole('article', { name: new RegExp(email) }).getByRole('button', { name: 'Send test email' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a test email' });
  await dialog.getByLabel('Send to').fill(to);
  await dialog.getByRole('button', { name: 'Send test' }).click();
  return dialog;
}

it('adds mailboxes, sends test emails (success and wrong password) and checks the DNS of their domain', async () => {
  const page = await app.newPage();
  await signUpInBrowser(page, { name: 'Sam Seller', workspace: 'Mail Co' });
  await page.goto('/settings/email');

  const sandbox = page.getByRole('article', { name: /sandbox@/ });
  await expectVisible(sandbox.getByText('Sandbox — nothing leaves the app'));

  // A mailbox with the right password: the test email really arrives.
  await addMailbox(page, { email: 'sales@e2e.example', password: 'right-password', screenshot: 'settings-email-add-dialog-en' });
  const card = page.getByRole('article', { name: /sales@e2e\.example/ });
  await expectVisible(card.getByText('Warm-up: 5/day +2/day up to 20'));
  const arrived = smtp.nextMessage();
  const testDialog = await sendTest(page, 'sales@e2e.example', 'prospect@receiver.example');
  await expectVisible(testDialog.getByText('Test email sent to prospect@receiver.example', { exact: false }));
  const message = await arrived;
  expect(message).toMatchObject({ from: 'sales@e2e.example', fromName: 'Sam Seller', subject: 'Sales Machine test email' });
  await app.screenshot(page, 'settings-email-test-sent');
  await testDialog.getByRole('button', { name: 'Close' }).first().click();
  await expectVisible(card.getByText(/^OK ·/));

  // A second one with a wrong password: the failure is shown, and kept on the card.
  await addMailbox(page, { email: 'ops@e2e.example', password: 'wrong-password' });
  const failing = await sendTest(page, 'ops@e2e.example', 'prospect@receiver.example');
  await expectVisible(failing.getByText(/The test failed: Authentication failed \(535\)/));
  await failing.getByRole('button', { name: 'Close' }).first().click();
  await expectVisible(page.getByRole('article', { name: /ops@e2e\.example/ }).getByText(/Authentication failed \(535\)/));

  // The domain against the local DNS server: SPF authorises the SMTP host, DMARC is missing.
  dns.set('e2e.example', { MX: [{ exchange: 'mx.e2e.example', priority: 10 }], TXT: [`v=spf1 ip4:${smtp.host} -all`] });
  const domain = page.getByRole('region', { name: 'e2e.example' });
  await domain.getByRole('button', { name: 'Check DNS of e2e.example' }).click();
  await expectVisible(domain.getByText('v=DMARC1; p=none; rua=mailto:dmarc@e2e.example'));
  await expectVisible(domain.getByRole('button', { name: 'Copy the DMARC record value' }));
  await expectVisible(domain.getByText('10 mx.e2e.example'));
  await domain.getByRole('button', { name: 'Generate DKIM key' }).click();
  await expectVisible(domain.getByText(/^v=DKIM1; k=rsa; p=MII/));
  await app.screenshot(page, 'settings-email-en');

  // The same page in French.
  await page.getByLabel('Language').selectOption('fr');
  await expectVisible(page.getByText('Bac à sable — rien ne sort de l’application'));
  await expectVisible(page.getByRole('heading', { name: 'Domaines' }));
  await app.screenshot(page, 'settings-email-fr');

  // The "Add mailbox" dialog, in French, with its sections.
  await page.getByRole('button', { name: 'Ajouter une boîte' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter une boîte d’envoi' });
  await dialog.getByLabel('Fournisseur').selectOption('microsoft365');
  await expectVisible(dialog.getByLabel('Serveur SMTP'));
  expect(await dialog.getByLabel('Serveur SMTP').inputValue()).toBe('smtp.office365.com');
  await dialog.getByRole('button', { name: 'Ajouter la boîte' }).click();
  await expectVisible(dialog.getByText('Vérifiez les champs signalés.'));
  await app.screenshot(page, 'settings-email-add-dialog-fr');
});
