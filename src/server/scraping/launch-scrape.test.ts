import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLinkedinSearchProfiles } from '../../../tests/fakes/linkedin-profiles.js';
import { startFakePhantomBuster, type FakePhantomBuster } from '../../../tests/fakes/phantombuster.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { createOk, type ErrorBody } from '../campaigns/campaigns.test-helpers.js';
import { runToEnd, savePhantomBusterKey, setIcp, setSearch, type RunJson } from './scraping.test-helpers.js';

/** "Launch campaign" with a LinkedIn search: scrape → enrich (offline) → sequence, one action. */

const rows = generateLinkedinSearchProfiles(20, { seed: 3, emailEvery: 2 });
let t: TestApp;
let fake: FakePhantomBuster;

beforeAll(async () => {
  fake = await startFakePhantomBuster({
    agents: [{ id: 'people-search', runningPolls: 2, outcome: { kind: 'profiles', rows }, savedArgument: { sessionCookie: 'li_at=x', search: 'old', numberOfProfiles: 10 } }],
  });
  t = await startTestApp({ PHANTOMBUSTER_API_URL: fake.baseUrl, PHANTOMBUSTER_S3_URL: fake.s3BaseUrl, SCRAPE_POLL_SECONDS: '0.1' });
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

type Preflight = { ok: boolean; checks: { item: string; ok: boolean }[]; prospectsIncoming: boolean; scrape: { willScrape: boolean; searchUrl: string | null } };
type Progress = { stage: string; status: string; counts: Record<string, number>; stages: { stage: string; status: string; done: number; total: number | null }[] };

async function readyCampaign(admin: TestClient) {
  const campaign = await createOk(admin);
  await admin.request('PUT', `/api/admin/campaigns/${campaign.id}/sequence`, { json: { steps: [{ delayDays: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' }] } });
  await admin.request('PATCH', '/api/admin/workspace', { json: { postalAddress: '1 rue de Rivoli, Paris' } });
  return campaign.id;
}

describe('launching a campaign with a LinkedIn search', () => {
  it('is not blocked by "no prospect yet": it scrapes, enriches and enrols the new prospects that have an email', async () => {
    const admin = t.client();
    const account = await admin.signUp({ workspaceName: 'Launch LinkedIn' });
    const campaignId = await readyCampaign(admin);
    await setIcp(t, account.workspace.id, { jobTitles: ['VP Sales'], locations: ['France'] });
    await setSearch(admin, campaignId, { agentId: 'people-search', maxProfiles: 20 });

    // Without a PhantomBuster key the scrape cannot run, so the missing prospects block the launch.
    let preflight = (await admin.request<Preflight>('GET', `/api/admin/campaigns/${campaignId}/preflight`)).body;
    expect(preflight).toMatchObject({ ok: false, prospectsIncoming: false, scrape: { willScrape: false } });
    const blocked = await admin.request<ErrorBody>('POST', `/api/admin/campaigns/${campaignId}/launch`);
    expect([blocked.status, blocked.body.error.reason]).toEqual([409, 'campaign.preflight_failed']);

    await savePhantomBusterKey(admin);
    preflight = (await admin.request<Preflight>('GET', `/api/admin/campaigns/${campaignId}/preflight`)).body;
    expect(preflight).toMatchObject({ ok: true, prospectsIncoming: true, scrape: { willScrape: true } });
    expect(preflight.scrape.searchUrl).toContain('linkedin.com/search/results/people/?keywords=');

    const launched = await admin.request<{ status: string; enrolledProspects: number; scrapeRunId: string | null }>('POST', `/api/admin/campaigns/${campaignId}/launch`);
    expect(launched.status).toBe(200);
    expect(launched.body).toMatchObject({ status: 'active', enrolledProspects: 0 });
    expect(launched.body.scrapeRunId).not.toBeNull();
    let progress = (await admin.request<Progress>('GET', `/api/campaigns/${campaignId}/progress`)).body;
    expect(progress).toMatchObject({ stage: 'scraping', status: 'running' });

    const run: RunJson = await runToEnd(t, admin, account.workspace.id, campaignId, launched.body.scrapeRunId!);
    expect(run).toMatchObject({ status: 'done', counts: { new: 20 } });
    progress = (await admin.request<Progress>('GET', `/api/campaigns/${campaignId}/progress`)).body;
    expect(progress.counts).toMatchObject({ found: 20, new: 20, enriched: 20, failed: 0, enrolled: 10 });
    expect(progress.stages.map((s) => [s.stage, s.status, s.done, s.total])).toEqual([
      ['scraping', 'done', 20, 20],
      ['enriching', 'done', 20, 20],
      ['sequencing', 'done', 10, 10],
    ]);
    const messages = await admin.request<{ items: { toEmail: string; state: string }[] }>('GET', `/api/admin/campaigns/${campaignId}/messages`);
    if (messages.status === 200) expect(messages.body.items.length).toBe(10);

    // Resuming after a pause does not scrape again.
    await admin.request('PATCH', `/api/admin/campaigns/${campaignId}`, { json: { status: 'paused' } });
    const resumed = await admin.request<{ scrapeRunId: string | null }>('POST', `/api/admin/campaigns/${campaignId}/launch`);
    expect(resumed.body.scrapeRunId).toBeNull();
  });
});
