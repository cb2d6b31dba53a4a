import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Db } from '../../src/server/db/database.js';
import { enrollments, messages } from '../../src/server/db/schema/index.js';
import { FAKE_OPENAI_KEY, messageText, startFakeOpenAi, type ChatRequest, type FakeOpenAi } from '../fakes/openai.js';
import { expectVisible, type BrowserApp } from './browser.js';
import { pageApi, startSandboxCampaign, type SandboxCampaign } from './sandbox-campaign.js';

/**
 * "Not now" reminders in a browser, with the sandbox mailbox and a local fake of the model (a
 * reminder needs a confident reading; the offline agent alone sends such replies to review): a
 * prospect answers "not now, get back to me in September" (simulated from the sandbox), the agent
 * stops their sequence and the prospect's page shows the reminder on 1 September; the user moves
 * it to another day and cancels a second prospect's reminder; a day in the past is refused with
 * a message saying which days are allowed, and the reminder keeps its day.
 */
let app: BrowserApp;
let world: SandboxCampaign;
let page: Page;
let workspaceId: string;
const people: Record<string, string> = {};
let model: FakeOpenAi;

/** The fake model: a reply asking to be contacted later is a confident `not_now`; the day is the agent's to find. */
function responder(request: ChatRequest): Record<string, unknown> {
  const reply = request.messages.slice(1).map(messageText).join('\n');
  if (/get back to me|reach out again/i.test(reply)) return { intent: 'not_now', confidence: 0.93, reason: 'Asks to be contacted later', draftSubject: null, draftBody: 'Understood, I will get back to you then.' };
  return { intent: 'other', confidence: 0.5, reason: 'Unclear', draftSubject: null, draftBody: 'Thanks for your reply.' };
}

type Reminder = { id: string; date: string | null; status: string; cancelReason: string | null };

const inWs = <T,>(fn: (db: Db) => Promise<T>) => app.database.withWorkspace(workspaceId, fn);

const api = <T,>(on: Page, method: string, path: string, data?: unknown) => pageApi<T>(app, on, method, path, data);

const remindersOf = async (prospectId: string) => (await api<{ items: Reminder[] }>(page, 'GET', `/api/admin/prospects/${prospectId}/reminders`)).items;

/** The first day of `month` (0-based) strictly after today, in UTC: what "in September" means. */
function nextMonthStart(month: number): string {
  const now = new Date();
  const thisYear = new Date(Date.UTC(now.getUTCFullYear(), month, 1));
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return (thisYear > today ? thisYear : new Date(Date.UTC(now.getUTCFullYear() + 1, month, 1))).toISOString().slice(0, 10);
}
/** The day as the page writes it in English ("1 September 2027"). */
const longDay = (day: string, locale = 'en-GB') => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** Opens a prospect's page (the drawer of the Prospects list) and returns it. */
async function openProspect(name: string) {
  await page.goto('/prospects');
  await page.getByRole('button', { name }).click();
  const drawer = page.getByRole('dialog', { name });
  await expectVisible(drawer);
  return drawer;
}

beforeAll(async () => {
  // Two steps: step 1 goes out at once, step 2 would follow (the reminder stops it).
  world = await startSandboxCampaign([
    { delayDays: 0, subject: 'Idea for {{company}}', body: 'Hi {{firstName}}, a quick idea for {{company}}.' },
    { delayDays: 3, subject: '', body: 'Following up, {{firstName}}.' },
  ]);
  ({ app, page, workspaceId } = world);
  Object.assign(people, world.people);
  model = await startFakeOpenAi({ responder });
  await api(page, 'PUT', '/api/admin/settings/credentials/openai', { apiKey: FAKE_OPENAI_KEY, baseUrl: model.baseUrl, model: 'gpt-4o-mini' });
});
afterAll(async () => {
  await model?.close();
  await world?.stop();
});

