import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENAI_KEY, startFakeOpenAi, type FakeOpenAi } from '../../../tests/fakes/openai.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { addProspect, createCampaign, importCsvText, signedIn, type ErrorBody, type ProspectJson } from '../prospects/prospects.test-helpers.js';
import { goodModel, promptData } from './enrichment.test-helpers.js';

/** The enrichment endpoints over REST, with the app's own job engine drained by the test. */

let t: TestApp;
let fake: FakeOpenAi;
beforeAll(async () => {
  t = await startTestApp();
  fake = await startFakeOpenAi({ responder: goodModel });
});
afterAll(async () => {
  await fake.close();
  await t.stop();
});

type Progress = { stage: string; status: string; counts: { queued: number; running: number; enriched: number; failed: number }; errors: { message: string }[]; startedAt: string | null; finishedAt: string | null };
type Usage = { months: { month: string; prospects: number; requests: number; tokensIn: number; tokensOut: number; estimatedCostUsd: number | null; costIsPartial: boolean }[]; campaigns: { campaignId: string | null; campaignName: string | null; tokensIn: number }[] };

async function withLlm(client: TestClient) {
  const saved = await client.request('PUT', '/api/admin/settings/credentials/openai', { json: { apiKey: FAKE_OPENAI_KEY, baseUrl: fake.baseUrl, model: 'gpt-4o-mini' } });
  expect(saved.status).toBe(200);
}

describe('enrichment over REST', () => {
  it('bulk "Enrich" queues the prospects, the jobs enrich them, usage and cost show per month and campaign', async () => {
    const { client, workspaceId } = await signedIn(t);
    await withLlm(client);
    const campaignId = await createCampaign(t, workspaceId, 'Launch');
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const res = await addProspect(client, { email: `vp${n}@acme.io`, firstName: `Ann${n}`, title: 'VP Sales', company: 'Acme', campaignId });
      ids.push(res.body.id);
    }
    const settings = await client.request<{ provider: string; model: string; concurrency: number; perMinute: number }>('GET', '/api/admin/enrichment/settings');
    expect(settings.body).toEqual({ provider: 'llm', model: 'gpt-4o-mini', concurrency: 5, perMinute: 120 });

    const queued = await client.request<{ queued: number; jobs: number }>('POST', '/api/admin/prospects/enrich', { json: { prospectIds: ids } });
    expect(queued.status).toBe(200);
    expect(queued.body).toEqual({ queued: 2, jobs: 1 });
    const status = await client.request<{ status: string }>('GET', `/api/admin/prospects/${ids[0]}/enrichment-status`);
    expect(status.body).toMatchObject({ status: 'queued', error: null });
    await t.app.jobs.drain();

    const progress = await client.request<Progress>('GET', `/api/campaigns/${campaignId}/progress`);
    expect(progress.body).toMatchObject({ stage: 'enriching', status: 'done', counts: { queued: 0, running: 0, enriched: 2, failed: 0 }, errors: [] });
    expect(progress.body.finishedAt).not.toBeNull();
    const usage = await client.request<Usage>('GET', '/api/admin/enrichment/usage');
    expect(usage.status).toBe(200);
    expect(usage.body.months).toHaveLength(1);
    expect(usage.body.months[0]).toMatchObject({ month: new Date().toISOString().slice(0, 7), prospects: 2, requests: 2, costIsPartial: false });
    expect(usage.body.months[0]!.tokensIn).toBeGreaterThan(200);
    expect(usage.body.months[0]!.estimatedCostUsd).toBeGreaterThan(0);
    expect(usage.body.campaigns).toMatchObject([{ campaignId, campaignName: 'Launch' }]);
    const detail = await client.request<{ stage: string }>('GET', `/api/admin/prospects/${ids[0]}`);
    expect(detail.body.stage).toBe('enriched');
  });

  it('refuses bad input with a 400 and an unknown campaign with a 404, queuing nothing', async () => {
    const { client } = await signedIn(t);
    const empty = await client.request<ErrorBody>('POST', '/api/admin/prospects/enrich', { json: { prospectIds: [] } });
    expect(empty.status).toBe(400);
    const notIds = await client.request<ErrorBody>('POST', '/api/admin/prospects/enrich', { json: { prospectIds: ['nope'] } });
    expect(notIds.status).toBe(400);
    const unknown = await client.request<ErrorBody>('POST', '/api/campaigns/00000000-0000-4000-8000-000000000000/trigger-enrichment', { json: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.reason).toBe('campaign.not_found');
    const budget = await client.request<ErrorBody>('PUT', '/api/admin/enrichment/settings', { json: { concurrency: 0, perMinute: 10 } });
    expect(budget.status).toBe(400);
    // Another workspace's prospect is not queued (row-level security), and says so in the count.
    const other = await signedIn(t);
    const theirs = await addProspect(other.client, { email: 'someone@else.io' });
    const foreign = await client.request<{ queued: number }>('POST', '/api/admin/prospects/enrich', { json: { prospectIds: [theirs.body.id] } });
    expect(foreign.body).toEqual({ queued: 0, jobs: 0 });
  });

  it('offline when no LLM is configured; a CSV import into a campaign enriches on arrival unless turned off', async () => {
    const { client, workspaceId } = await signedIn(t);
    const onArrival = await createCampaign(t, workspaceId, 'On arrival');
    const manual = await createCampaign(t, workspaceId, 'Manual');
    const off = await client.request('PUT', `/api/admin/campaigns/${manual}/enrichment`, { json: { enrichOnArrival: false } });
    expect(off.status).toBe(200);
    const chatsBefore = fake.chats.length;
    await importCsvText(client, 'email,first_name,title,company,location\nzoe@beta.fr,Zoé,VP Sales,Beta,"Lyon, France"\n', `?campaignId=${onArrival}`);
    await importCsvText(client, 'email,first_name\nmax@gamma.io,Max\n', `?campaignId=${manual}`);
    await t.app.jobs.drain();

    const settings = await client.request<{ provider: string; model: string }>('GET', '/api/admin/enrichment/settings');
    expect(settings.body).toMatchObject({ provider: 'offline', model: 'offline-rules-v1' });
    const list = await client.request<{ items: (ProspectJson & { fitScore: number | null })[] }>('GET', '/api/admin/prospects?sort=createdAt');
    const zoe = list.body.items.find((p) => p.email === 'zoe@beta.fr')!;
    const max = list.body.items.find((p) => p.email === 'max@gamma.io')!;
    expect(zoe.stage).toBe('enriched');
    expect(max.stage).toBe('new');
    const progress = await client.request<Progress>('GET', `/api/campaigns/${manual}/progress`);
    expect(progress.body).toMatchObject({ status: 'idle', counts: { enriched: 0 } });
    // Triggered by hand, the campaign that does not enrich on arrival gets enriched too.
    const triggered = await client.request<{ queued: number }>('POST', `/api/campaigns/${manual}/trigger-enrichment`, { json: {} });
    expect(triggered.body).toEqual({ queued: 1, jobs: 1 });
    await t.app.jobs.drain();
    expect((await client.request<Progress>('GET', `/api/campaigns/${manual}/progress`)).body).toMatchObject({ status: 'done', counts: { enriched: 1 } });
    expect(fake.chats.length).toBe(chatsBefore);
  });
});

