import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import type { MessageDetailView, OutboundMessageView } from './messages.schemas.js';
import { launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

let t: TestApp;
let world: SendingWorld;

beforeAll(async () => {
  t = await startTestApp();
  world = await sendingWorld(t);
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});

describe('the sandbox outbox', () => {
  it('lists what the sandbox mailbox sent and opens a message with its headers and MIME source', async () => {
    const mailbox = await sandboxMailbox(t, world);
    await launchedCampaign(world, { mailboxIds: [mailbox], steps: [{ delayDays: 0, subject: 'Hello {{firstName}}', body: 'Hi' }], prospects: [{ email: 'lea@outbox.example', firstName: 'Léa' }] });
    expect((await world.tick(nextMonday(9))).sent).toBe(1);

    const list = await world.client.request<{ items: OutboundMessageView[] }>('GET', `/api/admin/messages?mailboxId=${mailbox}&state=sent`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((item) => [item.toEmail, item.subject])).toEqual([['lea@outbox.example', 'Hello Léa']]);

    const detail = await world.client.request<MessageDetailView>('GET', `/api/admin/messages/${list.body.items[0]!.id}`);
    expect(detail.status).toBe(200);
    const names = detail.body.headers.map((header) => header.name.toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['from', 'to', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']));
    expect(detail.body.headers.find((header) => header.name.toLowerCase() === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
    expect(detail.body.raw).toContain('Hi');
  });

  it('answers 404 for a message that does not exist', async () => {
    const res = await world.client.request('GET', '/api/admin/messages/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
  });
});
