import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENAI_KEY, messageText, startFakeOpenAi, type ChatRequest, type FakeOpenAi } from '../../../tests/fakes/openai.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import type { Db } from '../db/database.js';
import { aiDecisions, jobs, messages } from '../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { runJobNow } from '../jobs/run-now.js';
import { launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';
import { agentRemindersJob, agentRemindersTickJob } from './jobs.js';

/**
 * "Not now" reminders, end to end on the offline agent: a prospect who asks to be contacted later
 * is stopped with a reminder; on its day the reminders tick drafts a follow-up into the review
 * queue, once; a prospect who opted out or replied meanwhile gets nothing; a person can move or
 * cancel a reminder before its day.
 */
let t: TestApp;
let world: SendingWorld;
let sandbox: string;
let model: FakeOpenAi;
const base = nextMonday(9);
const DAY = 86_400_000;
const inWs = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);

/**
 * The fake model: a reply asking for later is `not_now` (a reminder needs a confident reading:
 * the offline agent alone sends every uncertain reply to review); a reminder's follow-up prompt
 * gets a follow-up naming the day — in French, one carrying a foreign link, which the draft guard
 * refuses, so the template is used instead.
 */
function responder(request: ChatRequest): Record<string, unknown> {
  const system = messageText(request.messages[0]!);
  if (/following up on a cold email/.test(system)) {
    const day = /It is now ([^,]+), the time they named/.exec(system)?.[1] ?? '';
    if (/in French/.test(system)) return { intent: 'not_now', confidence: 1, reason: 'Follow-up', draftSubject: null, draftBody: `Bonjour, voici notre offre : https://evil.example/promo` };
    return { intent: 'not_now', confidence: 1, reason: 'Follow-up', draftSubject: null, draftBody: `Hi Nina,\n\nYou asked me to get back in touch around ${day}: is this a better moment?\n\nAlex` };
  }
  const reply = messageText(request.messages[1]!);
  if (/next quarter|trimestre prochain/i.test(reply)) return { intent: 'not_now', confidence: 0.93, reason: 'Asks to be contacted later', draftSubject: null, draftBody: 'Understood, I will get back to you then.' };
  return { intent: 'interested', confidence: 0.6, reason: 'Curious', draftSubject: null, draftBody: 'Happy to talk.' };
}

type Reminder = { id: string; date: string | null; status: string; cancelReason: string | null; followUpDecisionId: string | null };
type ReviewItem = { id: string; kind: string; prospectId: string; reasons: { code: string; params: Record<string, string> }[]; reason: string; draft: { subject: string; body: string } | null };

async function askedForLater(email: string, options: { language?: 'en' | 'fr'; firstName?: string } = {}) {
  const campaign = await launchedCampaign(world, {
    mailboxIds: [sandbox],
    steps: [
      { delayDays: 0, subject: 'Idea for {{company}}', body: 'Hi {{firstName}}, an idea.' },
      { delayDays: 3, subject: '', body: 'Following up.' },
    ],
    prospects: [{ email, firstName: options.firstName ?? 'Nina', lastName: 'Roy', company: 'Acme' }],
  });
  await world.tick(base);
  const sent = (await world.messages(campaign)).find((row) => row.toEmail === email && row.state === 'sent')!;
  const res = await world.client.request('POST', `/api/admin/messages/${sent.id}/simulate-reply`, { json: { intent: 'not_now', language: options.language ?? 'en' } });
  expect(res.status, res.text).toBe(200);
  // The decision runs as a job: by this request, or by the engine when it claims it first.
  const deadline = Date.now() + 10_000;
  let reminders = await remindersOf(sent.prospectId);
  while (reminders.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    reminders = await remindersOf(sent.prospectId);
  }
  expect(reminders).toHaveLength(1);
  return { prospectId: sent.prospectId, reminder: reminders[0]! };
}

/** The day comes: what the clock does, done to the row. */
const makeDue = (id: string) => inWs((db) => db.update(aiDecisions).set({ remindAt: new Date(Date.now() - DAY) }).where(eq(aiDecisions.id, id)));

