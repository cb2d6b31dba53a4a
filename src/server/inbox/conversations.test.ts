import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiDecisions, campaigns, mailboxes, messages, prospects } from '../db/schema/index.js';
import { insertConversation, listInbox, repliedThread, startInboxWorld, unreadBadge, type InboxPage, type InboxWorld, type InsertedReply } from './inbox.test-helpers.js';

/**
 * The inbox as conversations over REST: one row per prospect who replied, by latest reply, with
 * its count of replies and of unread ones; opening reads it, "mark unread" unreads it; filters
 * read the latest reply; pages never skip or repeat a conversation, ties on the instant included;
 * another workspace sees none of it.
 */
let world: InboxWorld;
const inWs: InboxWorld['inWs'] = (fn) => world.inWs(fn);

type Row = { id: string; latestMessageId: string; prospectId: string; replyCount: number; unreadCount: number; read: boolean; snippet: string; intent: string | null; lastSentMailboxEmail: string | null; campaignId: string | null; receivedAt: string };
type Page = InboxPage<Row>;
const list = (query = '') => listInbox<Row>(world.client, query);
const badge = () => unreadBadge(world.client);
const conversation = (email: string, replies: InsertedReply[]) => insertConversation(world, email, replies);

beforeAll(async () => {
  world = await startInboxWorld();
});
afterAll(() => world.stop());

