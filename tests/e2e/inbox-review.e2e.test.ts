import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Db } from '../../src/server/db/database.js';
import { messages } from '../../src/server/db/schema/index.js';
import { FAKE_OPENAI_KEY, messageText, startFakeOpenAi, type ChatRequest, type FakeOpenAi } from '../fakes/openai.js';
import { expectVisible, type BrowserApp } from './browser.js';
import { pageApi, startSandboxCampaign, type SandboxCampaign } from './sandbox-campaign.js';

/**
 * The reply loop in a browser, with the sandbox mailbox and the offline agent (no model): a
 * campaign sends, a simulated hesitant reply waits in the review queue (badge in the navigation),
 * the keyboard approves it and it is sent once; another tab then sees "already handled"; the inbox
 * answers by hand in the thread; the playground says what the agent would do, sending nothing.
 */
let app: BrowserApp;
let world: SandboxCampaign;
let page: Page;
let workspaceId: string;
const people: Record<string, string> = {};
let model: FakeOpenAi | undefined;

/** The fake model: a request for a call is a confident meeting request, answered with the booking link. */
function responder(request: ChatRequest): Record<string, unknown> {
  const system = messageText(request.messages[0]!);
  const link = /exactly as written: (\S+)/.exec(system)?.[1] ?? '';
  const user = request.messages.map(messageText).join('\n');
  if (/book a call/i.test(user)) return { intent: 'meeting_request', confidence: 0.95, reason: 'Asks for a call', draftSubject: null, draftBody: `Hi Ana,\n\nGladly: pick a time here: ${link}\n\nCamille` };
  return { intent: 'question', confidence: 0.5, reason: 'Unsure', draftSubject: null, draftBody: 'Hi,\n\nHappy to tell you more.\n\nCamille' };
}

const inWs = <T,>(fn: (db: Db) => Promise<T>) => app.database.withWorkspace(workspaceId, fn);

const api = <T,>(on: Page, method: string, path: string, data?: unknown) => pageApi<T>(app, on, method, path, data);

/** The answers sent in the thread of a prospect (not sequence steps). */
async function answersTo(email: string) {
  return inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, people[email]!), eq(messages.direction, 'outbound'), isNotNull(messages.replyToMessageId))));
}

beforeAll(async () => {
  // Sent at once by one send tick: one step.
  world = await startSandboxCampaign([{ delayDays: 0, subject: 'Idea for {{company}}', body: 'Hi {{firstName}}, a quick idea for {{company}}.' }]);
  ({ app, page, workspaceId } = world);
  Object.assign(people, world.people);
});
afterAll(async () => {
  await model?.close();
  await world?.stop();
});

