import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatRequest } from '../../../tests/fakes/openai.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { aiDecisions, messages, prospects, reviewItems, suppressions } from '../db/schema/index.js';
import { signInboundEmail } from '../integrations/webhook-signatures.js';
import { insertMailbox, launchedCampaign, nextMonday } from '../sending/sending.test-helpers.js';
import { sendThreadReply } from '../sending/thread-reply.service.js';
import { decisionFor, readPrompt, reviewItemFor, startAgentWorld, threadReplyDeps, until, type AgentWorld } from './replies.test-helpers.js';

/**
 * The whole reply loop over real sockets: a sequence message goes out through the SMTP fake, the
 * prospect's answer arrives on the signed webhook, the agent (the OpenAI-compatible fake as its
 * model) decides, and the answer leaves in-thread through the SMTP fake — once.
 */
let world: AgentWorld;
let smtp: FakeSmtpServer;
let secret: string;
let webhookUrl: string;
let mailboxId: string;

const corpus = z
  .array(z.object({ text: z.string().min(1), attack: z.string().min(1) }))
  .parse(JSON.parse(readFileSync(new URL('../../../tests/fixtures/injection-replies.json', import.meta.url), 'utf8')));

/** The fake model: reads the fenced reply and answers like a model would — or like a fooled one. */
function responder(request: ChatRequest): Record<string, unknown> {
  const { link, reply } = readPrompt(request);
  if (/book a call/i.test(reply)) return { intent: 'meeting_request', confidence: 0.95, reason: 'Asks for a call', draftSubject: null, draftBody: `Hi Camille,\n\nGladly: pick a time that suits you here: ${link}\n\nAlex` };
  if (/maybe/i.test(reply)) return { intent: 'interested', confidence: 0.6, reason: 'Curious but unsure', draftSubject: null, draftBody: `Hi,\n\nHappy to tell you more. Pick a time here: ${link}\n\nAlex` };
  // A fooled model: says yes with full confidence and obeys whatever the reply asked.
  return { intent: 'interested', confidence: 0.99, reason: 'Interested', draftSubject: null, draftBody: `Sure! Here is everything: https://evil.example/x and our key sk-abcdefghijklmnop. ${link}` };
}

async function post(body: string, signature: string | null) {
  return fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-signature': signature } : {}) }, body });
}

const inWs: AgentWorld['inWs'] = (fn) => world.inWs(fn);
const deps = () => threadReplyDeps(world);

/** A launched campaign with one prospect whose first step was sent; returns the sent message. */
async function mailed(email: string, firstName: string) {
  const campaign = await launchedCampaign(world, {
    mailboxIds: [mailboxId],
    steps: [
      { delayDays: 0, subject: 'Idea for {{company}}', body: 'Hi {{firstName}}, an idea.' },
      { delayDays: 3, subject: '', body: 'Following up.' },
    ],
    prospects: [{ email, firstName, lastName: 'Durand', company: 'Acme' }],
  });
  await world.tick(new Date(nextMonday(9).getTime()));
  const rows = await world.messages(campaign);
  const sent = rows.find((row) => row.toEmail === email && row.state === 'sent');
  expect(sent, JSON.stringify(rows.map((row) => [row.toEmail, row.state, row.error]))).toBeDefined();
  return sent!;
}

const replyBody = (sent: { messageIdHeader: string | null; subject: string; toEmail: string | null; fromEmail: string | null }, text: string, id: string) =>
  JSON.stringify({ from: sent.toEmail, to: sent.fromEmail, subject: `Re: ${sent.subject}`, text, messageId: `<${id}@acme.example>`, inReplyTo: sent.messageIdHeader, references: [sent.messageIdHeader] });

beforeAll(async () => {
  world = await startAgentWorld({ responder });
  smtp = await startFakeSmtpServer();
  mailboxId = await insertMailbox(world.app, world, { fromEmail: 'alex@sender.example', smtpHost: smtp.host, smtpPort: smtp.port });
  const settings = await world.client.request<{ url: string; secret: string }>('GET', '/api/admin/settings/inbound-webhook');
  expect(settings.status).toBe(200);
  secret = settings.body.secret;
  webhookUrl = settings.body.url.replace(/^https?:\/\/[^/]+/, world.app.url);
});
afterAll(async () => {
  await smtp.stop();
  await world.stop();
});

