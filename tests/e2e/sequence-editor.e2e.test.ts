import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mailboxes } from '../../src/server/db/schema/index.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtp-server.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
let page: Page;
let smtp: FakeSmtpServer;
let email: string;
let campaignId: string;
let smtpMailboxId: string;

async function api<T>(method: string, path: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(path, { method, data, headers: { origin: app.url } });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The saved sequence as the server holds it. */
const stored = () => api<{ steps: { subject: string; body: string; delayDays: number; variants: { subject: string }[] }[] }>('GET', `/api/admin/campaigns/${campaignId}/sequence`);

async function waitSaved() {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', undefined, { timeout: 10_000 });
}

beforeAll(async () => {
  app = await startBrowserApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  smtp = await startFakeSmtpServer();
  page = await app.newPage();
  ({ email } = await signUpInBrowser(page, { name: 'Eve Tester', workspace: 'Editor Co' }));
  const me = await api<{ workspace: { id: string } }>('GET', '/api/me');
  // A mailbox on the local SMTP fake (a plain relay, as the sending tests use): not attached yet.
  const [row] = await app.database.withWorkspace(me.workspace.id, (db) =>
    db
      .insert(mailboxes)
      .values({ workspaceId: me.workspace.id, kind: 'smtp', fromName: 'Eve Tester', fromEmail: 'eve@editor.example', smtpHost: smtp.host, smtpPort: smtp.port, smtpSecure: false, smtpPlaintext: true })
      .returning({ id: mailboxes.id }),
  );
  smtpMailboxId = row!.id;
  const campaign = await api<{ id: string }>('POST', '/api/admin/campaigns', { name: 'Founders Q3', mailboxIds: [] });
  campaignId = campaign.id;
  await api('POST', '/api/admin/prospects', { email: 'camille@acme.example', firstName: 'Camille', company: 'Acme', campaignId });
  await api('POST', '/api/admin/prospects', { email: 'info@globex.example', company: 'Globex', campaignId });
});
afterAll(async () => {
  await smtp?.stop();
  await app?.stop();
});

describe('the sequence editor', () => {
  it('builds two emails with an A/B version, lints them, previews them for two prospects and autosaves', async () => {
    await page.goto(`/campaigns/${campaignId}`);
    await page.getByRole('link', { name: 'Sequence' }).click();
    await page.waitForURL(/\/sequence$/);
    await expectVisible(page.getByRole('heading', { name: 'No email yet' }));
    await page.getByRole('button', { name: 'Write the first email' }).click();

    const first = page.getByRole('group', { name: 'Email 1' });
    await first.getByLabel('Subject', { exact: true }).fill('FREE TRIAL FOR YOU NOW');
    await first.getByLabel('Body', { exact: true }).fill('Hi ');
    // The variable picker inserts at the caret.
    await first.getByRole('button', { name: 'Insert variable · Body' }).click();
    await first.getByRole('menuitem', { name: /\{\{firstName\}\}/ }).click();
    await expect.poll(() => first.getByLabel('Body', { exact: true }).inputValue()).toBe('Hi {{firstName}}');
    await first.getByLabel('Body', { exact: true }).fill('Hi {{firstName|there}},\n\nI saw {{compnay}} is hiring. Click here for a guaranteed discount!!!');
    const lint = first.getByRole('region', { name: 'Checks' });
    await expectVisible(lint.getByText('The subject is in capitals'));
    await expectVisible(lint.getByText(/Words spam filters dislike: .*“free trial”/));
    await expectVisible(lint.getByText(/Unknown variable \{\{compnay\}\}/));
    await expectVisible(lint.getByText('Too much punctuation: !!!.'));
    await app.screenshot(page, 'sequence-editor-lint-en');

    await first.getByLabel('Subject', { exact: true }).fill('Quick idea for {{company}}');
    await first.getByLabel('Body', { exact: true }).fill('Hi {{firstName|there}},\n\n{Saw|Noticed} that {{company}} is hiring.');
    await expectVisible(lint.getByText('No problem found.'));
    await waitSaved();

    // Version B of email 1, then a follow-up in the same thread.
    await first.getByRole('button', { name: 'Add version' }).click();
    await expectVisible(first.getByRole('tab', { name: 'Version B', selected: true }));
    await first.getByLabel('Subject', { exact: true }).fill('About {{company}}');
    await page.getByRole('button', { name: 'Add a follow-up' }).click();
    const second = page.getByRole('group', { name: 'Email 2' });
    await second.getByLabel('Delay in days for email 2').fill('2');
    await second.getByLabel('Body', { exact: true }).fill('Following up, {{firstName|there}}.');
    await expectVisible(page.getByTestId('save-state').filter({ hasText: /Unsaved changes|Saving…/ }));
    await waitSaved();
    const saved = await stored();
    expect(saved.steps.map((step) => [step.subject, step.delayDays, step.variants.map((variant) => variant.subject)])).toEqual([
      ['Quick idea for {{company}}', 0, ['About {{company}}']],
      ['', 2, []],
    ]);

    // Preview: email 1 version A for the newest prospect (no first name → the fallback), then the next one.
    await first.getByRole('tab', { name: 'Version A' }).click();
    const preview = page.getByTestId('sequence-preview');
    await expectVisible(preview.getByTestId('preview-subject').filter({ hasText: 'Quick idea for Globex' }));
    await expectVisible(preview.getByText(/Hi there,/));
    await expectVisible(page.getByText('Fallback used for {{firstName}}.'));
    await page.getByRole('button', { name: 'Next prospect' }).click();
    await expectVisible(preview.getByTestId('preview-subject').filter({ hasText: 'Quick idea for Acme' }));
    await expectVisible(preview.getByText(/Hi Camille,/));
    await app.screenshot(page, 'sequence-editor-preview-en');
    await second.getByRole('button', { name: 'Preview this email' }).click();
    await expectVisible(preview.getByTestId('preview-subject').filter({ hasText: 'Re: Quick idea for Acme' }));
  });

  it('sends a test: refused without a mailbox, then delivered to my own address once one is attached', async () => {
    await page.getByRole('group', { name: 'Email 1' }).getByRole('button', { name: 'Preview this email' }).click();
    await page.getByRole('button', { name: 'Send me a test' }).click();
    await expectVisible(page.getByTestId('toast-error').filter({ hasText: 'This campaign has no mailbox to send the test from' }));

    await api('PATCH', `/api/admin/campaigns/${campaignId}`, { mailboxIds: [smtpMailboxId] });
    await page.getByRole('button', { name: 'Send me a test' }).click();
    await expectVisible(page.getByTestId('toast-error').filter({ hasText: 'Enter the workspace’s postal address first' }));
    await api('PATCH', '/api/admin/workspace', { postalAddress: '12 rue des Lilas\n69001 Lyon' });
    const next = smtp.nextMessage();
    await page.getByRole('button', { name: 'Send me a test' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: `Test sent to ${email}` }));
    const mail = await next;
    expect(mail.envelopeTo).toEqual([email]);
    expect(mail.subject).toBe('[Test] Quick idea for Acme');
    // The test is no campaign message.
    const messages = await api<{ items: unknown[] }>('GET', `/api/admin/messages?campaignId=${campaignId}`);
    expect(messages.items).toEqual([]);
    await api('PATCH', `/api/admin/campaigns/${campaignId}`, { mailboxIds: [] });
  });

  it('opens the launch dialog with unmet items, fixes them, and launches', async () => {
    await page.goto(`/campaigns/${campaignId}`);
    await page.getByRole('button', { name: 'Launch' }).click();
    const dialog = page.getByRole('dialog', { name: 'Launch “Founders Q3”' });
    await expectVisible(dialog.getByTestId('preflight-mailbox').getByText('Attach at least one mailbox that is not in error'));
    await expectVisible(dialog.getByTestId('preflight-postal_address').getByText('Ready'));
    await expectVisible(dialog.getByText('2 prospects will enter the sequence.'));
    await expectVisible(dialog.getByTestId('launch-first-send'));
    expect(await dialog.getByRole('button', { name: 'Launch now' }).isDisabled()).toBe(true);
    await app.screenshot(page, 'launch-dialog-unmet-en');

    // Fix the mailbox in the campaign settings.
    await dialog.getByRole('button', { name: 'Choose mailboxes' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit campaign' });
    await edit.getByLabel('eve@editor.example').check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Launch' }).click();
    await expectVisible(dialog.getByTestId('preflight-mailbox').getByText('Ready'));
    await app.screenshot(page, 'launch-dialog-ready-en');
    await dialog.getByRole('button', { name: 'Launch now' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: '“Founders Q3” is live: 2 prospects entered the sequence.' }));
    await expectVisible(page.getByText('Active', { exact: true }));
  });

  it('reads in French', async () => {
    await page.goto(`/campaigns/${campaignId}/sequence`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expectVisible(page.getByRole('heading', { name: 'Séquence d’e-mails' }));
    const first = page.getByRole('group', { name: 'E-mail 1' });
    await first.getByLabel('Objet', { exact: true }).fill('OFFRE EXCLUSIVE gratuite');
    await expectVisible(first.getByText(/Mots mal vus des filtres anti-spam/));
    await expectVisible(page.getByTestId('sequence-preview').getByTestId('preview-subject').filter({ hasText: 'OFFRE EXCLUSIVE gratuite' }));
    await waitSaved();
    await app.screenshot(page, 'sequence-editor-fr');
    await first.getByLabel('Objet', { exact: true }).fill('Quick idea for {{company}}');
    await waitSaved();

    const other = await api<{ id: string }>('POST', '/api/admin/campaigns', { name: 'Brouillon', mailboxIds: [] });
    await page.goto(`/campaigns/${other.id}`);
    await page.getByRole('button', { name: 'Lancer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Lancer « Brouillon »' });
    await expectVisible(dialog.getByText('Écrivez au moins un e-mail dans la séquence'));
    await expectVisible(dialog.getByRole('link', { name: 'Rédiger la séquence' }));
    await app.screenshot(page, 'launch-dialog-fr');
    await dialog.getByRole('link', { name: 'Rédiger la séquence' }).click();
    await page.waitForURL(/\/sequence$/);
    await expectVisible(page.getByRole('heading', { name: 'Aucun e-mail pour l’instant' }));
  });
});