describe('“not now” reminders', () => {
  it('a reply asking to be contacted in September stops the sequence and shows a reminder on 1 September', async () => {
    const september = nextMonthStart(8);
    await page.goto(`/inbox/${people['ana@northwind.example']}`);
    await page.getByRole('button', { name: 'Simulate a reply' }).click();
    const dialog = page.getByRole('dialog', { name: 'Simulate a reply' });
    await dialog.getByLabel('Or write their reply').fill('Not now, get back to me in September.');
    await dialog.getByRole('button', { name: 'Simulate' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Reply received' }));

    expect(await remindersOf(people['ana@northwind.example']!)).toMatchObject([{ date: september, status: 'scheduled' }]);
    // Step 2 will not go out: the reply stopped her sequence.
    const [enrollment] = await inWs((db) => db.select().from(enrollments).where(eq(enrollments.prospectId, people['ana@northwind.example']!)));
    expect(enrollment).toMatchObject({ state: 'stopped', stoppedReason: 'replied' });

    const drawer = await openProspect('Ana Lopez');
    const reminders = drawer.getByRole('region', { name: 'Reminder' });
    await expectVisible(reminders.getByText(`Reminder on ${longDay(september)}`));
    await expectVisible(reminders.getByRole('button', { name: 'Change the day' }));
    await expectVisible(reminders.getByRole('button', { name: 'Cancel the reminder' }));
    await page.waitForTimeout(400); // the drawer's slide-in
    await app.screenshot(page, 'reminders-scheduled-en');
  });

  it('moves a reminder to another day, and cancels another prospect’s', async () => {
    const october = nextMonthStart(9);
    const [benSent] = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, people['ben@contoso.example']!), eq(messages.direction, 'outbound'), eq(messages.state, 'sent'))));
    await api(page, 'POST', `/api/admin/messages/${benSent!.id}/simulate-reply`, { text: 'Busy this quarter, please reach out again in October.' });
    expect(await remindersOf(people['ben@contoso.example']!)).toMatchObject([{ date: october, status: 'scheduled' }]);

    // Ana: a week later than she asked.
    const moved = nextMonthStart(8).replace(/-01$/, '-08');
    let drawer = await openProspect('Ana Lopez');
    let reminders = drawer.getByRole('region', { name: 'Reminder' });
    await reminders.getByRole('button', { name: 'Change the day' }).click();
    await reminders.getByLabel('New reminder day').fill(moved);
    await app.screenshot(page, 'reminders-change-day-en');
    await reminders.getByRole('button', { name: 'Save the day' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: `Reminder moved to ${longDay(moved)}` }));
    await expectVisible(reminders.getByText(`Reminder on ${longDay(moved)}`));
    expect(await remindersOf(people['ana@northwind.example']!)).toMatchObject([{ date: moved, status: 'scheduled' }]);

    // Ben: no follow-up at all.
    drawer = await openProspect('Ben Lopez');
    reminders = drawer.getByRole('region', { name: 'Reminder' });
    await expectVisible(reminders.getByText(`Reminder on ${longDay(october)}`));
    await reminders.getByRole('button', { name: 'Cancel the reminder' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Reminder cancelled: no follow-up will be drafted' }));
    await expectVisible(reminders.getByText(`Reminder of ${longDay(october)} cancelled · by a person`));
    expect(await reminders.getByRole('button', { name: 'Cancel the reminder' }).count()).toBe(0);
    expect(await remindersOf(people['ben@contoso.example']!)).toMatchObject([{ date: october, status: 'cancelled', cancelReason: 'user' }]);
    await app.screenshot(page, 'reminders-cancelled-en');
  });

  it('refuses a day in the past with a clear message, and the reminder keeps its day', async () => {
    const before = await remindersOf(people['ana@northwind.example']!);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const drawer = await openProspect('Ana Lopez');
    const reminders = drawer.getByRole('region', { name: 'Reminder' });
    await reminders.getByRole('button', { name: 'Change the day' }).click();
    await reminders.getByLabel('New reminder day').fill(yesterday);
    await reminders.getByRole('button', { name: 'Save the day' }).click();
    // Said beside the field, which is marked invalid; nothing moved.
    await expectVisible(reminders.getByRole('alert').filter({ hasText: 'Choose today or a later day.' }));
    expect(await reminders.getByLabel('New reminder day').getAttribute('aria-invalid')).toBe('true');
    await app.screenshot(page, 'reminders-past-day-en');
    expect(await remindersOf(people['ana@northwind.example']!)).toEqual(before);
    await expectVisible(reminders.getByText(`Reminder on ${longDay(before[0]!.date!)}`));
  });

  it('in French: the reminder’s day and the refusal of a past day', async () => {
    const [reminder] = await remindersOf(people['ana@northwind.example']!);
    await page.goto('/dashboard');
    const saved = page.waitForResponse((response) => response.url().includes('auth.setLanguage'));
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
    await saved;
    await page.goto('/prospects');
    await page.getByRole('button', { name: 'Ana Lopez' }).click();
    const reminders = page.getByRole('dialog', { name: 'Ana Lopez' }).getByRole('region', { name: 'Rappel' });
    await expectVisible(reminders.getByText(`Rappel le ${longDay(reminder!.date!, 'fr-FR')}`));
    await reminders.getByRole('button', { name: 'Changer le jour' }).click();
    await reminders.getByLabel('Nouveau jour de rappel').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await reminders.getByRole('button', { name: 'Enregistrer le jour' }).click();
    await expectVisible(reminders.getByRole('alert').filter({ hasText: 'Choisissez aujourd’hui ou un jour suivant.' }));
    await app.screenshot(page, 'reminders-past-day-fr');
  });
});