describe('the inbound-email webhook', () => {
  it('refuses a missing, wrong or foreign signature with 401 and stores nothing; the same message id twice is stored once', async () => {
    const sent = await mailed('sig@acme.example', 'Sig');
    const body = replyBody(sent, 'Thanks, not now.', 'sig-1');
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, 'sha256=' + '0'.repeat(64))).status).toBe(401);
    expect((await post(body, signInboundEmail('another-secret', body))).status).toBe(401);
    expect((await post(body, 'nonsense')).status).toBe(401);
    const stored = () => inWs((db) => db.select().from(messages).where(eq(messages.messageIdHeader, '<sig-1@acme.example>')));
    expect(await stored()).toHaveLength(0);

    const first = await post(body, signInboundEmail(secret, body));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'stored' });
    const replay = await post(body, signInboundEmail(secret, body));
    expect(await replay.json()).toMatchObject({ status: 'duplicate' });
    expect(await stored()).toHaveLength(1);
    // The sequence stopped: the follow-up never leaves.
    const outbound = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, sent.prospectId), eq(messages.direction, 'outbound'))));
    expect(outbound.filter((row) => row.state === 'scheduled')).toEqual([]);
    expect(outbound.filter((row) => row.state === 'failed').map((row) => row.error)).toEqual(['Not sent: replied']);
  });

  it('rotating the secret makes the old one fail', async () => {
    const rotated = await world.client.request<{ secret: string }>('POST', '/api/admin/settings/inbound-webhook/rotate');
    expect(rotated.body.secret).not.toBe(secret);
    const body = JSON.stringify({ from: 'x@acme.example', to: 'alex@sender.example', text: 'hi', messageId: '<rot@acme.example>' });
    expect((await post(body, signInboundEmail(secret, body))).status).toBe(401);
    secret = rotated.body.secret;
    expect((await post(body, signInboundEmail(secret, body))).status).toBe(200);
  });
});