/** One scheduled tick as the engine runs it: the system tick, then the workspace run it queued. */
async function runTick() {
  const tick = await t.database.asSystem((db) => enqueue(db, agentRemindersTickJob, {}, {}));
  expect(await runJobNow(world.services, agentRemindersTickJob, tick.id)).toBe(true);
  const queued = await t.database.asSystem((db) => db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.type, agentRemindersJob.name), eq(jobs.state, 'queued'))));
  for (const job of queued) await runJobNow(world.services, agentRemindersJob, job.id);
  // The app's own engine may have claimed it first: wait for that run to finish.
  const deadline = Date.now() + 10_000;
  const pending = () => t.database.asSystem((db) => db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.type, agentRemindersJob.name), sql`${jobs.state} in ('queued', 'running')`)));
  while ((await pending()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return queued.length;
}

const reviewFor = async (prospectId: string) => (await world.client.request<{ items: ReviewItem[] }>('GET', '/api/admin/ai-review-queue')).body.items.filter((item) => item.prospectId === prospectId);
const remindersOf = async (prospectId: string) => (await world.client.request<{ items: Reminder[] }>('GET', `/api/admin/prospects/${prospectId}/reminders`)).body.items;

beforeAll(async () => {
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  world = await sendingWorld(t);
  sandbox = await sandboxMailbox(t, world);
  model = await startFakeOpenAi({ responder });
  const saved = await world.client.request('PUT', '/api/admin/settings/credentials/openai', { json: { apiKey: FAKE_OPENAI_KEY, baseUrl: model.baseUrl, model: 'gpt-4o-mini' } });
  expect(saved.status, saved.text).toBe(200);
});
afterAll(async () => {
  await model.close();
  await world.services.close();
  await t.stop();
});

describe('a not_now reply', () => {
  it('stops the prospect and shows the reminder before its day; a tick before the day does nothing', async () => {
    const { prospectId, reminder } = await askedForLater('later@acme.example');
    expect(reminder).toMatchObject({ status: 'scheduled', followUpDecisionId: null });
    expect(new Date(`${reminder.date}T00:00:00Z`).getTime()).toBeGreaterThan(Date.now());
    await runTick();
    expect(await reviewFor(prospectId)).toEqual([]);
    expect((await remindersOf(prospectId))[0]).toMatchObject({ status: 'scheduled' });
  });

  it('on its day becomes one review item with a follow-up draft, however many ticks run; approving sends it once, in-thread', async () => {
    const { prospectId, reminder } = await askedForLater('due@acme.example');
    await makeDue(reminder.id);
    expect(await runTick()).toBe(1);
    await runTick();
    const items = await reviewFor(prospectId);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.kind).toBe('reminder');
    expect(item.reasons).toEqual([{ code: 'reminder_due', params: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } }]);
    expect(item.reason).toMatch(/^Reminder due/);
    // Written by the model, naming the day in words.
    expect(item.draft?.body).toMatch(/^Hi Nina,\n\nYou asked me to get back in touch around \d{1,2} [A-Z][a-z]+: is this a better moment\?/);
    expect(model.chats.some((chat) => /following up on a cold email/.test(messageText(chat.body.messages[0]!)))).toBe(true);
    expect(item.draft?.subject).toMatch(/^Re: /);
    expect((await remindersOf(prospectId))[0]).toMatchObject({ status: 'due', followUpDecisionId: expect.any(String) });
    const activity = await world.client.request<{ type: string; prospectId: string | null }[]>('GET', '/api/admin/dashboard/activity');
    expect(activity.body.filter((entry) => entry.type === 'ai.reminder_due' && entry.prospectId === prospectId)).toHaveLength(1);
    // Nothing left by itself.
    expect(await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, prospectId), sql`${messages.aiDecisionId} is not null`)))).toEqual([]);

    const approved = await world.client.request<{ send: string; messageId: string }>('POST', `/api/admin/ai-review-queue/${item.id}/approve`);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.send).toBe('sent');
    expect((await world.client.request('POST', `/api/admin/ai-review-queue/${item.id}/approve`)).status).toBe(409);
    const [answer] = await inWs((db) => db.select().from(messages).where(eq(messages.id, approved.body.messageId)));
    expect(answer).toMatchObject({ state: 'sent', toEmail: 'due@acme.example', inReplyTo: expect.stringMatching(/^<sim-/) });
    await runTick();
    expect(await reviewFor(prospectId)).toEqual([]);
  });

  it('drafts the follow-up in the prospect’s language, from the template when the model’s draft fails the guard', async () => {
    const { prospectId, reminder } = await askedForLater('plus-tard@acme.example', { language: 'fr', firstName: 'Léa' });
    await makeDue(reminder.id);
    await runTick();
    const [item] = await reviewFor(prospectId);
    expect(item?.draft?.body).toMatch(/^Bonjour Léa,\n\nVous m’aviez demandé de revenir vers vous vers le \d{1,2} [a-zéû]+, je me permets/);
    expect(item?.draft?.body).not.toContain('evil.example');
  });

  it('is cancelled, not acted on, when the prospect was suppressed meanwhile', async () => {
    const { prospectId, reminder } = await askedForLater('gone@acme.example');
    const added = await world.client.request('POST', '/api/admin/suppressions', { json: { entries: ['gone@acme.example'] } });
    expect(added.status, added.text).toBe(200);
    await makeDue(reminder.id);
    await runTick();
    expect(await reviewFor(prospectId)).toEqual([]);
    expect((await remindersOf(prospectId))[0]).toMatchObject({ status: 'cancelled', cancelReason: 'suppressed' });
  });

  it('is cancelled when the prospect replies again before the day', async () => {
    const { prospectId, reminder } = await askedForLater('again@acme.example');
    const [first] = await inWs((db) => db.select({ id: messages.id }).from(messages).where(and(eq(messages.prospectId, prospectId), eq(messages.direction, 'outbound'))));
    const res = await world.client.request('POST', `/api/admin/messages/${first!.id}/simulate-reply`, { json: { text: 'Actually, can we talk this week?' } });
    expect(res.status, res.text).toBe(200);
    await makeDue(reminder.id);
    await runTick();
    expect((await reviewFor(prospectId)).every((item) => item.kind === 'reply')).toBe(true);
    expect((await remindersOf(prospectId)).find((entry) => entry.id === reminder.id)).toMatchObject({ status: 'cancelled', cancelReason: 'replied' });
  });
});

