import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { aiDecisions, enrichments, messages } from '../db/schema/index.js';
import { signedIn, type ProspectJson } from './prospects.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

// Two hours ago onwards: before the events this test records now.
const at = (minutes: number) => new Date(Date.now() - 2 * 3600_000 + minutes * 60_000);

describe('prospect detail', () => {
  it('returns every field, the enrichment and the whole conversation in the order it happened', async () => {
    const { client, workspaceId } = await signedIn(t);
    const created = await client.request<ProspectJson>('POST', '/api/admin/prospects', {
      json: { email: 'talk@example.com', firstName: 'Tal', customFields: { source_list: 'VivaTech' } },
    });
    const prospectId = created.body.id;
    await t.database.withWorkspace(workspaceId, async (db) => {
      await db.insert(enrichments).values({ workspaceId, prospectId, provider: 'offline', openingLine: 'Saw your talk', fitScore: 82, talkingPoints: ['Hiring SDRs'] });
      // Inserted out of order on purpose: the timeline sorts by when each thing happened.
      const [reply] = await db
        .insert(messages)
        .values({ workspaceId, prospectId, direction: 'inbound', state: 'received', subject: 'Re: Hello', bodyText: 'Tell me more', receivedAt: at(30) })
        .returning();
      await db.insert(messages).values([
        { workspaceId, prospectId, direction: 'outbound', state: 'sent', subject: 'Hello', bodyText: 'First touch', sentAt: at(0), stepPosition: 1 },
        { workspaceId, prospectId, direction: 'outbound', state: 'sent', subject: 'Re: Hello', bodyText: 'Here is more', sentAt: at(45), sentByAi: true },
      ]);
      await db.insert(aiDecisions).values({
        workspaceId,
        prospectId,
        messageId: reply!.id,
        intent: 'interested',
        confidence: 0.91,
        reason: 'Asks for details',
        action: 'auto_reply',
        provider: 'offline',
        createdAt: at(31),
      });
    });
    await client.trpc().prospects.setStage.mutate({ id: prospectId, stage: 'interested' });

    const detail = await client.trpc().prospects.detail.query({ id: prospectId });
    expect(detail.prospect).toMatchObject({ email: 'talk@example.com', customFields: { source_list: 'VivaTech' } });
    expect(detail.enrichment).toMatchObject({ openingLine: 'Saw your talk', fitScore: 82, talkingPoints: ['Hiring SDRs'] });
    const summary = detail.timeline.map((item) =>
      item.kind === 'message' ? `${item.direction}:${item.bodyText}` : item.kind === 'decision' ? `decision:${item.intent}` : `event:${item.type}`,
    );
    expect(summary).toEqual([
      'outbound:First touch',
      'inbound:Tell me more',
      'decision:interested',
      'outbound:Here is more',
      'event:prospect.created',
      'event:prospect.stage_changed',
    ]);
  });

  it('starts an imported prospect’s history with its arrival (imports record one event per file)', async () => {
    const { client } = await signedIn(t);
    await client.request('POST', '/api/admin/prospects/import', { body: 'email\nimported@example.com\n', contentType: 'text/csv' });
    const [imported] = (await client.request<{ items: ProspectJson[] }>('GET', '/api/admin/prospects')).body.items;
    const detail = await client.trpc().prospects.detail.query({ id: imported!.id });
    expect(detail.timeline).toEqual([expect.objectContaining({ kind: 'event', type: 'prospect.created', data: { source: 'csv' } })]);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const { client } = await signedIn(t);
    const missing = await client.request('GET', '/api/admin/prospects/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const malformed = await client.request<{ error: { issues: { path: string[] }[] } }>('GET', '/api/admin/prospects/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues[0]!.path).toEqual(['id']);
  });
});
