import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import type { Db } from '../db/database.js';
import { aiDecisions, messages, prospects } from '../db/schema/index.js';
import { sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';

/** Instantly `reply_received` through the app's own wiring: stored as a reply, decided, once. */
let t: TestApp;
let world: SendingWorld;
beforeAll(async () => {
  t = await startTestApp({ JOBS_ENABLED: 'false' });
  world = await sendingWorld(t);
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});
const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);

describe('Instantly replies reach the reply pipeline', () => {
  it('stores the reply on the prospect, once on redelivery, and the agent decides it', async () => {
    const created = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: 'Through Instantly', mailboxIds: [] } });
    expect(created.status, created.text).toBe(201);
    const linked = await world.client.request('PUT', `/api/admin/campaigns/${created.body.id}/instantly`, { json: { instantlyCampaignId: 'camp-live' } });
    expect(linked.status, linked.text).toBe(200);
    const [person] = await inWorkspace((db) => db.insert(prospects).values({ workspaceId: world.workspaceId, email: 'lea@roux.example', firstName: 'Léa', campaignId: created.body.id, stage: 'contacted' }).returning());
    const { url, secret } = (await world.client.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/instantly/reveal')).body;
    const event = {
      timestamp: new Date().toISOString(),
      event_type: 'reply_received',
      campaign_id: 'camp-live',
      lead_email: 'lea@roux.example',
      email_account: 'sender@instantly.example',
      email_id: 'em_live_1',
      reply_subject: 'Re: Quick question',
      reply_text: 'Not interested, please remove me from your list.',
    };
    const post = () => fetch(url, { method: 'POST', body: JSON.stringify(event), headers: { 'content-type': 'application/json', 'x-sales-machine-secret': secret } });
    expect(await (await post()).json()).toEqual({ status: 'reply_ingested' });
    expect((await post()).status).toBe(200);

    const inbound = await inWorkspace((db) => db.select().from(messages).where(and(eq(messages.prospectId, person!.id), eq(messages.direction, 'inbound'))));
    expect(inbound).toHaveLength(1);
    expect(inbound[0]!.bodyText).toContain('Not interested');
    // Decided at once (not at the next poll): an opt-out is suppressed, never answered.
    await expect.poll(async () => (await inWorkspace((db) => db.select().from(aiDecisions).where(eq(aiDecisions.messageId, inbound[0]!.id)))).map((d) => d.action), { timeout: 15_000 }).toEqual(['suppress']);
    const outbound = await inWorkspace((db) => db.select().from(messages).where(and(eq(messages.prospectId, person!.id), eq(messages.direction, 'outbound'))));
    expect(outbound).toHaveLength(0);
  });
});