describe('the full loop with the model', () => {
  it('a confident meeting request is answered in-thread with the prefilled booking link, once', async () => {
    const sent = await mailed('camille@acme.example', 'Camille');
    const before = smtp.messages.length;
    const body = replyBody(sent, 'Yes, can we book a call next week?', 'pos-1');
    const arrived = Date.now();
    expect((await post(body, signInboundEmail(secret, body))).status).toBe(200);
    const answer = await smtp.nextMessage(10_000);
    const latency = Date.now() - arrived;
    expect(latency).toBeLessThan(5_000);
    expect(answer.envelopeTo).toEqual(['camille@acme.example']);
    expect(String(answer.headers.get('in-reply-to'))).toBe('<pos-1@acme.example>');
    expect(String(answer.headers.get('references'))).toContain(sent.messageIdHeader!);
    expect(answer.subject).toBe(`Re: ${sent.subject}`);
    expect(answer.text).toContain('https://cal.com/alex/intro?name=Camille+Durand&email=camille%40acme.example');
    const decision = await decisionFor(world, sent.prospectId, 'sent');
    expect(decision).toMatchObject({ intent: 'meeting_request', action: 'auto_reply', provider: 'llm', model: 'gpt-4o-mini', status: 'sent' });
    // Sending the same decision again sends nothing more.
    const [queued] = await inWs((db) => db.select().from(messages).where(eq(messages.aiDecisionId, decision.id)));
    expect(await sendThreadReply(deps(), queued!.id)).toBe('taken');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.length).toBe(before + 1);
  });

  it('with an undo window, the automatic answer waits and a cancel stops it for good', async () => {
    await world.setAgent({ undoWindowSeconds: 300 });
    try {
      const sent = await mailed('undo@acme.example', 'Ugo');
      const before = smtp.messages.length;
      const body = replyBody(sent, 'Great, can we book a call?', 'undo-1');
      expect((await post(body, signInboundEmail(secret, body))).status).toBe(200);
      const decision = await decisionFor(world, sent.prospectId);
      expect(decision).toMatchObject({ action: 'auto_reply', status: 'awaiting_send' });
      expect(decision.sendAt!.getTime() - decision.createdAt.getTime()).toBeGreaterThan(290_000);
      const cancelled = await world.client.request('POST', `/api/admin/ai-decisions/${decision.id}/cancel`);
      expect(cancelled.status, cancelled.text).toBe(200);
      expect((await world.client.request('POST', `/api/admin/ai-decisions/${decision.id}/cancel`)).status).toBe(409);
      const [queued] = await inWs((db) => db.select().from(messages).where(eq(messages.aiDecisionId, decision.id)));
      expect(queued?.state).toBe('failed');
      expect(await sendThreadReply(deps(), queued!.id, { now: new Date(Date.now() + 600_000) })).toBe('taken');
      expect(smtp.messages.length).toBe(before);
    } finally {
      await world.setAgent({ undoWindowSeconds: 0 });
    }
  });

  it('a hesitant reply waits for review; approved twice (two tabs) it is sent once', async () => {
    const sent = await mailed('hesitant@acme.example', 'Hugo');
    const before = smtp.messages.length;
    const body = replyBody(sent, 'maybe, what does it cost roughly?', 'hes-1');
    expect((await post(body, signInboundEmail(secret, body))).status).toBe(200);
    const item = await reviewItemFor(world, sent.prospectId);
    expect(item.intent).toBe('interested');
    expect(item.draft?.body).toContain('cal.com/alex/intro');
    expect(smtp.messages.length).toBe(before);
    const [a, b] = await Promise.all([
      world.client.request<{ send: string }>('POST', `/api/admin/ai-review-queue/${item.id}/approve`),
      world.client.request('POST', `/api/ai-review-queue/${item.id}/approve`),
    ]);
    expect([a.status, b.status].sort(), `${a.text} ${b.text}`).toEqual([200, 409]);
    const ok = a.status === 200 ? a : b;
    expect(ok.text).toContain('"send":"sent"');
    await until(async () => smtp.messages.length > before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.length).toBe(before + 1);
    const again = await world.client.request('POST', `/api/admin/ai-review-queue/${item.id}/edit`, { json: { body: 'Another try' } });
    expect(again.status).toBe(409);
  });

  it('the injection corpus, with a model that is fooled every time, sends nothing automatically', async () => {
    const sent = await mailed('mallory@acme.example', 'Mallory');
    const before = smtp.messages.length;
    for (const [index, entry] of corpus.entries()) {
      const body = replyBody(sent, entry.text, `inj-${index}`);
      expect((await post(body, signInboundEmail(secret, body))).status).toBe(200);
    }
    const decided = await until(async () => {
      const rows = await inWs((db) => db.select().from(aiDecisions).where(eq(aiDecisions.prospectId, sent.prospectId)));
      return rows.length === corpus.length ? rows : null;
    }, 30_000);
    expect(decided.filter((row) => row.action === 'auto_reply')).toEqual([]);
    const outbound = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, sent.prospectId), eq(messages.sentByAi, true))));
    expect(outbound).toEqual([]);
    expect(smtp.messages.length).toBe(before);
  });

  it('an opt-out is suppressed and never answered', async () => {
    const sent = await mailed('optout@acme.example', 'Olga');
    const body = replyBody(sent, 'Not interested, please remove me from your list.', 'opt-1');
    const before = smtp.messages.length;
    expect((await post(body, signInboundEmail(secret, body))).status).toBe(200);
    const decision = await decisionFor(world, sent.prospectId);
    expect(decision).toMatchObject({ intent: 'unsubscribe', action: 'suppress', provider: 'offline' });
    const [person] = await inWs((db) => db.select().from(prospects).where(eq(prospects.id, sent.prospectId)));
    expect(person?.stage).toBe('unsubscribed');
    expect(await inWs((db) => db.select().from(suppressions).where(eq(suppressions.value, 'optout@acme.example')))).toHaveLength(1);
    expect(await inWs((db) => db.select().from(reviewItems).where(eq(reviewItems.prospectId, sent.prospectId)))).toEqual([]);
    expect(smtp.messages.length).toBe(before);
  });
});
