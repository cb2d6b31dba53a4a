import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeInstantly, type FakeInstantly } from '../../../tests/fakes/instantly.js';
import type { ChatRequest } from '../../../tests/fakes/openai.js';
import { createTestServices } from '../../../tests/helpers/test-services.js';
import { messages, prospects, suppressions } from '../db/schema/index.js';
import { JobEngine } from '../jobs/engine.js';
import type { OwnedServices } from '../services.js';
import { sendingJobs } from '../sending/jobs.js';
import { sendThreadReply } from '../sending/thread-reply.service.js';
import { decisionFor, readPrompt, reviewItemFor, startAgentWorld, threadReplyDeps, until, type AgentWorld } from './replies.test-helpers.js';

/**
 * A campaign that sends through Instantly: the lead's answer arrives on the Instantly webhook, the
 * agent decides, and our answer leaves in the same thread through Instantly's reply endpoint (the
 * local fake, over a real socket) — at most once, never to a suppressed address.
 */
let world: AgentWorld;
let fake: FakeInstantly;
let services: OwnedServices;
let campaignId: string;
let hook: { url: string; secret: string };

/** The fake model: a call request is a confident yes, "maybe" a hesitant one. */
function responder(request: ChatRequest): Record<string, unknown> {
  const { link, reply } = readPrompt(request);
  if (/book a call/i.test(reply)) return { intent: 'meeting_request', confidence: 0.95, reason: 'Asks for a call', draftSubject: null, draftBody: `Hi,\n\nGladly: pick a time here: ${link}\n\nAlex` };
  return { intent: 'interested', confidence: 0.6, reason: 'Curious but unsure', draftSubject: null, draftBody: `Hi,\n\nHappy to tell you more. Pick a time here: ${link}\n\nAlex` };
}

const inWs: AgentWorld['inWs'] = (fn) => world.inWs(fn);
const deps = () => threadReplyDeps(world, services);
const drain = () => new JobEngine(services, { concurrency: { send: 1, ingest: 1, enrich: 1, scrape: 1, maintenance: 1 }, leaseMs: 30_000, pollCron: '* * * * * *', workerId: 'w-answers' }).registerModule(sendingJobs).drain();
const replyCalls = () => fake.calls.filter((call) => call.path === '/api/v2/emails/reply');
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
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

const decisionOf = (prospectId: string) => decisionFor(world, prospectId);
const answersTo = (prospectId: string) => inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, prospectId), eq(messages.direction, 'outbound'))));
const setAgent = (patch: Record<string, unknown>) => world.setAgent(patch);

beforeAll(async () => {
  fake = await startFakeInstantly();
  const env = { INSTANTLY_API_URL: fake.baseUrl, INSTANTLY_TIMEOUT_MS: '500', ALLOW_PRIVATE_NETWORK_URLS: 'true' };
  world = await startAgentWorld({ responder, env });
  services = await createTestServices(world.app.database, { DATA_DIR: world.app.config.dataDir, ...env });
  expect((await world.client.request('PUT', '/api/admin/settings/credentials/instantly', { json: { apiKey: fake.apiKey } })).status).toBe(200);
  const created = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: 'Through Instantly', mailboxIds: [] } });
  campaignId = created.body.id;
  expect((await world.client.request('PUT', `/api/admin/campaigns/${campaignId}/instantly`, { json: { instantlyCampaignId: 'camp-answers' } })).status).toBe(200);
  hook = (await world.client.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/instantly/reveal')).body;
});
afterAll(async () => {
  await services.close();
  await world.stop();
  await fake.close();
});

describe('answering a lead in the thread Instantly carries', () => {
  it('a confident meeting request: one reply call with the prefilled booking link, recorded as our message in the thread', async () => {
    const person = await lead('camille@roux.example', 'Camille');
    const before = replyCalls().length;
    expect(await (await postReply(person.email!, 'em-pos-1', 'Yes, can we book a call next week?')).json()).toEqual({ status: 'reply_ingested' });
    const decision = await decisionFor(world, person.id, 'sent');
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
    const item = await reviewItemFor(world, person.id);
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
    const item = await reviewItemFor(world, person.id);
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
    const other = world.app.client();
    await other.signUp({ workspaceName: 'Other Instantly Co' });
    const theirs = (await other.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/instantly/reveal')).body;
    expect((await postReply(person.email!, 'em-foreign', 'Can we book a call?', { url: hook.url, secret: theirs.secret })).status).toBe(401);
    expect((await postReply(person.email!, 'em-foreign', 'Can we book a call?', { url: theirs.url, secret: hook.secret })).status).toBe(401);
    await settle();
    expect(await inWs((db) => db.select().from(messages).where(eq(messages.prospectId, person.id)))).toEqual([]);
    expect(replyCalls()).toHaveLength(before);
  });
});
