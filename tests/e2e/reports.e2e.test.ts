import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXPECTED, seedReportCampaign } from '../../src/server/reports/report-fixtures.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

let app: BrowserApp;
let page: Page;
let campaignId: string;

beforeAll(async () => {
  app = await startBrowserApp();
  page = await app.newPage();
  await signUpInBrowser(page, { name: 'Camille Martin', workspace: 'Acme Growth' });
  const me = await page.evaluate(async () => (await fetch('/api/me')).json() as Promise<{ workspace: { id: string } }>);
  ({ campaignId } = await seedReportCampaign(app.database, me.workspace.id));
});
afterAll(() => app?.stop());

const funnelValue = (on: Page, stage: string) => on.getByTestId(`funnel-${stage}`).locator('[data-value]').textContent();

describe('reports', () => {
  it('shows the workspace, then the campaign: funnel, leading variant, mailboxes — the numbers seeded', async () => {
    await page.goto('/dashboard');
    await page.getByRole('link', { name: 'Reports' }).first().click();
    await page.waitForURL(/\/reports/);
    await expectVisible(page.getByRole('heading', { name: 'Reports', level: 1 }));
    await expectVisible(page.getByRole('table', { name: 'By campaign' }));
    expect(await funnelValue(page, 'contacted')).toBe(String(EXPECTED.funnel.contacted));

    await app.screenshot(page, 'reports-workspace-en');
    await page.getByRole('combobox', { name: 'Campaign' }).selectOption({ label: 'Report campaign' });
    await page.waitForURL(new RegExp(`campaign=${campaignId}`));
    const steps = page.getByRole('table', { name: 'Per step and A/B variant' });
    await expectVisible(steps);
    for (const [stage, value] of Object.entries(EXPECTED.funnel)) expect(await funnelValue(page, stage), stage).toBe(String(value));
    await expectVisible(page.getByTestId('step-1-B').getByText('Leading'));
    expect(await page.getByTestId('step-1-A').getByText('Leading').count()).toBe(0);
    await expectVisible(page.getByRole('table', { name: 'By mailbox' }).getByText('alice@reports.example'));
    await expectVisible(page.getByText('Open and click tracking are off for this campaign'));
    await expectVisible(page.getByText('14 accepted of 15 attempted'));
    await app.screenshot(page, 'reports-campaign-en');
  });

  it('downloads the per-step table as CSV', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export “Per step and A/B variant” as CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^step,variant,subject,leading,attempted,sent,bounced,replied/);
    expect(lines).toHaveLength(1 + EXPECTED.steps.length);
    expect(lines[2]).toMatch(/^1,B,An idea for {{company}},yes,5,4,1,2,/);
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'CSV downloaded.' }));
  });

  it('narrows the period: nothing sent today is an empty report, said so', async () => {
    const today = new URL(page.url()).searchParams.get('to') ?? new Date().toISOString().slice(0, 10);
    await page.goto(`/reports?campaign=${campaignId}&from=${today}&to=${today}`);
    await expectVisible(page.getByText('Nothing sent in this period'));
    expect(await funnelValue(page, 'contacted')).toBe('0');
  });

  it('reads in French', async () => {
    const context = await app.newContext({ locale: 'fr-FR' });
    await context.addCookies(await page.context().cookies());
    const fr = await context.newPage();
    await fr.goto(`/reports?campaign=${campaignId}`);
    // The account speaks English: switch the interface to French, as a user would.
    await fr.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expectVisible(fr.getByRole('heading', { name: 'Rapports', level: 1 }));
    await expectVisible(fr.getByRole('table', { name: 'Par étape et variante A/B' }));
    await expectVisible(fr.getByTestId('step-1-B').getByText('En tête'));
    expect(await funnelValue(fr, 'contacted')).toBe(String(EXPECTED.funnel.contacted));
    expect(await fr.locator('main').textContent()).not.toMatch(/Funnel|Per step|Leading|By mailbox/);
    await app.screenshot(fr, 'reports-campaign-fr');
  });
});
