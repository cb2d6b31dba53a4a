import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailboxes, messages, workspaces } from '../../src/server/db/schema/index.js';
import { createDnsResolver } from '../../src/server/integrations/dns.js';
import type { OwnedServices } from '../../src/server/services.js';
import { claimForSend } from '../../src/server/sending/send-claim.js';
import { appUrlOf, runSendTick } from '../../src/server/sending/send-tick.service.js';
import { startFakeDnsServer, type FakeDnsServer } from '../fakes/dns-server.js';
import { createTestServices } from '../helpers/test-services.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

/** The capacity view, the suppression list and the outbox in a real browser, EN then FR. */
let app: BrowserApp;
let dns: FakeDnsServer;
let services: OwnedServices;
beforeAll(async () => {
  dns = await startFakeDnsServer();
  dns.fallback = { MX: [{ exchange: 'mx.mail.test', priority: 10 }] };
  // No job runner: this test drives the send ticks itself, at chosen instants.
  app = await startBrowserApp({ DNS_SERVERS: dns.address, JOBS_ENABLED: 'false' });
  services = await createTestServices(app.database, { DATA_DIR: app.config.dataDir, DNS_SERVERS: dns.address });
});
afterAll(async () => {
  await services?.close();
  await app?.stop();
  await dns?.stop();
});

