import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSalesNavigatorProfiles } from '../../../tests/fakes/linkedin-profiles.js';
import { startFakePhantomBuster, type FakePhantomBuster } from '../../../tests/fakes/phantombuster.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { createCampaign, signedIn, type ErrorBody } from '../prospects/prospects.test-helpers.js';
import { alertsOf, linkedinProspects, runToEnd, savePhantomBusterKey, scrapeJobs, setIcp, setSearch, type RunJson } from './scraping.test-helpers.js';

/** LinkedIn scraping over REST: the app's own job engine against the PhantomBuster fake on a socket. */

const rows = generateSalesNavigatorProfiles(50, { duplicates: 6, seed: 11, emailEvery: 5 });
const saved = { sessionCookie: 'li_at=AQEDAR-secret', searches: 'https://www.linkedin.com/sales/search/people?query=old', numberOfProfiles: 10 };
let t: TestApp;
let fake: FakePhantomBuster;

beforeAll(async () => {
  fake = await startFakePhantomBuster({
    agents: [
      { id: 'search-export', runningPolls: 3, outcome: { kind: 'profiles', rows }, savedArgument: saved, requiresSessionCookie: true },
      { id: 'csv-export', runningPolls: 1, outcome: { kind: 'profiles', rows }, resultIn: 'csvOnly', savedArgument: { ...saved } },
      { id: 'broken-agent', runningPolls: 1, outcome: { kind: 'fails', endType: 'agent timeout', exitCode: 1 }, savedArgument: saved },
      { id: 'slow-agent', runningPolls: 1000, outcome: { kind: 'profiles', rows }, savedArgument: saved },
    ],
  });
  t = await startTestApp({ PHANTOMBUSTER_API_URL: fake.baseUrl, PHANTOMBUSTER_S3_URL: fake.s3BaseUrl, SCRAPE_POLL_SECONDS: '0.1' });
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

async function campaignWithSearch(agentId: string, maxProfiles = 50) {
  const account = await signedIn(t);
  await savePhantomBusterKey(account.client);
  await setIcp(t, account.workspaceId, { jobTitles: ['VP Sales', 'Head of Sales'], keywords: ['SaaS'], locations: ['France'] });
  const campaignId = await createCampaign(t, account.workspaceId, `Scrape ${agentId}`);
  const patched = await setSearch(account.client, campaignId, { agentId, maxProfiles });
  expect(patched.status).toBe(200);
  return { ...account, campaignId };
}

const trigger = (c: { client: TestApp['client'] extends () => infer C ? C : never; campaignId: string }) =>
  c.client.request<RunJson & ErrorBody>('POST', `/api/campaigns/${c.campaignId}/trigger-scrape`);

describe('a LinkedIn scrape through PhantomBuster', () => {
  it('50 profiles become 50 linkedin prospects with their fields, enriched on arrival; a re-run adds no duplicate', async () => {
    const c = await campaignWithSearch('search-export');
    const preview = await c.client.request<{ searchUrl: string; source: string; problem: string | null; hasApiKey: boolean }>('GET', `/api/admin/campaigns/${c.campaignId}/linkedin-search-preview`);
    expect(preview.body).toMatchObject({ source: 'icp', problem: null, hasApiKey: true });
    expect(preview.body.searchUrl).toBe('https://www.linkedin.com/search/results/people/?keywords=' + encodeURIComponent('("VP Sales" OR "Head of Sales") AND "SaaS" AND "France"'));
    const campaign = await c.client.request<{ linkedinSearch: unknown }>('GET', `/api/admin/campaigns/${c.campaignId}`);
    expect(campaign.body.linkedinSearch).toEqual({ agentId: 'search-export', searchUrl: null, maxProfiles: 50 });

    const queued = await trigger(c);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', searchSource: 'icp', searchUrl: preview.body.searchUrl });
    const run = await runToEnd(t, c.client, c.workspaceId, c.campaignId, queued.body.id);
    expect(run).toMatchObject({ status: 'done', launches: 1, error: null, counts: { found: 56, new: 50, duplicates: 6, skipped: 0, rejected: 0 } });
    expect(run.prospectIds).toHaveLength(50);

    const people = await linkedinProspects(t, c.workspaceId);
    expect(people).toHaveLength(50);
    expect(new Set(people.map((p) => p.linkedinUrl)).size).toBe(50);
    expect(people.map((p) => p.id).sort()).toEqual([...run.prospectIds].sort());
    for (const person of people) {
      expect(person.campaignId).toBe(c.campaignId);
      expect(person.linkedinUrl).toMatch(/^https:\/\/www\.linkedin\.com\/in\//);
      expect(person.firstName && person.lastName && person.title && person.company && person.location).toBeTruthy();
      expect(person.customFields.salesNavigatorUrl).toMatch(/^https:\/\/www\.linkedin\.com\/sales\/lead\//);
    }
    expect(people.filter((p) => p.email).length).toBe(10);
    // The agent ran our search with the cookie saved in it, which we never sent.
    const container = fake.containers.get(run.containerId!)!;
    expect(container.effectiveArgument).toMatchObject({ searches: preview.body.searchUrl, numberOfProfiles: 50, sessionCookie: 'li_at=AQEDAR-secret' });

    // Enrich on arrival (offline provider: no LLM configured), visible in the three-stage progress.
    const progress = await c.client.request<{ stage: string; status: string; counts: Record<string, number>; stages: { stage: string; status: string; done: number; total: number | null }[] }>('GET', `/api/campaigns/${c.campaignId}/progress`);
    expect(progress.body.counts).toMatchObject({ found: 56, new: 50, duplicates: 6, skipped: 0, enriched: 50, failed: 0 });
    expect(progress.body.stages.map((s) => [s.stage, s.status])).toEqual([['scraping', 'done'], ['enriching', 'done'], ['sequencing', 'idle']]);
    expect(progress.body).toMatchObject({ stage: 'enriching', status: 'done' });
    expect(people.every((p) => p.stage === 'enriched')).toBe(true);

    const again = await trigger(c);
    const rerun = await runToEnd(t, c.client, c.workspaceId, c.campaignId, again.body.id);
    expect(rerun).toMatchObject({ status: 'done', counts: { found: 56, new: 0, duplicates: 56 } });
    expect(rerun.prospectIds).toEqual([]);
    expect(await linkedinProspects(t, c.workspaceId)).toHaveLength(50);
  }, 90_000);

  it('reads the result CSV when there is no result object, and counts ICP exclusions as skipped', async () => {
    const c = await campaignWithSearch('csv-export');
    const excluded = String(rows[0]!.companyName ?? rows[0]!.company);
    await setIcp(t, c.workspaceId, { excludedCompanies: [excluded] });
    const run = await runToEnd(t, c.client, c.workspaceId, c.campaignId, (await trigger(c)).body.id);
    expect(run.status).toBe('done');
    expect(run.counts.skipped).toBeGreaterThan(0);
    expect(run.counts.new + run.counts.skipped).toBe(50);
    const people = await linkedinProspects(t, c.workspaceId);
    expect(people).toHaveLength(run.counts.new);
    expect(people.some((p) => p.company === excluded)).toBe(false);
  });

  it('a failing agent is launched again (3 attempts), then the run fails with the reason and an alert is raised', async () => {
    const c = await campaignWithSearch('broken-agent');
    const run = await runToEnd(t, c.client, c.workspaceId, c.campaignId, (await trigger(c)).body.id);
    expect(run.status).toBe('failed');
    expect(run.launches).toBe(3);
    expect(run.error).toContain('The PhantomBuster agent ended with "agent timeout"');
    const [job] = await scrapeJobs(t, c.workspaceId);
    expect(job).toMatchObject({ state: 'failed', attempts: 3 });
    const raised = await alertsOf(t, c.workspaceId);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.message).toContain('agent timeout');
    const progress = await c.client.request<{ stage: string; status: string; errors: { message: string }[] }>('GET', `/api/campaigns/${c.campaignId}/progress`);
    expect(progress.body).toMatchObject({ stage: 'scraping', status: 'failed' });
    expect(progress.body.errors[0]!.message).toContain('agent timeout');
  });

  it('a refused key fails at once with "PhantomBuster rejected the API key", no retries', async () => {
    const c = await campaignWithSearch('search-export');
    await savePhantomBusterKey(c.client, 'pb-wrong-key-9999');
    const run = await runToEnd(t, c.client, c.workspaceId, c.campaignId, (await trigger(c)).body.id);
    expect(run).toMatchObject({ status: 'failed', error: 'PhantomBuster rejected the API key', launches: 0 });
    const [job] = await scrapeJobs(t, c.workspaceId);
    expect(job).toMatchObject({ state: 'failed', attempts: 1, lastOutcome: 'failed_permanently' });
  });

  it('a 429 waits as long as Retry-After says, without using an attempt', async () => {
    const c = await campaignWithSearch('search-export');
    const queued = await trigger(c);
    fake.rateLimit(1, '120');
    const before = Date.now();
    await t.app.jobs.drain();
    const [job] = await scrapeJobs(t, c.workspaceId);
    expect(job!.state).toBe('queued');
    expect(job!.lastOutcome).toBe('retry_scheduled');
    expect(job!.runAt.getTime() - before).toBeGreaterThanOrEqual(119_000);
    expect(job!.runAt.getTime() - before).toBeLessThan(125_000);
    const run = await runToEnd(t, c.client, c.workspaceId, c.campaignId, queued.body.id);
    expect(run).toMatchObject({ status: 'done', launches: 1 });
    const [done] = await scrapeJobs(t, c.workspaceId);
    expect(done!.attempts).toBeLessThanOrEqual(1);
  });
  // Last: its agent never ends, so its polls would share the fake with the tests after it.
  it('refuses a second launch while one runs (409), and a campaign without agent, search or key', async () => {
    const c = await campaignWithSearch('slow-agent');
    const first = await trigger(c);
    expect(first.status).toBe(202);
    await t.app.jobs.drain();
    const second = await trigger(c);
    expect(second.status).toBe(409);
    expect(second.body.error.reason).toBe('scrape.already_running');
    expect((await scrapeJobs(t, c.workspaceId)).length).toBe(1);

    const noAgent = await signedIn(t);
    await savePhantomBusterKey(noAgent.client);
    const bare = await createCampaign(t, noAgent.workspaceId, 'No search');
    const refused = await noAgent.client.request<ErrorBody>('POST', `/api/campaigns/${bare}/trigger-scrape`);
    expect([refused.status, refused.body.error.reason]).toEqual([409, 'scrape.no_agent']);
    await setSearch(noAgent.client, bare, { agentId: 'search-export', maxProfiles: 10 });
    const noSearch = await noAgent.client.request<ErrorBody>('POST', `/api/campaigns/${bare}/trigger-scrape`);
    expect([noSearch.status, noSearch.body.error.reason]).toEqual([409, 'scrape.no_search']);

    const noKey = await signedIn(t);
    const other = await createCampaign(t, noKey.workspaceId, 'No key');
    await setSearch(noKey.client, other, { agentId: 'search-export', searchUrl: 'https://www.linkedin.com/sales/search/people?query=(keywords%3AVP)', maxProfiles: 10 });
    const withoutKey = await noKey.client.request<ErrorBody>('POST', `/api/campaigns/${other}/trigger-scrape`);
    expect([withoutKey.status, withoutKey.body.error.reason]).toEqual([409, 'scrape.no_key']);

    const badUrl = await setSearch(noKey.client, other, { agentId: 'search-export', searchUrl: 'https://example.com/people', maxProfiles: 10 });
    expect(badUrl.status).toBe(400);
    const tooMany = await setSearch(noKey.client, other, { agentId: 'search-export', maxProfiles: 5000 });
    expect(tooMany.status).toBe(400);
    const missing = await noKey.client.request<ErrorBody>('GET', `/api/campaigns/${other}/scrape-runs/00000000-0000-4000-8000-000000000000`);
    expect([missing.status, missing.body.error.reason]).toEqual([404, 'scrape.run_not_found']);
  });

});