describe('changing a reminder', () => {
  it('moves it to another day, refuses a past day or a bad one, cancels it, and cannot change it twice', async () => {
    const { prospectId, reminder } = await askedForLater('move@acme.example');
    const day = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
    const moved = await world.client.request<Reminder>('POST', `/api/admin/ai-reminders/${reminder.id}/reschedule`, { json: { date: day } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ date: day, status: 'scheduled' });
    const past = await world.client.request<{ error: { reason: string } }>('POST', `/api/admin/ai-reminders/${reminder.id}/reschedule`, { json: { date: '2020-01-01' } });
    expect(past.status).toBe(400);
    expect(past.body.error.reason).toBe('reminder.date_past');
    expect((await world.client.request('POST', `/api/admin/ai-reminders/${reminder.id}/reschedule`, { json: { date: 'next week' } })).status).toBe(400);
    expect((await remindersOf(prospectId))[0]?.date).toBe(day);

    const upcoming = await world.client.request<{ items: { id: string; prospectEmail: string | null }[] }>('GET', '/api/admin/ai-reminders');
    expect(upcoming.body.items.find((entry) => entry.id === reminder.id)).toMatchObject({ prospectEmail: 'move@acme.example' });

    const cancelled = await world.client.request<Reminder>('POST', `/api/admin/ai-reminders/${reminder.id}/cancel`);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'user' });
    const twice = await world.client.request<{ error: { reason: string } }>('POST', `/api/admin/ai-reminders/${reminder.id}/cancel`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.reason).toBe('reminder.not_changeable');
    await makeDue(reminder.id);
    await runTick();
    expect(await reviewFor(prospectId)).toEqual([]);
  });

  it('another workspace’s reminder is not found, and stays as it was', async () => {
    const { prospectId, reminder } = await askedForLater('private@acme.example');
    const other = t.client();
    await other.signUp({ workspaceName: 'Other Co' });
    expect((await other.request('GET', `/api/admin/prospects/${prospectId}/reminders`)).status).toBe(404);
    expect((await other.request('POST', `/api/admin/ai-reminders/${reminder.id}/cancel`)).status).toBe(404);
    expect((await other.request('POST', `/api/admin/ai-reminders/${reminder.id}/reschedule`, { json: { date: '2099-01-01' } })).status).toBe(404);
    expect((await other.request<{ items: unknown[] }>('GET', '/api/admin/ai-reminders')).body.items).toEqual([]);
    expect((await remindersOf(prospectId))[0]).toMatchObject({ status: 'scheduled', date: reminder.date });
  });
});