async function api<T>(page: Page, method: 'POST' | 'PUT' | 'PATCH', path: string, data: unknown): Promise<T> {
  const res = await page.request.fetch(path, { method, data, headers: { Origin: app.url } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as T;
}

it('explains today’s capacity in words, manages suppressions, shows the sandbox outbox and resolves an unknown message', async () => {
  const page = await app.newPage();
  await signUpInBrowser(page, { name: 'Cleo Capacity', workspace: 'Capacity Co' });
  await api(page, 'PATCH', '/api/admin/workspace', { postalAddress: '12 rue des Lilas\n69001 Lyon', companyName: 'Capacity Co' });
  const [workspace] = await app.database.asSystem((db) => db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.name, 'Capacity Co')));
  const workspaceId = workspace!.id;
  const inWorkspace = <T,>(fn: Parameters<typeof app.database.withWorkspace<T>>[1]) => app.database.withWorkspace(workspaceId, fn);
  // The sandbox on day 1 of its warm-up (5 today), open all day every day.
  const [sandbox] = await inWorkspace((db) =>
    db
      .update(mailboxes)
      .set({ dailyLimit: 40, minGapSeconds: 0, windowStart: '00:00', windowEnd: '23:59', windowDays: [1, 2, 3, 4, 5, 6, 7], windowTimezone: 'UTC', warmupEnabled: true, warmupStartPerDay: 5, warmupIncrementPerDay: 5, warmupStartedAt: null })
      .where(eq(mailboxes.kind, 'sandbox'))
      .returning({ id: mailboxes.id }),
  );

  const campaign = await api<{ id: string }>(page, 'POST', '/api/admin/campaigns', { name: 'Spring outreach', mailboxIds: [sandbox!.id], sendWindowStart: '00:00', sendWindowEnd: '23:59', sendDays: [1, 2, 3, 4, 5, 6, 7] });
  await api(page, 'PUT', `/api/admin/campaigns/${campaign.id}/sequence`, { steps: [{ delayDays: 0, subject: 'An idea for {{company|your team}}', body: 'Hi {{firstName|there}},\nA short idea.' }] });
  for (const [index, name] of ['Ana', 'Ben', 'Chloé', 'Dan', 'Eva', 'Finn', 'Gus', 'Hana'].entries()) {
    await api(page, 'POST', '/api/admin/prospects', { email: `${name.toLowerCase().replace('é', 'e')}@acme${index}.example`, firstName: name, company: 'Acme', campaignId: campaign.id });
  }
  await api(page, 'POST', `/api/admin/campaigns/${campaign.id}/launch`, {});

  const deps = { inWorkspace: <T,>(fn: Parameters<typeof app.database.withWorkspace<T>>[1]) => inWorkspace(fn), config: services.config, secretBox: services.secretBox, logger: services.logger, dns: createDnsResolver({ servers: [dns.address], timeoutMs: 500, tries: 1 }) };
  const now = Date.now();
  expect((await runSendTick(deps, { now: new Date(now) })).sent).toBe(1);
  expect((await runSendTick(deps, { now: new Date(now + 1000) })).sent).toBe(1);
  // A process claims the next message and dies mid-send: past its lease the message is `unknown`.
  const [next] = await inWorkspace((db) => db.select({ id: messages.id }).from(messages).where(eq(messages.state, 'scheduled')).orderBy(messages.scheduledAt, messages.id).limit(1));
  const claim = await inWorkspace((db) => claimForSend(db, next!.id, sandbox!.id, { now: new Date(now + 2000), leaseMs: 1, appUrl: appUrlOf(services.config) }));
  expect(claim.kind).toBe('claimed');
  // That tick also sends the next one: 3 sent + 1 unknown of today's 5.
  expect(await runSendTick(deps, { now: new Date(now + 3000) })).toMatchObject({ flaggedUnknown: 1, sent: 1 });

  // The campaign page: 4 of today's 5 are used (the unknown one counts), the warm-up step binds.
  await page.goto(`/campaigns/${campaign.id}`);
  await expectVisible(page.getByRole('heading', { name: 'Capacity today' }));
  await expectVisible(page.getByText('1 more message can leave today.'));
  const row = page.getByTestId('mailbox-capacity');
  await expectVisible(row.getByText(/Because: warm-up day 1: 5 allowed today \(4 sent\), rising towards the daily limit of 40/));
  await expectVisible(row.getByText('4 / 5 today'));
  await expectVisible(page.getByText(/Everyone has had step 1 by/));
  await page.getByRole('heading', { name: 'Capacity today' }).scrollIntoViewIfNeeded();
  await app.screenshot(page, 'capacity-campaign-en');

  // Settings → Email: the same mailbox today, then the suppression list.
  await page.goto('/settings/email');
  await expectVisible(page.getByRole('heading', { name: 'Today per mailbox' }));
  await expectVisible(page.getByTestId('mailbox-capacity').getByText(/warm-up day 1/));
  await expectVisible(page.getByText('Nobody is suppressed yet'));
  await page.getByRole('button', { name: 'Add', exact: true }).first().click();
  const addDialog = page.getByRole('dialog', { name: 'Add to the suppression list' });
  await addDialog.getByLabel('Addresses or domains').fill('ana@acme0.example\nrival.example\nnot an address');
  await addDialog.getByLabel('Reason').selectOption('complaint');
  await addDialog.getByRole('button', { name: 'Add' }).click();
  await expectVisible(page.getByText('Added 2; 0 already listed; 1 not an address or domain.'));
  await expectVisible(page.getByRole('cell', { name: 'rival.example', exact: true }));

  await page.getByLabel('Import CSV', { exact: true }).setInputFiles({ name: 'blocked.csv', mimeType: 'text/csv', buffer: Buffer.from('email,reason\nzoe@imported.example,bounce\nana@acme0.example,manual\n') });
  await expectVisible(page.getByText('Added 1; 1 already listed; 0 not an address or domain.'));
  await expectVisible(page.getByRole('cell', { name: 'zoe@imported.example', exact: true }));

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8');
  expect(csv).toContain('kind,value,reason,source,added_at');
  expect(csv).toContain('domain,rival.example,complaint');
  expect(csv).toContain('email,zoe@imported.example,bounce');

  await page.getByRole('button', { name: 'Remove rival.example' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove rival.example from the suppression list?' });
  await expectVisible(confirm.getByText(/It may be mailed again/));
  await page.waitForTimeout(400);
  await app.screenshot(page, 'suppressions-remove-en');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expectVisible(page.getByText('Removed from the suppression list.'));
  await page.getByRole('cell', { name: 'rival.example', exact: true }).waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: 'Suppression list' }).scrollIntoViewIfNeeded();
  await app.screenshot(page, 'settings-email-suppressions-en');

  // The outbox: the sandbox's messages, opened with their headers.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Outbox' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Outbox', level: 1 }));
  await expectVisible(page.getByRole('cell', { name: 'An idea for Acme' }).first());
  await page.getByRole('button', { name: 'Open: An idea for Acme' }).first().click();
  const mail = page.getByRole('dialog', { name: 'An idea for Acme' });
  await expectVisible(mail.getByText('List-Unsubscribe-Post:'));
  await expectVisible(mail.getByText('List-Unsubscribe=One-Click'));
  await expectVisible(mail.getByText(/A short idea\./));
  await page.waitForTimeout(400); // the dialog's fade-in
  await app.screenshot(page, 'outbox-message-en');
  await mail.getByRole('button', { name: /close/i }).first().click();

  // The unknown message: marked sent after a confirmation.
  await page.getByRole('link', { name: 'Unknown outcome' }).click();
  await expectVisible(page.getByText(/they may or may not have left/));
  await app.screenshot(page, 'outbox-unknown-en');
  await page.getByRole('button', { name: 'Mark as sent' }).click();
  const decide = page.getByRole('dialog', { name: 'Mark this message as sent?' });
  await decide.getByRole('button', { name: 'Mark as sent' }).click();
  await expectVisible(page.getByText('Decision recorded.'));
  await expectVisible(page.getByText('No message waits for a decision'));
  const states = await inWorkspace((db) => db.select({ state: messages.state }).from(messages).where(eq(messages.id, next!.id)));
  expect(states[0]?.state).toBe('sent');

  // French.
  // The choice is saved on the server; navigating before it lands would reload the page in English.
  const saved = page.waitForResponse((response) => response.url().includes('auth.setLanguage'));
  await page.getByLabel('Language').first().selectOption('fr');
  await saved;
  await page.goto(`/campaigns/${campaign.id}`);
  await expectVisible(page.getByRole('heading', { name: 'Capacité aujourd’hui' }));
  await expectVisible(page.getByTestId('mailbox-capacity').getByText(/Pourquoi : jour 1 de montée en charge : 5 autorisés aujourd’hui \(4 envoyés\)/));
  await page.getByRole('heading', { name: 'Capacité aujourd’hui' }).scrollIntoViewIfNeeded();
  await app.screenshot(page, 'capacity-campaign-fr');
  await page.goto('/settings/email');
  await expectVisible(page.getByRole('heading', { name: 'Liste d’exclusion' }));
  await page.getByRole('heading', { name: 'Liste d’exclusion' }).scrollIntoViewIfNeeded();
  await app.screenshot(page, 'settings-email-suppressions-fr');
  await page.goto('/outbox');
  await expectVisible(page.getByRole('heading', { name: 'Boîte d’envoi', level: 1 }));
  await page.getByRole('button', { name: /^Ouvrir/ }).first().click();
  await expectVisible(page.getByRole('dialog').getByText('En-têtes'));
  await page.waitForTimeout(400);
  await app.screenshot(page, 'outbox-message-fr');
});
