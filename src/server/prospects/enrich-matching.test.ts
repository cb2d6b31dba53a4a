import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { addProspect, signedIn, type ErrorBody, type ProspectJson } from './prospects.test-helpers.js';

/** "Enrich" with "all matching" selected: the server applies the list's filter, not a list of ids. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('enrich all matching prospects', () => {
  it('queues exactly the prospects the filter matches, in batch jobs, and they get enriched (offline)', async () => {
    const { client } = await signedIn(t);
    for (const [n, tags] of [[1, ['vip']], [2, ['vip']], [3, []]] as const) {
      expect((await addProspect(client, { email: `p${n}@acme.io`, firstName: `P${n}`, title: 'VP Sales', tags })).status).toBe(201);
    }
    const queued = await client.request<{ matched: number; queued: number; jobs: number }>('POST', '/api/admin/prospects/enrich-matching', { json: { filter: { tag: 'vip' } } });
    expect(queued.status).toBe(200);
    expect(queued.body).toEqual({ matched: 2, queued: 2, jobs: 1 });
    await t.app.jobs.drain();
    const list = await client.request<{ items: ProspectJson[] }>('GET', '/api/admin/prospects?sort=createdAt');
    const stages = Object.fromEntries(list.body.items.map((p) => [p.email, p.stage]));
    expect(stages).toEqual({ 'p1@acme.io': 'enriched', 'p2@acme.io': 'enriched', 'p3@acme.io': 'new' });
  });

  it('a filter matching nobody queues nothing; a bad filter is a 400', async () => {
    const { client } = await signedIn(t);
    const none = await client.request<{ matched: number; queued: number }>('POST', '/api/admin/prospects/enrich-matching', { json: { filter: { tag: 'nobody' } } });
    expect(none.body).toEqual({ matched: 0, queued: 0, jobs: 0 });
    const bad = await client.request<ErrorBody>('POST', '/api/admin/prospects/enrich-matching', { json: { filter: { minFitScore: 500 } } });
    expect(bad.status).toBe(400);
  });
});
