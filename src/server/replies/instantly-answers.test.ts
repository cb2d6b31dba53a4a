import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeInstantly, type FakeInstantly } from '../../../tests/fakes/instantly.js';
import { FAKE_OPENAI_KEY, messageText, startFakeOpenAi, type ChatRequest, type FakeOpenAi } from '../../../tests/fakes/openai.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { createTestServices } from '../../../tests/helpers/test-services.js';
import type { Db } from '../db/database.js';
import { aiDecisions, messages, prospects, suppressions } from '../db/schema/index.js';
import { JobEngine } from '../jobs/engine.js';
import type { OwnedServices } from '../services.js';
import { sendingJobs } from '../sending/jobs.js';
import { sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';
import { sendThreadReply } from '../sending/thread-reply.service.js';

/**
 * A campaign that sends through Instantly: the lead's answer arrives on the Instantly webhook, the
 * agent decides, and our answer leaves in the same thread through Instantly's reply endpoint (the
 * local fake, over a real socket) — at most once, never to a suppressed address.
 */
let t: TestApp;
let world: SendingWorld;
let fake: FakeInstantly;
let model: FakeOpenAi;
let services: OwnedServices;
let campaignId: string;
let agentId: string;
let hook: { url: string; secret: string };
const BOOKING = 'https://cal.com/alex/intro';

/** The fake model: a call request is a confident yes, "maybe" a hesitant one. */
function responder(request: ChatRequest): Record<string, unknown> {
  const link = /exactly as written: (\S+)/.exec(messageText(request.messages[0]!))?.[1] ?? '';
  const reply = /<<<PROSPECT_REPLY\n([\s\S]*)\nPROSPECT_REPLY>>>/.exec(messageText(request.messages[1]!))?.[1] ?? '';
  if (/book a call/i.test(reply)) return { intent: 'meeting_request', confidence: 0.95, reason: 'Asks for a call', draftSubject: null, draftBody: `Hi,\n\nGladly: pick a time here: ${link}\n\nAlex` };
  return { intent: 'interested', confidence: 0.6, reason: 'Curious but unsure', draftSubject: null, draftBody: `Hi,\n\nHappy to tell you more. Pick a time here: ${link}\n\nAlex` };
}

const inWs = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);
const deps = () => ({ inWorkspace: inWs, config: services.config, secretBox: services.secretBox, logger: services.logger });
const drain = () => new JobEngine(services, { concurrency: { send: 1, ingest: 1, enrich: 1, scrape: 1, maintenance: 1 }, leaseMs: 30_000, pollCron: '* * * * * *', workerId: 'w-answers' }).registerModule(sendingJobs).drain();
const replyCalls = () => fake.calls.filter((call) => call.path === '/api/v2/emails/reply');
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function until<T>(read: () => Promise<T | undefined | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A lead of the Instantly campaign, as the push left it: contacted, no message of ours. */
async function lead(email: string, firstName: string) {
  const [row] = await inWs((db) => db.insert(prospects).values({ workspaceId: world.workspaceId, email, firstName, lastName: 'Roux', company: 'Roux SA', campaignId, stage: 'contacted' }).returning());
  return row!;
}

/** Instantly's reply_received delivery (developer.instantly.ai webhook events). */
function postReply(email: string, emailId: string, text: string, target = hook) {
  const body = { timestamp: new Date().toISOString(), event_type: 'reply_received', campaign_id: 'camp-answers', lead_email: email, email_account: 'sender@instantly.example', email_id: emailId, reply_subject: 'Re: Quick question', reply_text: text };
  return fetch(target.url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-sales-machine-secret': target.secret } });
}

const decisionOf = (prospectId: string) => until(async () => (await inWs((db) => db.select().from(aiDecisions).where(eq(aiDecisions.prospectId, prospectId))))[0]);
const answersTo = (prospectId: string) => inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, prospectId), eq(messages.direction, 'outbound'))));
const setAgent = (patch: Record<string, unknown>) => world.client.request('PATCH', `/api/admin/agents/${agentId}`, { json: patch });