describe('the inbox, one row per conversation', () => {
  it('shows three replies from one prospect as one row with replyCount 3, unread until opened; mark unread brings it back', async () => {
    const { campaign, sent, replyIds } = await repliedThread(world, { email: 'three@acme.example', firstName: 'Tess', company: 'Acme' }, [
      'Tell me more about it.',
      'Also: does it work with HubSpot?',
      'And one more thing: what about the pricing for ten seats?',
    ]);
    const before = await badge();
    const rows = (await list()).items.filter((row) => row.prospectId === sent.prospectId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: replyIds[2], latestMessageId: replyIds[2], replyCount: 3, unreadCount: 3, read: false, campaignId: campaign });
    expect(rows[0]!.snippet).toContain('pricing for ten seats');
    const [box] = await inWs((db) => db.select({ email: mailboxes.fromEmail }).from(mailboxes).where(eq(mailboxes.id, world.sandbox)));
    expect(rows[0]!.lastSentMailboxEmail).toBe(box!.email);

    // Opening it (the thread, then the read the page sends) reads every reply; the badge counts conversations.
    const thread = await world.client.request<{ messages: { id: string }[] }>('GET', `/api/admin/inbox/threads/${sent.prospectId}`);
    expect(thread.body.messages.map((row) => row.id)).toEqual([sent.id, ...replyIds]);
    const opened = await world.client.request<{ marked: number }>('POST', `/api/admin/inbox/threads/${sent.prospectId}/read`, { json: {} });
    expect(opened.body.marked).toBe(3);
    expect((await list('?unread=true')).items.map((row) => row.prospectId)).not.toContain(sent.prospectId);
    expect((await list()).items.find((row) => row.prospectId === sent.prospectId)).toMatchObject({ read: true, unreadCount: 0, replyCount: 3 });
    expect(await badge()).toEqual({ unread: before.unread - 3, conversations: before.conversations - 1 });

    const unread = await world.client.request<{ marked: number; read: boolean }>('POST', `/api/admin/inbox/threads/${sent.prospectId}/read`, { json: { read: false } });
    expect(unread.body).toEqual({ marked: 1, read: false });
    expect((await list('?unread=true')).items.find((row) => row.prospectId === sent.prospectId)).toMatchObject({ read: false, unreadCount: 1, replyCount: 3 });
    const [latest] = await inWs((db) => db.select({ readAt: messages.readAt }).from(messages).where(eq(messages.id, replyIds[2]!)));
    expect(latest!.readAt).toBeNull();
  });

  it('filters by the latest reply’s intent, by campaign and by unread, conversation by conversation', async () => {
    const [spring] = await inWs((db) => db.insert(campaigns).values({ workspaceId: world.workspaceId, name: 'Spring' }).returning({ id: campaigns.id }));
    const [autumn] = await inWs((db) => db.insert(campaigns).values({ workspaceId: world.workspaceId, name: 'Autumn' }).returning({ id: campaigns.id }));
    const now = Date.now();
    // Changed their mind: a question first, then interested. Another stays a question, all read.
    const changed = await conversation('changed@filters.example', [
      { at: new Date(now - 50_000), intent: 'question', campaignId: spring!.id },
      { at: new Date(now - 40_000), intent: 'interested', campaignId: autumn!.id },
    ]);
    const asks = await conversation('asks@filters.example', [{ at: new Date(now - 30_000), intent: 'question', campaignId: spring!.id, read: true }]);

    const questions = (await list('?intent=question')).items.map((row) => row.prospectId);
    expect(questions).toContain(asks.prospectId);
    expect(questions).not.toContain(changed.prospectId);
    expect((await list('?intent=interested')).items.map((row) => row.prospectId)).toContain(changed.prospectId);

    // In a campaign, the conversation is its replies there: Spring shows the earlier question alone.
    const inSpring = (await list(`?campaignId=${spring!.id}`)).items;
    expect(inSpring.map((row) => row.prospectId)).toEqual([asks.prospectId, changed.prospectId]);
    expect(inSpring[1]).toMatchObject({ latestMessageId: changed.replyIds[0], replyCount: 1, intent: 'question' });
    expect((await list(`?campaignId=${autumn!.id}`)).items.map((row) => row.prospectId)).toEqual([changed.prospectId]);

    const unread = (await list('?unread=true')).items.map((row) => row.prospectId);
    expect(unread).toContain(changed.prospectId);
    expect(unread).not.toContain(asks.prospectId);
    expect((await list('?unread=false')).items.map((row) => row.prospectId)).toContain(asks.prospectId);
    expect((await list(`?mailboxId=${world.sandbox}`)).items.map((row) => row.prospectId)).not.toContain(asks.prospectId);
    expect((await world.client.request('GET', '/api/admin/inbox?intent=maybe')).status).toBe(400);
  });

  it('files a reply under its latest reading as decisions are added, changed or removed', async () => {
    const rethink = await conversation('rethink@filters.example', [{ at: new Date(), intent: 'question' }]);
    const replyId = rethink.replyIds[0]!;
    const filedUnder = async (intent: string) => (await list(`?intent=${intent}`)).items.some((row) => row.prospectId === rethink.prospectId);
    expect(await filedUnder('question')).toBe(true);

    // Read again (a second decision, as a reminder or a retry writes): the new reading files it.
    const [second] = await inWs((db) =>
      db.insert(aiDecisions).values({ workspaceId: world.workspaceId, messageId: replyId, prospectId: rethink.prospectId, intent: 'not_now', confidence: 0.7, action: 'review', provider: 'offline', createdAt: new Date(Date.now() + 1_000) }).returning({ id: aiDecisions.id }),
    );
    expect(await filedUnder('not_now')).toBe(true);
    expect(await filedUnder('question')).toBe(false);

    // A status change is not a new reading; removing the newer decision restores the older one.
    await inWs((db) => db.update(aiDecisions).set({ status: 'rejected' }).where(eq(aiDecisions.id, second!.id)));
    expect(await filedUnder('not_now')).toBe(true);
    await inWs((db) => db.delete(aiDecisions).where(eq(aiDecisions.id, second!.id)));
    expect(await filedUnder('question')).toBe(true);
    expect(await filedUnder('not_now')).toBe(false);
    // A corrected intent on the remaining decision moves it too.
    await inWs((db) => db.update(aiDecisions).set({ intent: 'interested' }).where(eq(aiDecisions.messageId, replyId)));
    expect(await filedUnder('interested')).toBe(true);
    expect(await filedUnder('question')).toBe(false);
  });

  it('pages through conversations whose latest replies share an instant: none skipped, none repeated, ties by id', async () => {
    const tie = new Date(Date.now() + 3_600_000); // ahead of every other reply of this file: these come first
    const made = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) made.push(await conversation(`${name}@ties.example`, [{ at: new Date(tie.getTime() - 60_000) }, { at: tie }]));
    const expected = made.map((row) => ({ prospectId: row.prospectId, latest: row.replyIds[1]! })).sort((x, y) => (x.latest < y.latest ? 1 : -1));

    const seen: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 5).map((row) => ({ prospectId: row.prospectId, latest: row.latestMessageId }))).toEqual(expected);
    expect(seen.slice(0, 5).every((row) => row.replyCount === 2)).toBe(true);
    // Every conversation once, in the order of the list read in one page.
    const whole = await list('?limit=100');
    expect(seen.map((row) => row.prospectId)).toEqual(whole.items.map((row) => row.prospectId));
    expect(new Set(seen.map((row) => row.prospectId)).size).toBe(seen.length);
    const repliers = await inWs((db) => db.selectDistinct({ id: messages.prospectId }).from(messages).where(eq(messages.direction, 'inbound')));
    expect(seen).toHaveLength(repliers.length);

    const bad = await world.client.request<{ error: { reason: string } }>('GET', '/api/admin/inbox?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.error.reason).toBe('list.invalid_cursor');
  });

  it('keeps workspaces apart: another workspace lists none of these conversations, and cannot read or unread them', async () => {
    const { prospectId } = await conversation('private@tenant.example', [{ at: new Date() }]);
    const other = world.app.client();
    await other.signUp({ workspaceName: 'Other Co' });
    expect((await listInbox<Row>(other)).items).toEqual([]);
    expect((await other.request<{ conversations: number }>('GET', '/api/admin/inbox/unread-count')).body.conversations).toBe(0);
    expect((await other.request('GET', `/api/admin/inbox/threads/${prospectId}`)).status).toBe(404);
    expect((await other.request('POST', `/api/admin/inbox/threads/${prospectId}/read`, { json: {} })).status).toBe(404);
    expect((await other.request('POST', `/api/admin/inbox/threads/${prospectId}/read`, { json: { read: false } })).status).toBe(404);
    expect((await list()).items.find((row) => row.prospectId === prospectId)).toMatchObject({ read: false, unreadCount: 1 });

    // A prospect of ours who never replied: nothing to mark unread.
    const [silent] = await inWs((db) => db.insert(prospects).values({ workspaceId: world.workspaceId, email: 'silent@tenant.example' }).returning({ id: prospects.id }));
    const res = await world.client.request<{ error: { reason: string } }>('POST', `/api/admin/inbox/threads/${silent!.id}/read`, { json: { read: false } });
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('inbox.nothing_to_mark');
  });
});