describe('review queue and inbox', () => {
  it('a hesitant reply simulated from the sandbox waits in the review queue, with a count in the navigation', async () => {
    await page.goto(`/inbox/${people['ana@northwind.example']}`);
    await page.getByRole('button', { name: 'Simulate a reply' }).click();
    const dialog = page.getByRole('dialog', { name: 'Simulate a reply' });
    await dialog.getByLabel('Or write their reply').fill('Maybe. What would it cost for a team of 12? Not sure we need it right now.');
    await dialog.getByRole('button', { name: 'Simulate' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Reply received' }));
    // The second prospect answers through the API (the same endpoint).
    const [benSent] = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, people['ben@contoso.example']!), eq(messages.direction, 'outbound'))));
    await api(page, 'POST', `/api/admin/messages/${benSent!.id}/simulate-reply`, { text: 'Hmm, could you tell me more about how this works? Not sure yet.' });

    const reviewLink = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Review queue/ });
    await expectVisible(reviewLink.getByTestId('nav-badge').filter({ hasText: '2' }), 15_000);
    await reviewLink.click();
    await expectVisible(page.getByRole('heading', { name: 'Review queue' }));
    await expectVisible(page.getByText('Keys: j / k move · a approve · e edit · r reject'));
    await expectVisible(page.getByRole('heading', { name: /Ana Lopez/ }));
    await expectVisible(page.getByRole('heading', { name: /Ben Lopez/ }));
    await app.screenshot(page, 'inbox-review-queue-en');
  });

  it('approves with the keyboard: j moves, a sends the draft once; another tab then hears "already handled"', async () => {
    const other = await app.newContext();
    await other.addCookies(await page.context().cookies());
    // No live stream in this tab: it keeps showing what it loaded, as a tab left open would.
    await other.route(/dashboard\.live/, (route) => route.abort());
    const second = await other.newPage();
    await second.goto('/review');
    await expectVisible(second.getByRole('heading', { name: /Ana Lopez/ }));

    // Newest first: Ben, then Ana. j selects Ana, a approves her draft.
    await page.keyboard.press('j');
    await expectVisible(page.getByRole('status').filter({ hasText: /2 of 2: Ana Lopez/ }));
    await page.keyboard.press('a');
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Approved' }));
    await expect.poll(async () => (await answersTo('ana@northwind.example')).map((row) => row.state), { timeout: 10_000 }).toEqual(['sent']);
    await page.waitForFunction(() => !document.body.textContent?.includes('Ana Lopez'));

    // The second tab still shows Ana: approving there sends nothing more.
    await second.getByRole('listitem').filter({ hasText: 'Ana Lopez' }).getByRole('button', { name: /Approve and send/ }).click();
    await expectVisible(second.getByTestId('toast-error').filter({ hasText: 'already handled' }));
    expect(await answersTo('ana@northwind.example')).toHaveLength(1);
    await second.close();

    // The answer is in the thread, as sent.
    await page.goto(`/inbox/${people['ana@northwind.example']}`);
    await expectVisible(page.getByRole('list', { name: 'Conversation', exact: true }).getByRole('article').nth(2));
  });

  it('the inbox lists one row per conversation; a thread is answered by hand, in the thread, once, then marked unread', async () => {
    await page.goto('/inbox');
    await expectVisible(page.getByRole('heading', { name: 'Inbox' }));
    const list = page.getByRole('list', { name: 'Conversations', exact: true });
    await expectVisible(list.getByRole('link', { name: /Ben Lopez/ }));
    // Ben answered once, Ana once (and was answered): two conversations, Ana's read when she was opened.
    expect(await list.getByRole('link').count()).toBe(2);
    await expectVisible(list.getByRole('link', { name: /Ben Lopez \(1 unread\)/ }));
    await list.getByRole('link', { name: /Ben Lopez/ }).click();
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}/);
    await page.getByLabel('Your answer').fill('Hi Ben, happy to explain: it takes ten minutes. Does Thursday work?');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Answer sent' }));
    await expectVisible(page.getByRole('list', { name: 'Conversation', exact: true }).getByText('Does Thursday work?'));
    const answers = await answersTo('ben@contoso.example');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ state: 'sent', sentByAi: false, toEmail: 'ben@contoso.example' });
    await app.screenshot(page, 'inbox-thread-en');
    // Opening read it; "Mark unread" goes back to the list with the conversation unread again.
    await expectVisible(list.getByRole('link', { name: /Ben Lopez/ }).filter({ hasNotText: '(1 unread)' }));
    await page.getByRole('button', { name: 'Mark unread' }).click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Marked unread' }));
    await page.waitForURL(/\/inbox$/);
    await expectVisible(list.getByRole('link', { name: /Ben Lopez \(1 unread\)/ }));
    await app.screenshot(page, 'inbox-list-en');
  });

  it('the playground shows intent, action and reason, and says nothing is sent', async () => {
    await page.goto('/settings/agents');
    await expectVisible(page.getByRole('heading', { name: 'Playground' }));
    await page.getByLabel('Their reply').fill('Not interested, please remove me from your list.');
    await page.getByRole('button', { name: 'See what it would do' }).click();
    const result = page.getByRole('region', { name: 'What the agent would do' });
    await expectVisible(result.getByText('Unsubscribe', { exact: true }));
    await expectVisible(result.getByText('Address suppressed'));
    await expectVisible(result.getByText('Live, no answer would be sent.'));
    await expectVisible(page.getByText('Nothing is sent', { exact: true }));
    const before = await inWs((db) => db.select().from(messages));
    expect(before.filter((row) => row.direction === 'outbound')).toHaveLength(4);
    await app.screenshot(page, 'inbox-playground-en');
  });

  it('in French: the inbox, the review queue and the playground', async () => {
    // One more pending item for the French view of the queue.
    const [benReply] = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, people['ben@contoso.example']!), eq(messages.direction, 'outbound'), isNull(messages.replyToMessageId))));
    await api(page, 'POST', `/api/admin/messages/${benReply!.id}/simulate-reply`, { text: 'Merci. Mais quel serait le prix exact pour nous ? Je ne suis pas sûr.', language: 'fr' });
    await page.goto('/dashboard');
    const saved = page.waitForResponse((response) => response.url().includes('auth.setLanguage'));
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
    await saved;
    await page.goto('/review');
    await expectVisible(page.getByRole('heading', { name: 'File de validation' }));
    await expectVisible(page.getByText(/Touches : j \/ k/));
    // The agent's reason, worded from its code in French (not the English line the API keeps for REST).
    await expectVisible(page.getByText(/«\u00a0pose une question\u00a0» : une personne doit répondre/).first());
    expect(await page.getByText(/needs a person to answer/).count()).toBe(0);
    await app.screenshot(page, 'inbox-review-queue-fr');
    await page.goto(`/inbox/${people['ben@contoso.example']}`);
    await expectVisible(page.getByRole('heading', { name: 'Boîte de réception' }));
    await expectVisible(page.getByRole('button', { name: 'Envoyer la réponse' }));
    // His second reply joins his conversation: still one row, now with two replies.
    const conversations = page.getByRole('list', { name: 'Conversations', exact: true });
    await expectVisible(conversations.getByRole('link', { name: /Ben Lopez/ }).getByText('2 réponses'));
    expect(await conversations.getByRole('link', { name: /Ben Lopez/ }).count()).toBe(1);
    await app.screenshot(page, 'inbox-thread-fr');
    await page.goto('/settings/agents');
    await page.getByLabel('Sa réponse').fill('Pas maintenant, recontactez-moi en septembre.');
    await page.getByRole('button', { name: 'Voir ce qu’il ferait' }).click();
    await expectVisible(page.getByRole('region', { name: 'Ce que ferait l’agent' }).getByText('Intention'));
    await app.screenshot(page, 'inbox-playground-fr');
  });

  it('an automatic answer waiting in its undo window can be undone from the dashboard activity stream', async () => {
    model = await startFakeOpenAi({ responder });
    await api(page, 'PUT', '/api/admin/settings/credentials/openai', { apiKey: FAKE_OPENAI_KEY, baseUrl: model.baseUrl, model: 'gpt-4o-mini' });
    const agents = await api<{ id: string; isDefault: boolean }[]>(page, 'GET', '/api/admin/agents');
    const agent = agents.find((entry) => entry.isDefault)!;
    await api(page, 'PATCH', `/api/admin/agents/${agent.id}`, { bookingUrl: 'https://cal.com/camille/intro', autoSend: true, undoWindowSeconds: 300 });
    const [anaSent] = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, people['ana@northwind.example']!), eq(messages.direction, 'outbound'), isNull(messages.replyToMessageId))));
    await page.goto('/dashboard');
    const saved = page.waitForResponse((response) => response.url().includes('auth.setLanguage'));
    await page.getByRole('combobox', { name: 'Langue', exact: true }).selectOption('en');
    await saved;
    await expectVisible(page.getByRole('heading', { name: 'Dashboard' }));
    await api(page, 'POST', `/api/admin/messages/${anaSent!.id}/simulate-reply`, { text: 'Great, let us book a call next week.' });
    const undo = page.getByRole('button', { name: /Undo the automatic answer/ });
    await expectVisible(undo, 15_000);
    await app.screenshot(page, 'inbox-dashboard-undo-en');
    await undo.click();
    await expectVisible(page.getByTestId('toast-success').filter({ hasText: 'Cancelled: the answer will not be sent' }));
    const answers = await answersTo('ana@northwind.example');
    // The approved draft earlier (sent) and this automatic answer, cancelled before it left.
    expect(answers.map((row) => [row.sentByAi, row.state]).sort()).toEqual([
      [true, 'failed'],
      [true, 'sent'],
    ]);
    await expectVisible(page.getByText(/cancelled the automatic answer to Ana Lopez/));
  });
});