describe('fit score on the prospects list', () => {
  it('is a column, a minimum-score filter and a sort that pages with its cursor', async () => {
    const { client } = await signedIn(t);
    await withLlm(client);
    const scores = new Map([['a@fit.io', 95], ['b@fit.io', 40], ['c@fit.io', 70], ['d@fit.io', 70]]);
    const nameOf = (email: string) => `Name-${email.split('@')[0]}`;
    fake.responder = (request) => {
      const email = [...scores.keys()].find((key) => promptData(request).firstName === nameOf(key));
      return { ...goodModel(request), fitScore: email ? scores.get(email)! : 0 };
    };
    const ids: string[] = [];
    for (const email of [...scores.keys(), 'e@fit.io']) {
      ids.push((await addProspect(client, { email, firstName: nameOf(email), title: 'VP Sales' })).body.id);
    }
    // The last one is never enriched: no score, listed last when sorting by fit.
    await client.request('POST', '/api/admin/prospects/enrich', { json: { prospectIds: ids.slice(0, 4) } });
    await t.app.jobs.drain();
    fake.responder = goodModel;

    type Page = { items: { email: string; fitScore: number | null }[]; nextCursor: string | null };
    const first = await client.request<Page>('GET', '/api/admin/prospects?sort=fitScore&order=desc&limit=2');
    expect(first.body.items.map((p) => [p.email, p.fitScore])).toEqual([['a@fit.io', 95], expect.arrayContaining([70])]);
    const rest = await client.request<Page>('GET', `/api/admin/prospects?sort=fitScore&order=desc&limit=10&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    const all = [...first.body.items, ...rest.body.items];
    expect(all.map((p) => p.fitScore)).toEqual([95, 70, 70, 40, null]);
    expect(new Set(all.map((p) => p.email)).size).toBe(5);

    const good = await client.request<Page>('GET', '/api/admin/prospects?minFitScore=70');
    expect(good.body.items.map((p) => p.email).sort()).toEqual(['a@fit.io', 'c@fit.io', 'd@fit.io']);
    const count = await client.request<ErrorBody>('GET', '/api/admin/prospects?minFitScore=101');
    expect(count.status).toBe(400);
    const forged = await client.request<ErrorBody>('GET', '/api/admin/prospects?sort=fitScore&cursor=bogus');
    expect(forged.status).toBe(400);
  });
});
