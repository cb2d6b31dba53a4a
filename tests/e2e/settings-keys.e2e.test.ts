import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FAKE_KEYS, startFakeHttpApi, type FakeHttpApi } from '../fakes/fake-http-api.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let fake: FakeHttpApi;
let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  fake = await startFakeHttpApi();
  app = await startBrowserApp(fake.env());
  page = await app.newPage({ locale: 'en-GB' });
  await signUpInBrowser(page, { name: 'Kim Keys', workspace: 'Keys Co' });
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

it('saves an OpenAI-compatible key and base URL, tests the connection, shows only the last 4', async () => {
  await page.goto('/settings/api-keys');
  const llm = page.getByRole('region', { name: /LLM \(OpenAI-compatible\)/ });
  await expectVisible(llm.getByText('Without it, the offline provider (rules and templates) is used.'));
  await llm.getByLabel('API key').fill(FAKE_KEYS.openai);
  await llm.getByLabel('Base URL').fill(fake.baseUrl('openai'));
  await llm.getByLabel('Model').fill('gpt-4o-mini');
  await llm.getByRole('button', { name: 'Save' }).click();
  await expectVisible(llm.getByText('Stored: •••• 0001'));
  expect(await page.content()).not.toContain(FAKE_KEYS.openai);

  await llm.getByRole('button', { name: 'Test connection' }).click();
  await expectVisible(llm.getByText('Connection OK'));
  await expectVisible(llm.getByText('Connected'));
  expect(fake.requests.some((r) => r.path === '/openai/v1/models' && r.headers.authorization === `Bearer ${FAKE_KEYS.openai}`)).toBe(true);

  // A refused key: the error is recorded and shown on the card.
  const phantom = page.getByRole('region', { name: 'PhantomBuster' });
  await phantom.getByLabel('API key').fill('pb-revoked-key-4242');
  await phantom.getByRole('button', { name: 'Save' }).click();
  await expectVisible(phantom.getByText('Stored: •••• 4242'));
  await phantom.getByRole('button', { name: 'Test connection' }).click();
  await expectVisible(phantom.getByText('The API key was refused.'));
  // The notification webhook: its URL is sealed like a key; only the host shows.
  const hook = page.getByRole('region', { name: 'Notification webhook' });
  await hook.getByLabel('Webhook URL').fill(`${fake.url}/webhook/secret-path-0042`);
  await hook.getByRole('button', { name: 'Save' }).click();
  await expectVisible(hook.getByText(`Stored: ${new URL(fake.url).host}/••••0042`));
  await hook.getByRole('button', { name: 'Test connection' }).click();
  await expectVisible(hook.getByText('Connection OK'));
  expect(JSON.parse(fake.requests.at(-1)!.body)).toMatchObject({ type: 'test', workspace: 'Keys Co' });
  await app.screenshot(page, 'settings-keys-api-keys-en');

  // Changing only the model keeps the stored key.
  await llm.getByLabel('Model').fill('gpt-4o');
  await llm.getByRole('button', { name: 'Save' }).click();
  await expectVisible(llm.getByText('Not tested'));
  await expectVisible(llm.getByText('Stored: •••• 0001'));
});

it('creates an API token, shows it once, and lists it', async () => {
  await page.goto('/settings/api-tokens');
  await expectVisible(page.getByText('No API tokens yet'));
  await page.getByRole('button', { name: 'Create token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an API token' });
  await dialog.getByLabel('Name').fill('n8n production');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByRole('dialog', { name: 'Copy your new token' });
  const field = shown.getByLabel('Your new API token');
  await expectVisible(field);
  const token = await field.inputValue();
  expect(token).toMatch(/^sm_[a-z2-9]{24}\.[A-Za-z0-9_-]{43}$/);
  await expectVisible(shown.getByText('This is the only time the token is shown.', { exact: false }));
  await app.screenshot(page, 'settings-keys-token-once-en');
  await shown.getByRole('button', { name: 'Done, I have copied it' }).click();

  await expectVisible(page.getByRole('cell', { name: 'n8n production', exact: true }));
  await expectVisible(page.getByRole('cell', { name: 'Kim Keys', exact: true }));
  expect(await page.content()).not.toContain(token);

  // The token works on the REST API.
  const me = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  await page.reload();
  // "Last used" is now filled in (a relative time instead of "Never").
  const row = page.getByRole('row', { name: /n8n production/ });
  await expectVisible(row);
  expect(await row.textContent()).not.toContain('Never');
  await app.screenshot(page, 'settings-keys-tokens-en');
});

it('reads in French after switching language', async () => {
  // The choice is saved on the account: wait for that before loading another page.
  const saved = page.waitForResponse((response) => response.url().includes('auth.setLanguage'));
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await saved;
  await page.goto('/settings/api-keys');
  const llm = page.getByRole('region', { name: /LLM \(compatible OpenAI\)/ });
  await expectVisible(llm.getByText('Valeur enregistrée : •••• 0001'));
  await expectVisible(page.getByRole('region', { name: 'PhantomBuster' }).getByText('La clé d’API a été refusée.'));
  await app.screenshot(page, 'settings-keys-api-keys-fr');
  await page.goto('/settings/api-tokens');
  await expectVisible(page.getByRole('heading', { name: 'Jetons d’API' }));
  await page.getByRole('button', { name: 'Révoquer n8n production' }).click();
  await expectVisible(page.getByRole('dialog', { name: /Révoquer «\s?n8n production\s?»\s?\?/ }));
  await page.waitForTimeout(400); // let the dialog's entrance animation finish
  await app.screenshot(page, 'settings-keys-tokens-revoke-fr');
  await page.getByRole('dialog').getByRole('button', { name: 'Révoquer' }).click();
  await expectVisible(page.getByText('Aucun jeton d’API'));
});

it('shows members a notice instead of the keys', async () => {
  const owner = app.client();
  await owner.signUp({ workspaceName: 'Member Co' });
  const invitation = await owner.trpc().invitations.create.mutate({ role: 'member' });
  const email = `member-${Date.now()}@example.com`;
  await app.client().trpc().invitations.accept.mutate({
    token: invitation.url.split('/invite/')[1]!,
    account: { email, name: 'Mo Member', password: 'correct horse battery staple' },
  });
  const memberPage = await app.newPage({ locale: 'en-GB' });
  await memberPage.goto('/sign-in');
  await memberPage.getByLabel(/^e-?mail$/i).fill(email);
  await memberPage.getByLabel(/^password$/i).fill('correct horse battery staple');
  await memberPage.getByRole('button', { name: 'Sign in' }).click();
  await memberPage.waitForURL(/\/(dashboard|onboarding)/);
  await memberPage.goto('/settings/api-keys');
  await expectVisible(memberPage.getByText('Only admins can manage API keys'));
  await app.screenshot(memberPage, 'settings-keys-member-en');
});
