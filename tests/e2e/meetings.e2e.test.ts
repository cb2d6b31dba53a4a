import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signCalcom } from '../../src/server/integrations/webhook-signatures.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  app = await startBrowserApp();
  page = await app.newPage({ locale: 'en-GB' });
  await signUpInBrowser(page, { name: 'Mia Meetings', workspace: 'Meetings Co' });
});
afterAll(async () => {
  await app?.stop();
});

/** The Cal.com URL and secret as an admin reads them on Settings → API keys. */
async function calcomEndpoint(target: Page, names: { reveal: RegExp; copy: string; secret: string }) {
  await target.goto('/settings/api-keys');
  const card = target.getByRole('region', { name: 'Webhooks' });
  await expectVisible(card);
  const calcom = card.getByRole('article', { name: 'Cal.com' });
  const url = (await calcom.locator('code').first().textContent())!.trim();
  await calcom.getByRole('button', { name: names.reveal }).click();
  // Revealed: the copy button appears beside the secret in clear.
  await expectVisible(calcom.getByRole('button', { name: names.copy }));
  const secret = (await calcom.getByLabel(names.secret, { exact: true }).textContent())!.trim();
  return { card, url, secret };
}

it('a signed Cal.com booking shows up live on the dashboard and on the prospect; Settings shows the webhook URL and secret', async () => {
  const { card, url, secret } = await calcomEndpoint(page, { reveal: /Reveal the Cal.com webhook secret/, copy: 'Copy the Cal.com webhook secret', secret: 'Cal.com webhook secret' });
  expect(url).toMatch(new RegExp(`^${app.url}/api/webhooks/calcom/[a-z2-9]{32}$`));
  expect(secret.length).toBeGreaterThan(30);
  await expectVisible(card.getByText('No delivery yet').first());
  await card.screenshot({ path: `${await app.screenshot(page, 'meetings-settings-page-en')}`.replace('meetings-settings-page-en', 'meetings-webhooks-card-en') });

  const created = await page.request.post('/api/admin/prospects', { data: { email: 'bob@prospect.example', firstName: 'Bob', lastName: 'Martin', company: 'Martin & Co' }, headers: { origin: app.url } });
  expect(created.status()).toBe(201);

  await page.goto('/dashboard');
  await page.waitForTimeout(1000);
  const body = JSON.stringify({
    triggerEvent: 'BOOKING_CREATED',
    createdAt: new Date().toISOString(),
    payload: {
      title: 'Discovery call with Bob',
      startTime: '2031-03-04T14:00:00Z',
      endTime: '2031-03-04T14:30:00Z',
      organizer: { email: 'mia@meetings.example' },
      attendees: [{ email: 'bob@prospect.example', name: 'Bob Martin' }],
      uid: 'bk_e2e_1',
      location: 'https://meet.example/bob',
    },
  });
  const refused = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-cal-signature-256': 'no-secret-provided' } });
  expect(refused.status).toBe(401);
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-cal-signature-256': signCalcom(secret, body) } });
  expect(res.status).toBe(200);

  // No reload: the live stream brings it in.
  await expectVisible(page.getByText('Meeting booked with Bob Martin'));
  await app.screenshot(page, 'meetings-dashboard-en');

  await page.goto('/prospects');
  await page.getByRole('button', { name: 'Bob Martin' }).click();
  const drawer = page.getByRole('dialog', { name: 'Bob Martin' });
  const history = drawer.getByRole('list', { name: 'Conversation and history' });
  await expectVisible(history.getByText('Meeting booked', { exact: true }));
  await expectVisible(history.getByRole('link', { name: 'Join link' }));
  expect(await drawer.getByLabel('Stage').inputValue()).toBe('meeting_booked');
  await app.screenshot(page, 'meetings-prospect-en');

  await page.goto('/settings/api-keys');
  await expectVisible(page.getByRole('region', { name: 'Webhooks' }).getByText(/Last delivery/).first());
});

it('shows the webhooks card in French', async () => {
  const fr = await app.newPage({ locale: 'fr-FR' });
  await signUpInBrowser(fr, { name: 'Léa Rendez-vous', workspace: 'Société RDV' });
  await fr.goto('/settings/api-keys');
  const card = fr.getByRole('region', { name: 'Webhooks' });
  await expectVisible(card.getByText('Aucun envoi pour l’instant').first());
  await card.getByRole('button', { name: 'Afficher le secret du webhook Calendly' }).click();
  await expectVisible(card.getByRole('button', { name: 'Copier le secret du webhook Calendly' }));
  await card.screenshot({ path: (await app.screenshot(fr, 'meetings-settings-page-fr')).replace('meetings-settings-page-fr', 'meetings-webhooks-card-fr') });
});

it('links a campaign to an Instantly campaign from its page', async () => {
  const created = await page.request.post('/api/admin/campaigns', { data: { name: 'Through Instantly' }, headers: { origin: app.url } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/campaigns/${id}`);
  await page.getByLabel('Instantly campaign id').fill('0193f1d2-aaaa-4bbb-8ccc-0123456789ab');
  await page.getByRole('button', { name: 'Save' }).last().click();
  await expectVisible(page.getByText('This campaign now sends through Instantly.'));
  await expectVisible(page.getByRole('button', { name: 'Push now' }));
  await page.getByRole('heading', { name: 'Send through Instantly' }).scrollIntoViewIfNeeded();
  await app.screenshot(page, 'meetings-campaign-instantly-en');
});
