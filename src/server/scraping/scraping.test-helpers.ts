import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { FAKE_PHANTOMBUSTER_KEY } from '../../../tests/fakes/phantombuster.js';
import type { TestApp, TestClient } from '../../../tests/helpers/test-app.js';
import { alerts, icpProfiles, jobs, prospects } from '../db/schema/index.js';

/** Set-up shared by the scraping tests: the key, the ICP, the campaign's search, a run driven to its end. */

export type RunJson = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  searchUrl: string;
  searchSource: 'campaign' | 'icp';
  launches: number;
  containerId: string | null;
  counts: { found: number; new: number; duplicates: number; skipped: number; rejected: number };
  error: string | null;
  prospectIds: string[];
};

export async function savePhantomBusterKey(client: TestClient, apiKey = FAKE_PHANTOMBUSTER_KEY) {
  const saved = await client.request('PUT', '/api/admin/settings/credentials/phantombuster', { json: { apiKey } });
  expect(saved.status).toBe(200);
}

export async function setIcp(t: TestApp, workspaceId: string, icp: { jobTitles?: string[]; keywords?: string[]; locations?: string[]; excludedCompanies?: string[] }) {
  await t.database.withWorkspace(workspaceId, (db) => db.update(icpProfiles).set(icp).where(eq(icpProfiles.workspaceId, workspaceId)));
}

export async function setSearch(client: TestClient, campaignId: string, linkedinSearch: { agentId: string; searchUrl?: string; maxProfiles: number } | null) {
  return client.request<{ linkedinSearch: unknown }>('PATCH', `/api/admin/campaigns/${campaignId}`, { json: { linkedinSearch } });
}

/** Runs the app's jobs, making deferred ones (polls, backoffs) due at once, until the run has ended. */
export async function runToEnd(t: TestApp, client: TestClient, workspaceId: string, campaignId: string, runId: string, maxRounds = 40): Promise<RunJson> {
  for (let round = 0; round < maxRounds; round++) {
    await t.app.jobs.drain();
    const run = await client.request<RunJson>('GET', `/api/campaigns/${campaignId}/scrape-runs/${runId}`);
    if (run.body.status === 'done' || run.body.status === 'failed') {
      await t.app.jobs.drain();
      return run.body;
    }
    await t.database.withWorkspace(workspaceId, (db) => db.execute(sql`update jobs set run_at = now() where state = 'queued'`));
  }
  throw new Error('the scrape run never ended');
}

export async function linkedinProspects(t: TestApp, workspaceId: string) {
  return t.database.withWorkspace(workspaceId, (db) => db.select().from(prospects).where(eq(prospects.source, 'linkedin')));
}

export async function alertsOf(t: TestApp, workspaceId: string) {
  return t.database.withWorkspace(workspaceId, (db) => db.select().from(alerts).where(eq(alerts.workspaceId, workspaceId)));
}

export async function scrapeJobs(t: TestApp, workspaceId: string) {
  return t.database.withWorkspace(workspaceId, (db) => db.select().from(jobs).where(eq(jobs.type, 'scrape.run')));
}
