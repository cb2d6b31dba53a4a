import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import type { Db } from '../db/database.js';
import { aiDecisions, messages, prospects } from '../db/schema/index.js';
import { launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';

/** Shared by the inbox tests: a workspace that sends from its sandbox mailbox, replies to read, and the inbox read over REST. */

export type InboxWorld = SendingWorld & {
  app: TestApp;
  /** The workspace's sandbox mailbox, open all week: what the campaigns of these tests send from. */
  sandbox: string;
  /** The clock the send ticks run at: next Monday 09:00 UTC, inside every default send window. */
  sendAt: Date;
  inWs: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
  stop(): Promise<void>;
};

export async function startInboxWorld(): Promise<InboxWorld> {
  const app = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  const world = await sendingWorld(app);
  const sandbox = await sandboxMailbox(app, world);
  return {
    ...world,
    app,
    sandbox,
    sendAt: nextMonday(9),
    inWs: (fn) => app.database.withWorkspace(world.workspaceId, fn),
    stop: async () => {
      await world.services.close();
      await app.stop();
    },
  };
}

export type InboxPage<Item> = { items: Item[]; nextCursor: string | null };

/** GET /api/admin/inbox with the query string given (`?intent=…`), as `client` sees it. */
export async function listInbox<Item>(client: TestClient, query = ''): Promise<InboxPage<Item>> {
  const res = await client.request<InboxPage<Item>>('GET', `/api/admin/inbox${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** The inbox badge: unread replies, and the conversations they are in. */
export async function unreadBadge(client: TestClient): Promise<{ unread: number; conversations: number }> {
  const res = await client.request<{ unread: number; conversations: number }>('GET', '/api/admin/inbox/unread-count');
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/**
 * One prospect mailed by a launched campaign from the sandbox, who answered with each of `texts` in
 * turn (through the app's simulated reply, so the agent reads each one).
 */
export async function repliedThread(world: InboxWorld, prospect: { email: string; firstName: string; lastName?: string; company: string }, texts: string[]) {
  const campaign = await launchedCampaign(world, {
    mailboxIds: [world.sandbox],
    steps: [{ delayDays: 0, subject: 'Idea for {{company}}', body: 'Hi {{firstName}}, an idea.' }],
    prospects: [prospect],
  });
  await world.tick(world.sendAt);
  const sent = (await world.messages(campaign)).find((row) => row.toEmail === prospect.email && row.state === 'sent')!;
  // The tick ran at next Monday's clock; the replies come now: the send is put back an hour before them.
  await world.inWs((db) => db.update(messages).set({ sentAt: new Date(Date.now() - 3_600_000) }).where(eq(messages.id, sent.id)));
  const replyIds: string[] = [];
  for (const text of texts) {
    const res = await world.client.request<{ messageId: string }>('POST', `/api/admin/messages/${sent.id}/simulate-reply`, { json: { text } });
    expect(res.status, res.text).toBe(200);
    replyIds.push(res.body.messageId);
  }
  return { campaign, sent, replyIds };
}

export type InsertedReply = { at: Date; intent?: 'question' | 'interested' | 'not_now'; campaignId?: string; read?: boolean };

/** A prospect and replies written straight to the database, at the instants given (ties on purpose), each read as `intent` if given. */
export async function insertConversation(world: InboxWorld, email: string, replies: InsertedReply[]) {
  return world.inWs(async (db) => {
    const [person] = await db.insert(prospects).values({ workspaceId: world.workspaceId, email, firstName: email.split('@')[0] }).returning({ id: prospects.id });
    const ids: string[] = [];
    for (const [index, reply] of replies.entries()) {
      const [row] = await db
        .insert(messages)
        .values({ workspaceId: world.workspaceId, prospectId: person!.id, campaignId: reply.campaignId ?? null, direction: 'inbound', state: 'received', fromEmail: email, subject: `Re: hello ${index + 1}`, bodyText: `Reply ${index + 1} from ${email}`, receivedAt: reply.at, readAt: reply.read ? reply.at : null })
        .returning({ id: messages.id });
      if (reply.intent) await db.insert(aiDecisions).values({ workspaceId: world.workspaceId, messageId: row!.id, prospectId: person!.id, intent: reply.intent, confidence: 0.9, action: 'review', provider: 'offline' });
      ids.push(row!.id);
    }
    return { prospectId: person!.id, replyIds: ids };
  });
}