beforeAll(async () => {
  fake = await startFakeInstantly();
  model = await startFakeOpenAi({ responder });
  const env = { INSTANTLY_API_URL: fake.baseUrl, INSTANTLY_TIMEOUT_MS: '500', ALLOW_PRIVATE_NETWORK_URLS: 'true' };
  t = await startTestApp(env);
  world = await sendingWorld(t);
  services = await createTestServices(t.database, { DATA_DIR: t.config.dataDir, ...env });
  expect((await world.client.request('PUT', '/api/admin/settings/credentials/instantly', { json: { apiKey: fake.apiKey } })).status).toBe(200);
  expect((await world.client.request('PUT', '/api/admin/settings/credentials/openai', { json: { apiKey: FAKE_OPENAI_KEY, baseUrl: model.baseUrl, model: 'gpt-4o-mini' } })).status).toBe(200);
  const agents = await world.client.request<{ id: string; isDefault: boolean }[]>('GET', '/api/admin/agents');
  agentId = agents.body.find((entry) => entry.isDefault)!.id;
  expect((await setAgent({ bookingUrl: BOOKING, autoSend: true, confidenceThreshold: 0.8, undoWindowSeconds: 0 })).status).toBe(200);
  const created = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: 'Through Instantly', mailboxIds: [] } });
  campaignId = created.body.id;
  expect((await world.client.request('PUT', `/api/admin/campaigns/${campaignId}/instantly`, { json: { instantlyCampaignId: 'camp-answers' } })).status).toBe(200);
  hook = (await world.client.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/instantly/reveal')).body;
});
afterAll(async () => {
  await services.close();
  await world.services.close();
  await t.stop();
  await model.close();
  await fake.close();
});

describe('answering a lead in the thread Instantly carries', () => {
  it('a confident meeting request: one reply call with the prefilled booking link, recorded as our message in the thread', async () => {
    const person = await lead('camille@roux.example', 'Camille');
    const before = replyCalls().length;
    expect(await (await postReply(person.email!, 'em-pos-1', 'Yes, can we book a call next week?')).json()).toEqual({ status: 'reply_ingested' });
    const decision = await until(async () => (await inWs((db) => db.select().from(aiDecisions).where(and(eq(aiDecisions.prospectId, person.id), eq(aiDecisions.status, 'sent')))))[0]);
    expect(decision).toMatchObject({ intent: 'meeting_request', action: 'auto_reply', provider: 'llm' });
    expect(replyCalls()).toHaveLength(before + 1);
    const sent = fake.replies.at(-1)!;
    expect(sent).toMatchObject({ eaccount: 'sender@instantly.example', replyToUuid: 'em-pos-1', subject: 'Re: Quick question' });
    const link = 'https://cal.com/alex/intro?name=Camille+Roux&email=camille%40roux.example';
    expect(sent.text).toContain(link);
    // The HTML part links it (escaped), for the accounts Instantly sends HTML from.
    expect(sent.html).toContain(`<a href="${link.replace(/&/g, '&#38;')}`);

    const [answer] = await answersTo(person.id);
    const [inbound] = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, person.id), eq(messages.direction, 'inbound'))));
    expect(answer).toMatchObject({ state: 'sent', mailboxId: null, sentByAi: true, replyToMessageId: inbound!.id, aiDecisionId: decision.id, toEmail: 'camille@roux.example', fromEmail: 'sender@instantly.example', instantlyEmailId: sent.id, messageIdHeader: sent.messageId });
    const thread = await world.client.request<{ messages: { direction: string; state: string; body: string; sentByAi: boolean }[] }>('GET', `/api/admin/inbox/threads/${person.id}`);
    expect(thread.body.messages.map((entry) => [entry.direction, entry.state, entry.sentByAi])).toEqual([['inbound', 'received', false], ['outbound', 'sent', true]]);
    expect(thread.body.messages[1]!.body).toContain(link);

    // Once: the same answer again, and the send job queued with it, call Instantly no more.
    expect(await sendThreadReply(deps(), answer!.id)).toBe('taken');
    await drain();
    expect(replyCalls()).toHaveLength(before + 1);
  });

  it('a hesitant reply waits for review; approved from two tabs it is sent once, through Instantly', async () => {
    const person = await lead('hugo@roux.example', 'Hugo');
    const before = replyCalls().length;
    await postReply(person.email!, 'em-hes-1', 'maybe, what does it cost roughly?');
    const item = await until(async () => {
      const list = await world.client.request<{ items: { id: string; prospectId: string; draft: { body: string } | null }[] }>('GET', '/api/admin/ai-review-queue');
      return list.body.items.find((entry) => entry.prospectId === person.id);
    });
    expect(item.draft?.body).toContain('cal.com/alex/intro');
    expect(replyCalls()).toHaveLength(before);
    const [a, b] = await Promise.all([world.client.request('POST', `/api/admin/ai-review-queue/${item.id}/approve`), world.client.request('POST', `/api/ai-review-queue/${item.id}/approve`)]);
    expect([a.status, b.status].sort(), `${a.text} ${b.text}`).toEqual([200, 409]);
    expect((a.status === 200 ? a : b).text).toContain('"send":"sent"');
    await drain();
    await settle();
    expect(replyCalls()).toHaveLength(before + 1);
    expect(fake.replies.at(-1)).toMatchObject({ replyToUuid: 'em-hes-1', eaccount: 'sender@instantly.example' });
  });

  it('an edited draft is what Instantly sends', async () => {
    const person = await lead('edith@roux.example', 'Edith');
    await postReply(person.email!, 'em-edit-1', 'maybe later this quarter?');
    const item = await until(async () => (await world.client.request<{ items: { id: string; prospectId: string }[] }>('GET', '/api/admin/ai-review-queue')).body.items.find((entry) => entry.prospectId === person.id));
    const edited = await world.client.request('POST', `/api/admin/ai-review-queue/${item.id}/edit`, { json: { subject: 'Re: Quick question', body: 'Hi Edith, happy to talk in April. Alex' } });
    expect(edited.status, edited.text).toBe(200);
    expect(fake.replies.at(-1)).toMatchObject({ replyToUuid: 'em-edit-1', text: 'Hi Edith, happy to talk in April. Alex' });
  });
});

