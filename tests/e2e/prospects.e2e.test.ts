import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aiDecisions, messages, prospects } from '../../src/server/db/schema/index.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(() => app?.stop());

// Semicolons, a BOM and CRLF, as Excel writes them in France; two bad rows and a duplicate.
const CSV = [
  '\uFEFFEmail;Prénom;Nom;Entreprise;Poste;Tags;Notes',
  'alice@acme.example;Alice;Martin;Acme;CEO;warm;Met at VivaTech',
  'bruno@acme.example;Bruno;Durand;Acme;CTO;;',
  'not-an-email;Bad;Row;Acme;Sales;;',
  'chloe@globex.example;Chloé;Petit;Globex;=HYPERLINK("x");;',
  ';No;Contact;Globex;Sales;;',
  'alice@acme.example;Alice;Again;Acme;CEO;;',
  'david@initech.example;David;Leroy;Initech;Head of Sales;;',
].join('\r\n');

it('imports a CSV with bad rows, filters, bulk-tags, exports and opens a prospect', async () => {
  const page = await app.newPage();
  await signUpInBrowser(page, { name: 'Prospect Tester', workspace: 'Prospect Co' });

  await page.goto('/prospects');
  await expectVisible(page.getByRole('heading', { name: /No prospects yet/ }));
  await app.screenshot(page, 'prospects-empty');

  // Import: choose the file, check the suggested mapping, correct one column, import.
  await page.getByRole('link', { name: 'Import CSV' }).first().click();
  await page.waitForURL('**/prospects/import');
  await page.locator('input[type=file]').setInputFiles({ name: 'salon.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expectVisible(page.getByRole('table', { name: 'Column mapping' }));
  expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('email');
  expect(await page.getByLabel('Prénom').inputValue()).toBe('firstName');
  expect(await page.getByLabel('Entreprise').inputValue()).toBe('company');
  await page.getByLabel('Notes').selectOption('ignore');
  await app.screenshot(page, 'prospects-import-mapping');
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  const errors = page.getByRole('table', { name: 'Refused and skipped rows' });
  await expectVisible(errors);
  const imported = page.locator('dt', { hasText: 'Imported' }).locator('xpath=following-sibling::dd');
  expect(await imported.textContent()).toBe('4');
  expect(await page.locator('dt', { hasText: 'Duplicates skipped' }).locator('xpath=following-sibling::dd').textContent()).toBe('1');
  const errorRows = await errors.locator('tbody tr').allInnerTexts();
  expect(errorRows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(['4 Email is not a valid address', '6 No email and no LinkedIn URL']);
  await app.screenshot(page, 'prospects-import-result');

  // The list, then a filter by free text.
  await page.getByRole('link', { name: 'View prospects' }).click();
  await page.waitForURL('**/prospects');
  const table = page.getByRole('table', { name: 'Prospects' });
  await expectVisible(table.getByRole('button', { name: 'Alice Martin' }));
  expect(await table.locator('tbody tr').count()).toBe(4);
  await page.getByLabel('Search').fill('acme');
  await page.waitForURL(/q=acme/);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Prospects"] tbody tr').length === 2);
  await app.screenshot(page, 'prospects-filtered');

  // Bulk: select the page, tag it, then the tag filter shows exactly those.
  await page.getByLabel('Select all prospects on this page').check();
  await expectVisible(page.getByText('2 selected'));
  await page.getByLabel('Tag to add or remove').fill('vip');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expectVisible(page.getByText('Tag “vip” added to 2 prospects'));
  await app.screenshot(page, 'prospects-bulk-tagged');

  // Export the selection: the download is the CSV of these two prospects.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Actions on the selected prospects' }).getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  const csv = await readFile((await download.path()), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^id,email,first_name,last_name,/);
  expect(lines).toHaveLength(3);
  expect(csv).toContain('alice@acme.example');
  expect(csv).toContain('bruno@acme.example');
  expect(csv).not.toContain('globex');

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByLabel('Tag', { exact: true }).selectOption('vip');
  await page.waitForURL(/tag=vip/);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Prospects"] tbody tr').length === 2);

  // A short conversation with Alice, as the sending engine and the AI agent would record it.
  const [alice] = await app.database.asSystem((db) => db.select().from(prospects).where(eq(prospects.email, 'alice@acme.example')));
  await app.database.withWorkspace(alice!.workspaceId, async (db) => {
    const base = { workspaceId: alice!.workspaceId, prospectId: alice!.id };
    const hourAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
    await db.insert(messages).values({ ...base, direction: 'outbound', state: 'sent', subject: 'Quick idea for Acme', bodyText: 'Hi Alice,\nWould a 15-minute call next week make sense?', sentAt: hourAgo(3) });
    const [reply] = await db
      .insert(messages)
      .values({ ...base, direction: 'inbound', state: 'received', subject: 'Re: Quick idea for Acme', bodyText: 'Sure, Tuesday works. What do you need from me?', receivedAt: hourAgo(2) })
      .returning();
    await db.insert(aiDecisions).values({ ...base, messageId: reply!.id, intent: 'meeting_request', confidence: 0.93, reason: 'Proposes a day for the call', action: 'auto_reply', provider: 'offline', createdAt: hourAgo(2) });
  });

  // The detail: every field and the history.
  await page.getByRole('button', { name: 'Alice Martin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Alice Martin' });
  await expectVisible(dialog);
  await expectVisible(dialog.getByText('alice@acme.example'));
  await expectVisible(dialog.getByRole('heading', { name: 'Conversation and history' }));
  await expectVisible(dialog.getByText('Prospect added'));
  await expectVisible(dialog.getByText('Sure, Tuesday works. What do you need from me?'));
  await expectVisible(dialog.getByText('AI decision'));
  await dialog.getByLabel('Stage').selectOption('interested');
  await expectVisible(dialog.getByText('Stage changed from “New” to “Interested”'));
  await page.waitForTimeout(400);
  await app.screenshot(page, 'prospects-detail');
  await dialog.getByText('Stage changed from “New” to “Interested”').scrollIntoViewIfNeeded();
  await app.screenshot(page, 'prospects-detail-conversation');
});

it('adds a prospect by hand in French, refusing a form without email nor LinkedIn URL', async () => {
  const page = await app.newPage({ locale: 'fr-FR' });
  await signUpInBrowser(page, { name: 'Testeuse', workspace: 'Société Test' });
  await page.goto('/prospects');
  await expectVisible(page.getByRole('heading', { name: /Aucun prospect pour l’instant/ }));
  await page.getByRole('button', { name: 'Ajouter un prospect' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter un prospect' });
  await dialog.getByLabel('Prénom').fill('Hélène');
  await dialog.getByRole('button', { name: 'Ajouter le prospect' }).click();
  await expectVisible(dialog.getByRole('alert').getByText('Un e-mail ou une URL LinkedIn est obligatoire.'));
  await dialog.getByLabel('E-mail').fill('helene@exemple.fr');
  await dialog.getByRole('button', { name: 'Ajouter le prospect' }).click();
  const detail = page.getByRole('dialog', { name: 'Hélène' });
  await expectVisible(detail.getByText('Prospect ajouté'));
  await page.waitForTimeout(400); // the dialog's slide-in
  await app.screenshot(page, 'prospects-fr-detail');
});
