import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, reviewItems, suppressions } from '../db/schema/index.js';
import { launchedCampaign } from '../sending/sending.test-helpers.js';
import { listInbox, repliedThread, startInboxWorld, unreadBadge, type InboxWorld } from './inbox.test-helpers.js';

/**
 * The inbox over REST: replies listed newest first with the agent's reading, a thread in order,
 * a hand-written answer sent once in the thread from the sandbox mailbox, read flags, and refusals
 * (a suppressed address, a prospect of another workspace).
 */
let world: InboxWorld;
const inWs: InboxWorld['inWs'] = (fn) => world.inWs(fn);

type Item = { id: string; prospectId: string; intent: string | null; read: boolean; subject: string; mailboxId: string | null; campaignId: string | null };
const list = (query = '') => listInbox<Item>(world.client, query);

async function replied(email: string, text: string) {
  const { campaign, sent, replyIds } = await repliedThread(world, { email, firstName: 'Nina', lastName: 'Roy', company: 'Acme' }, [text]);
  return { campaign, sent, replyId: replyIds[0]!, prospectId: sent.prospectId };
}

beforeAll(async () => {
  world = await startInboxWorld();
});
afterAll(() => world.stop());

describe('the inbox', () => {
  it('lists replies newest first with their intent, filters them, and pages with a cursor', async () => {
    const first = await replied('one@acme.example', 'Maybe, what does it cost?');
    const second = await replied('two@acme.example', 'unsubscribe');
    const all = await list();
    expect(all.items.map((item) => item.id).slice(0, 2)).toEqual([second.replyId, first.replyId]);
    expect(all.items[0]).toMatchObject({ intent: 'unsubscribe', read: false, mailboxId: world.sandbox, campaignId: second.campaign });

    const unsubscribes = await list('?intent=unsubscribe');
    expect(unsubscribes.items.map((item) => item.id)).toEqual([second.replyId]);
    const byCampaign = await list(`?campaignId=${first.campaign}`);
    expect(byCampaign.items.map((item) => item.id)).toEqual([first.replyId]);

    const page1 = await list('?limit=1');
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await list(`?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
    expect((await world.client.request('GET', '/api/admin/inbox?cursor=garbage')).status).toBe(400);
  });

  it('marks a reply read and unread; the unread filter and count follow', async () => {
    const { replyId } = await replied('read@acme.example', 'Tell me more');
    const before = await unreadBadge(world.client);
    expect((await world.client.request('POST', `/api/admin/inbox/messages/${replyId}/read`, { json: { read: true } })).status).toBe(200);
    const after = await unreadBadge(world.client);
    expect(after.unread).toBe(before.unread - 1);
    const unread = await list('?unread=true');
    expect(unread.items.map((item) => item.id)).not.toContain(replyId);
    await world.client.request('POST', `/api/admin/inbox/messages/${replyId}/read`, { json: { read: false } });
    const again = await list('?unread=true');
    expect(again.items.map((item) => item.id)).toContain(replyId);
    expect((await world.client.request('POST', `/api/admin/inbox/messages/${crypto.randomUUID()}/read`, { json: { read: true } })).status).toBe(404);
  });

  it('shows the thread in order and sends a hand-written answer once, in the thread, from the mailbox the reply came to', async () => {
    const { sent, replyId, prospectId } = await replied('hand@acme.example', 'Interesting. Can you send me details?');
    const thread = await world.client.request<{ prospect: { email: string }; messages: { id: string; direction: string; decision: { intent: string } | null }[] }>('GET', `/api/admin/inbox/threads/${prospectId}`);
    expect(thread.status, thread.text).toBe(200);
    expect(thread.body.prospect.email).toBe('hand@acme.example');
    expect(thread.body.messages.map((row) => row.id)).toEqual([sent.id, replyId]);
    expect(thread.body.messages[1]!.decision).not.toBeNull();

    const body = 'Hi Nina, here are the details you asked for.';
    const [a, b] = await Promise.all([
      world.client.request<{ messageId: string; send: string | null; duplicate: boolean }>('POST', `/api/admin/inbox/threads/${prospectId}/reply`, { json: { body } }),
      world.client.request<{ messageId: string; send: string | null; duplicate: boolean }>('POST', `/api/admin/inbox/threads/${prospectId}/reply`, { json: { body } }),
    ]);
    expect(a.status, a.text).toBe(200);
    expect(b.status, b.text).toBe(200);
    expect(a.body.messageId).toBe(b.body.messageId);
    expect([a.body.duplicate, b.body.duplicate].sort()).toEqual([false, true]);
    const answers = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, prospectId), eq(messages.replyToMessageId, replyId))));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ state: 'sent', mailboxId: world.sandbox, toEmail: 'hand@acme.example', sentByAi: false, bodyText: body, subject: 'Re: Idea for Acme' });
    expect(answers[0]!.inReplyTo).toBeTruthy();
    // The agent's draft for this reply no longer waits: approving it now would answer twice.
    const [item] = await inWs((db) => db.select().from(reviewItems).where(eq(reviewItems.prospectId, prospectId)));
    expect(item).toMatchObject({ status: 'rejected', rejectReason: 'Answered by hand from the inbox' });
    expect((await world.client.request('POST', `/api/admin/ai-review-queue/${item!.id}/approve`)).status).toBe(409);
    const after = await world.client.request<{ messages: { id: string }[] }>('GET', `/api/admin/inbox/threads/${prospectId}`);
    expect(after.body.messages.map((row) => row.id)).toEqual([sent.id, replyId, answers[0]!.id]);
  });

  it('refuses to answer a suppressed address, and mails nothing', async () => {
    const { prospectId, replyId } = await replied('gone@acme.example', 'Can you tell me more?');
    await inWs((db) => db.insert(suppressions).values({ workspaceId: world.workspaceId, kind: 'email', value: 'gone@acme.example', reason: 'manual' }));
    const res = await world.client.request<{ error: { reason: string } }>('POST', `/api/admin/inbox/threads/${prospectId}/reply`, { json: { body: 'Hello again' } });
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('inbox.suppressed');
    expect(await inWs((db) => db.select().from(messages).where(eq(messages.replyToMessageId, replyId)))).toEqual([]);
  });

  it('refuses an empty answer and a prospect that has not replied', async () => {
    const { prospectId } = await replied('empty@acme.example', 'ok tell me more');
    expect((await world.client.request('POST', `/api/admin/inbox/threads/${prospectId}/reply`, { json: { body: '   ' } })).status).toBe(400);
    const campaign = await launchedCampaign(world, { mailboxIds: [world.sandbox], steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }], prospects: [{ email: 'silent@acme.example', firstName: 'Sam' }] });
    await world.tick(world.sendAt);
    const silent = (await world.messages(campaign)).find((row) => row.toEmail === 'silent@acme.example')!;
    const res = await world.client.request<{ error: { reason: string } }>('POST', `/api/admin/inbox/threads/${silent.prospectId}/reply`, { json: { body: 'Hello?' } });
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('inbox.nothing_to_answer');
  });

  it('keeps workspaces apart: another workspace sees none of these replies, and their ids are 404', async () => {
    const { prospectId, replyId } = await replied('private@acme.example', 'Sounds good, tell me more');
    const other = world.app.client();
    await other.signUp({ workspaceName: 'Other Co' });
    expect((await listInbox<Item>(other)).items).toEqual([]);
    expect((await other.request('GET', `/api/admin/inbox/threads/${prospectId}`)).status).toBe(404);
    expect((await other.request('POST', `/api/admin/inbox/threads/${prospectId}/reply`, { json: { body: 'Hi' } })).status).toBe(404);
    expect((await other.request('POST', `/api/admin/inbox/messages/${replyId}/read`, { json: { read: true } })).status).toBe(404);
    expect(await inWs((db) => db.select().from(messages).where(eq(messages.replyToMessageId, replyId)))).toEqual([]);
  });
});
