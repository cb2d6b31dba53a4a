import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { seedBenchData } from '../../bench/seed.js';
import { WorkspaceFixtures } from '../../src/server/dashboard/test-fixtures.js';
import { expectVisible, signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

const PASSWORD = 'correct horse battery staple';

let app: BrowserApp;
let page: Page;
let email: string;
let fixtures: WorkspaceFixtures;

beforeAll(async () => {
  app = await startBrowserApp();
  page = await app.newPage();
  ({ email } = await signUpInBrowser(page, { name: 'Camille Martin', workspace: 'Acme Growth', password: PASSWORD }));
  const me = await page.evaluate(async () => (await fetch('/api/me')).json() as Promise<{ workspace: { id: string } }>);
  fixtures = new WorkspaceFixtures(app.database, me.workspace.id);
});
afterAll(() => app?.stop());

/** A real mouse drag (press, move in steps, release) between two elements already on screen. */
async function dragWithMouse(on: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag source or target is not on screen');
  await on.mouse.move(from.x + from.width / 2, from.y + 12);
  await on.mouse.down();
  await on.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await on.mouse.up();
}

async function stageOf(prospectId: string): Promise<string | undefined> {
  const [row] = await app.database.withWorkspace(fixtures.workspaceId, (db) =>
    db.query.prospects.findMany({ where: (p, { eq }) => eq(p.id, prospectId), columns: { stage: true } }),
  );
  return row?.stage;
}

describe('campaigns', () => {
  it('creates a campaign through the modal, then launches, pauses and resumes it', async () => {
    await page.goto('/campaigns');
    await expectVisible(page.getByRole('heading', { name: 'No campaigns yet' }));
    await page.getByRole('button', { name: 'Create campaign' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    await expectVisible(dialog);
    // An empty name is refused on the spot.
    await dialog.getByRole('button', { name: 'Create campaign' }).click();
    await expectVisible(dialog.getByText('Give the campaign a name'));
    await dialog.getByLabel('Name').fill('E2E founders – Q3');
    await dialog.getByLabel('Description').fill('French SaaS founders, 10–50 people');
    await dialog.getByRole('button', { name: 'Create campaign' }).click();

    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await expectVisible(page.getByRole('heading', { name: 'E2E founders – Q3' }));
    await expectVisible(page.getByText('Draft', { exact: true }));
    await expectVisible(page.getByText('Nothing running'));

    // Not launchable yet (no sequence, no prospect, no postal address): the launch dialog lists what is missing.
    await page.getByRole('button', { name: 'Launch' }).click();
    const launchDialog = page.getByRole('dialog', { name: /^Launch/ });
    await expectVisible(launchDialog.getByText('Write at least one email in the sequence'));
    expect(await launchDialog.getByRole('button', { name: 'Launch now' }).isDisabled()).toBe(true);
    await launchDialog.getByRole('button', { name: 'Cancel' }).click();
    await expectVisible(page.getByText('Draft', { exact: true }));
    // What launch preflight asks for (the sequence editor has its own browser test): through the REST API.
    const campaignId = page.url().split('/').at(-1)!;
    const api = async (method: string, path: string, data: unknown) => {
      const response = await page.request.fetch(path, { method, data, headers: { origin: app.url } });
      expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    };
    await api('PATCH', '/api/admin/workspace', { postalAddress: '1 rue de la Paix, 75002 Paris' });
    await api('PUT', `/api/admin/campaigns/${campaignId}/sequence`, { steps: [{ delayDays: 0, subject: 'Hello', body: 'Hi {{firstName|there}}' }] });
    await api('POST', '/api/admin/prospects', { email: 'pat@launch.example', firstName: 'Pat', campaignId });
    await page.getByRole('button', { name: 'Launch' }).click();
    await launchDialog.getByRole('button', { name: 'Launch now' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'is live' }));
    await expectVisible(page.getByText('Active', { exact: true }));
    await page.getByRole('button', { name: 'Pause' }).click();
    await expectVisible(page.getByText('Paused', { exact: true }));
    // Resuming enrols and sends again: it goes through the same dialog and its checks.
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('dialog', { name: /^Resume/ }).getByRole('button', { name: 'Resume now' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'running again' }));
    await expectVisible(page.getByText('Active', { exact: true }));
  });

  it('refuses an illegal transition (archiving an active campaign) with a clear message', async () => {
    // The page shows the active campaign's actions (and nothing is pending) before we try.
    await expectVisible(page.getByRole('button', { name: 'Pause' }));
    await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"], button:disabled'));
    await page.getByRole('button', { name: 'Archive' }).click();
    await expectVisible(page.getByTestId('toast-error').filter({ hasText: 'Pause this campaign before archiving it.' }));
    await page.reload();
    await expectVisible(page.getByText('Active', { exact: true }));
  });

  it('lists the campaign with its status and numbers; deleting a campaign that sent mail archives it', async () => {
    const campaignId = await fixtures.campaign({ name: 'Old newsletter push', status: 'paused' });
    const prospect = await fixtures.prospect({ campaignId, stage: 'contacted' });
    await fixtures.sent(prospect, 3, { campaignId });
    await page.goto('/campaigns');
    const row = page.getByRole('row', { name: /Old newsletter push/ });
    await expectVisible(row.getByText('Paused'));
    await row.getByRole('button', { name: /Delete/ }).click();
    const confirm = page.getByRole('dialog', { name: /Delete “Old newsletter push”/ });
    await confirm.getByRole('button', { name: 'Delete campaign' }).click();
    await expectVisible(page.getByTestId('toast-info').filter({ hasText: 'archived instead of deleted' }));
    await expectVisible(page.getByRole('row', { name: /Old newsletter push/ }).getByText('Archived'));
  });
});

describe('dashboard', () => {
  let dragged: string;
  let liveTarget: string;

  it('shows real numbers, the health score with its formula, and moves a Kanban card by dragging (persisted)', async () => {
    await seedBenchData(app.database, { workspaceId: fixtures.workspaceId, prospects: 600, sentPerDay: 40, campaigns: 5 });
    liveTarget = await fixtures.prospect({ stage: 'replied', name: 'Live Target' });
    dragged = await fixtures.prospect({ stage: 'new', name: 'Drag Me' });
    await page.goto('/dashboard');
    await expectVisible(page.getByText('Live', { exact: true }));
    await expectVisible(page.getByRole('img', { name: /Chart of the last 30 days: [\d,]+ emails sent/ }));
    await page.getByRole('button', { name: 'How is this calculated?' }).click();
    const explanation = page.getByRole('dialog', { name: /Starts at 100/ });
    await expectVisible(explanation.getByText('Bounce rate (7 days)'));
    await page.keyboard.press('Escape');
    await explanation.waitFor({ state: 'hidden' });

    const card = page.locator(`[data-prospect-id="${dragged}"]`);
    // A column on screen next to the source: a drag that scrolls the board mid-way would grab whichever card
    // ends up under the pointer.
    const target = page.locator('section[data-stage="contacted"]');
    await expectVisible(card);
    await dragWithMouse(page, card, target.locator('header'));
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Drag Me moved to “Contacted”' }));
    expect(await stageOf(dragged)).toBe('contacted');
    await page.reload();
    await expectVisible(page.locator(`section[data-stage="contacted"] [data-prospect-id="${dragged}"]`));
    await app.screenshot(page, 'campaigns-dashboard-dashboard');
  });

  it('rolls a refused move back and says why', async () => {
    const ghost = await fixtures.prospect({ stage: 'new', name: 'Ghost Card' });
    await page.reload();
    await expectVisible(page.locator(`section[data-stage="new"] [data-prospect-id="${ghost}"]`));
    // Deleted behind the board's back: the server will answer 404.
    await app.database.withWorkspace(fixtures.workspaceId, (db) => db.execute(sql`delete from prospects where id = ${ghost}`));
    await page.getByLabel('Move Ghost Card to another stage').selectOption('won');
    await expectVisible(page.getByTestId('toast-error').filter({ hasText: 'Ghost Card could not be moved: This prospect no longer exists.' }));
    expect(await page.locator(`section[data-stage="won"] [data-prospect-id="${ghost}"]`).count()).toBe(0);
  });

  it('shows a change made in another session without reloading (live)', async () => {
    const other = await app.newPage();
    await other.goto('/sign-in');
    await other.getByLabel(/^e-?mail$/i).fill(email);
    await other.getByLabel(/^password$/i).fill(PASSWORD);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.waitForURL(/\/(dashboard|onboarding)/);
    await other.goto('/dashboard');
    await expectVisible(other.getByText('Live', { exact: true }));

    await page.bringToFront();
    await expectVisible(page.locator(`section[data-stage="replied"] [data-prospect-id="${liveTarget}"]`));
    // The keyboard-friendly way, in the other session: the card's "Move…" select.
    await other.getByLabel('Move Live Target to another stage').selectOption('won');
    await expectVisible(other.getByTestId('toast-success').filter({ hasText: 'Live Target moved to “Won”' }));

    // The first session was not reloaded: the card arrives by itself, and the move shows in the stream.
    await expectVisible(page.locator(`section[data-stage="won"] [data-prospect-id="${liveTarget}"]`), 15_000);
    await expectVisible(page.getByText('Camille Martin moved Live Target to “Won”'), 15_000);
    expect(await stageOf(liveTarget)).toBe('won');
  });

  it('takes screenshots of the campaigns pages', async () => {
    await page.goto('/campaigns');
    await expectVisible(page.getByRole('link', { name: 'E2E founders – Q3' }));
    await app.screenshot(page, 'campaigns-dashboard-campaigns');
    await page.getByRole('link', { name: 'Q3 SaaS founders' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Q3 SaaS founders' }));
    await expectVisible(page.getByText('Enriching prospects'));
    await app.screenshot(page, 'campaigns-dashboard-campaign-detail');
  });
});
