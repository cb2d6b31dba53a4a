import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { addProspect, allPages, createCampaign, eventsOf, signedIn, type ErrorBody } from './prospects.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

type BulkJson = { affected: number } & ErrorBody;

describe('bulk: add to a campaign, change stage', () => {
  it('adds the selected prospects (by ids or by filter) to a campaign, counting only those that move', async () => {
    const { client, workspaceId } = await signedIn(t);
    const campaignId = await createCampaign(t, workspaceId, 'Spring push');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await addProspect(client, { email: `move${i}@example.com`, company: i < 2 ? 'Alpha' : 'Beta' })).body.id);
    const bulk = (json: unknown) => client.request<BulkJson>('POST', '/api/admin/prospects/bulk', { json });

    expect((await bulk({ ids: ids.slice(0, 1), action: 'add_to_campaign', campaignId })).body.affected).toBe(1);
    expect((await bulk({ filter: { q: 'alpha' }, action: 'add_to_campaign', campaignId })).body.affected).toBe(1);
    const inCampaign = await allPages(client, `campaignId=${campaignId}`);
    expect(inCampaign.items.map((p) => p.email).sort()).toEqual(['move0@example.com', 'move1@example.com']);
    expect(inCampaign.items[0]?.campaignName).toBe('Spring push');

    const events = await eventsOf(t, workspaceId);
    expect(events.at(-1)).toMatchObject({ type: 'prospects.bulk_updated', data: { action: 'add_to_campaign', affected: 1, campaignId } });
  });

  it('moves prospects to a stage, recording it, and leaves the others alone', async () => {
    const { client, workspaceId } = await signedIn(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await addProspect(client, { email: `stage${i}@example.com` })).body.id);
    const moved = await client.request<BulkJson>('POST', '/api/admin/prospects/bulk', { json: { ids: ids.slice(0, 2), action: 'set_stage', stage: 'interested' } });
    expect(moved).toMatchObject({ status: 200, body: { affected: 2 } });
    const again = await client.request<BulkJson>('POST', '/api/admin/prospects/bulk', { json: { filter: {}, action: 'set_stage', stage: 'interested' } });
    expect(again.body.affected).toBe(1);
    const interested = await allPages(client, 'stage=interested');
    expect(interested.items).toHaveLength(3);
    expect((await eventsOf(t, workspaceId)).at(-1)).toMatchObject({ data: { action: 'set_stage', stage: 'interested' } });
  });

  it('refuses a missing or unknown campaign, an archived one, and an unknown stage with 400 naming the field, changing nothing', async () => {
    const { client, workspaceId } = await signedIn(t);
    const id = (await addProspect(client, { email: 'stay@example.com' })).body.id;
    const bulk = (json: unknown) => client.request<BulkJson>('POST', '/api/admin/prospects/bulk', { json });
    const archived = await createCampaign(t, workspaceId, 'Old one');
    await client.request('PATCH', `/api/admin/campaigns/${archived}`, { json: { status: 'archived' } });

    const refusals: [unknown, string][] = [
      [{ ids: [id], action: 'add_to_campaign' }, 'campaignId'],
      [{ ids: [id], action: 'add_to_campaign', campaignId: '00000000-0000-4000-8000-000000000000' }, 'campaignId'],
      [{ ids: [id], action: 'add_to_campaign', campaignId: archived }, 'campaignId'],
      [{ ids: [id], action: 'set_stage' }, 'stage'],
      [{ ids: [id], action: 'set_stage', stage: 'sold' }, 'stage'],
    ];
    for (const [json, field] of refusals) {
      const res = await bulk(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.issues?.[0]?.path).toEqual([field]);
    }
    const [prospect] = (await allPages(client, '')).items;
    expect(prospect).toMatchObject({ campaignId: null, stage: 'new' });
  });
});