describe('when Instantly does not confirm the answer', () => {
  for (const [name, fail] of [
    ['answers 500', () => fake.failNext(1)],
    ['does not answer in time', () => fake.hangNext(1)],
  ] as const) {
    it(`${name}: flagged unknown, never sent again`, async () => {
      const person = await lead(`lost-${name.length}@roux.example`, 'Lou');
      const before = replyCalls().length;
      fail();
      await postReply(person.email!, `em-lost-${name.length}`, 'Great, can we book a call?');
      const answer = await until(async () => (await answersTo(person.id)).find((row) => row.state === 'unknown'));
      expect(answer.error).toMatch(/may have left/);
      expect(replyCalls()).toHaveLength(before + 1);
      await drain();
      await world.tick(new Date(Date.now() + 3600_000));
      expect(await sendThreadReply(deps(), answer.id, { now: new Date(Date.now() + 3600_000) })).toBe('taken');
      await settle();
      expect(replyCalls()).toHaveLength(before + 1);
      expect((await answersTo(person.id)).map((row) => row.state)).toEqual(['unknown']);
    });
  }

  it('a 429 waits for its Retry-After, then the answer leaves once', async () => {
    const person = await lead('rita@roux.example', 'Rita');
    fake.rateLimit(1, '1');
    await postReply(person.email!, 'em-429', 'Sure, can we book a call on Monday?');
    const waiting = await until(async () => (await answersTo(person.id)).find((row) => row.state === 'scheduled' && row.error));
    expect(waiting.scheduledAt!.getTime()).toBeGreaterThan(Date.now() - 500);
    expect(fake.replies.filter((reply) => reply.replyToUuid === 'em-429')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await drain();
    expect(fake.replies.filter((reply) => reply.replyToUuid === 'em-429')).toHaveLength(1);
    expect((await answersTo(person.id)).map((row) => row.state)).toEqual(['sent']);
    expect((await decisionOf(person.id)).status).toBe('sent');
  });

  it('a refused key (401): not sent, the reason on the answer and on the Instantly credential', async () => {
    await world.client.request('PUT', '/api/admin/settings/credentials/instantly', { json: { apiKey: 'wrong-key-123456' } });
    try {
      const person = await lead('kim@roux.example', 'Kim');
      await postReply(person.email!, 'em-401', 'Yes please, can we book a call?');
      const answer = await until(async () => (await answersTo(person.id)).find((row) => row.state === 'failed'));
      expect(answer.error).toMatch(/Instantly refused the API key/);
      expect((await decisionOf(person.id)).status).toBe('send_failed');
      const listed = await world.client.request<{ service: string; lastVerifyOk: boolean | null; lastVerifyError: string | null }[]>('GET', '/api/admin/settings/credentials');
      expect(listed.body.find((entry) => entry.service === 'instantly')).toMatchObject({ lastVerifyOk: false, lastVerifyError: expect.stringMatching(/refused the API key.*Settings/) });
      expect(fake.replies.filter((reply) => reply.replyToUuid === 'em-401')).toHaveLength(0);
    } finally {
      await world.client.request('PUT', '/api/admin/settings/credentials/instantly', { json: { apiKey: fake.apiKey } });
    }
  });
});

describe('what is never answered', () => {
  it('an opt-out is suppressed, with no call to Instantly', async () => {
    const person = await lead('olga@roux.example', 'Olga');
    const before = replyCalls().length;
    await postReply(person.email!, 'em-opt', 'Not interested, please remove me from your list.');
    expect(await decisionOf(person.id)).toMatchObject({ intent: 'unsubscribe', action: 'suppress' });
    expect(await inWs((db) => db.select().from(suppressions).where(eq(suppressions.value, 'olga@roux.example')))).toHaveLength(1);
    await drain();
    await settle();
    expect(replyCalls()).toHaveLength(before);
    expect(await answersTo(person.id)).toEqual([]);
  });

  it('waits out the undo window; an unsubscribe or a suppression during it stops the answer', async () => {
    expect((await setAgent({ undoWindowSeconds: 300 })).status).toBe(200);
    try {
      const before = replyCalls().length;
      const queuedAnswer = async (email: string, emailId: string) => {
        const person = await lead(email, 'Ugo');
        await postReply(email, emailId, 'Great, can we book a call?');
        expect(await decisionOf(person.id)).toMatchObject({ action: 'auto_reply', status: 'awaiting_send' });
        const [queued] = await answersTo(person.id);
        expect(await sendThreadReply(deps(), queued!.id)).toBe('not_due');
        return { person, id: queued!.id };
      };
      const later = () => ({ now: new Date(Date.now() + 600_000) });

      // Instantly reports the lead unsubscribed: the queued answer is cancelled.
      const first = await queuedAnswer('ugo@roux.example', 'em-undo-1');
      const unsubscribed = await fetch(hook.url, { method: 'POST', body: JSON.stringify({ event_type: 'lead_unsubscribed', campaign_id: 'camp-answers', lead_email: first.person.email }), headers: { 'content-type': 'application/json', 'x-sales-machine-secret': hook.secret } });
      expect(unsubscribed.status).toBe(200);
      expect(await sendThreadReply(deps(), first.id, later())).toBe('taken');
      expect((await answersTo(first.person.id))[0]).toMatchObject({ state: 'failed', error: 'Not sent: unsubscribed' });

      // Someone adds the address to the suppression list: refused at the claim, right before sending.
      const second = await queuedAnswer('ulla@roux.example', 'em-undo-2');
      const added = await world.client.request('POST', '/api/admin/suppressions', { json: { entries: ['ulla@roux.example'] } });
      expect(added.status, added.text).toBe(200);
      expect(await sendThreadReply(deps(), second.id, later())).toBe('refused');
      expect((await answersTo(second.person.id))[0]).toMatchObject({ state: 'failed', error: 'Not sent: suppressed' });
      expect(replyCalls()).toHaveLength(before);
    } finally {
      await setAgent({ undoWindowSeconds: 0 });
    }
  });

  it("another workspace's webhook secret: 401, nothing stored, nothing sent", async () => {
    const person = await lead('eve@roux.example', 'Eve');
    const before = replyCalls().length;
    const other = t.client();
    await other.signUp({ workspaceName: 'Other Instantly Co' });
    const theirs = (await other.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/instantly/reveal')).body;
    expect((await postReply(person.email!, 'em-foreign', 'Can we book a call?', { url: hook.url, secret: theirs.secret })).status).toBe(401);
    expect((await postReply(person.email!, 'em-foreign', 'Can we book a call?', { url: theirs.url, secret: hook.secret })).status).toBe(401);
    await settle();
    expect(await inWs((db) => db.select().from(messages).where(eq(messages.prospectId, person.id)))).toEqual([]);
    expect(replyCalls()).toHaveLength(before);
  });
});
