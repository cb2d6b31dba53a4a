import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSalesNavigatorProfiles } from '../../../tests/fakes/linkedin-profiles.js';
import { FAKE_PHANTOMBUSTER_KEY, startFakePhantomBuster, type FakePhantomBuster } from '../../../tests/fakes/phantombuster.js';
import { containerOutcome, createPhantomBusterClient, type PhantomBusterClient } from '../integrations/phantombuster.js';
import { searchExportArgument } from './launch-argument.js';
import { parsePhantomBusterResult } from './profiles.js';
import { buildPeopleSearchUrl } from './search-url.js';

/**
 * The pure pieces of a scrape chained the way the scrape job will chain them, against the
 * PhantomBuster fake: search from the ICP → launch argument from the agent's own settings →
 * launch → poll until ended → result → profiles. (Insertion and `retryAt` between polls are the
 * job's.)
 */

const rows = generateSalesNavigatorProfiles(50, { duplicates: 6, seed: 7 });
let fake: FakePhantomBuster;
let client: PhantomBusterClient;

beforeAll(async () => {
  fake = await startFakePhantomBuster({
    agents: [
      {
        id: 'search-export',
        runningPolls: 3,
        outcome: { kind: 'profiles', rows },
        savedArgument: { sessionCookie: 'li_at=AQEDAR-secret', searches: 'https://www.linkedin.com/sales/search/people?query=old', numberOfProfiles: 10 },
        requiresSessionCookie: true,
      },
      { id: 'csv-export', runningPolls: 1, outcome: { kind: 'profiles', rows }, resultIn: 'csvOnly', savedArgument: { sessionCookie: 'x', search: 'old', numberOfResultsPerSearch: 10 } },
    ],
  });
  client = createPhantomBusterClient({ apiKey: FAKE_PHANTOMBUSTER_KEY, baseUrl: fake.baseUrl, s3BaseUrl: fake.s3BaseUrl });
});
afterAll(() => fake.close());

async function scrape(agentId: string) {
  const search = buildPeopleSearchUrl({ jobTitles: ['VP Sales', 'Head of Sales'], keywords: ['SaaS'], locations: ['France'] })!;
  const agent = await client.fetchAgent(agentId);
  const argument = searchExportArgument(agent.argument, search.url, 50);
  if (!argument.ok) throw new Error(argument.reason);
  const containerId = await client.launchAgent(agentId, argument.argument);
  let polls = 0;
  for (let finished = false; !finished; ) {
    if (++polls > 20) throw new Error('the agent never ended');
    const outcome = containerOutcome(await client.fetchContainer(containerId));
    if (outcome.state === 'failed') throw new Error(outcome.message);
    finished = outcome.state === 'finished';
  }
  const result = await client.fetchResults(containerId, agentId);
  return { parsed: parsePhantomBusterResult(result), source: result.source, polls, containerId, searchUrl: search.url };
}

describe('a 50-profile scrape through the PhantomBuster fake', () => {
  it('finds the 50 people once each, with their fields, after the agent ran for a few polls', async () => {
    const run = await scrape('search-export');
    expect(run.polls).toBe(4);
    expect(run.source).toBe('resultObject');
    expect(run.parsed).toMatchObject({ total: 56, duplicates: 6, rejectedCount: 0 });
    expect(run.parsed.profiles).toHaveLength(50);
    expect(new Set(run.parsed.profiles.map((profile) => profile.linkedinUrl)).size).toBe(50);
    for (const profile of run.parsed.profiles) {
      expect(profile.linkedinUrl).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[^/?#A-Z]+$/);
      expect(profile.salesNavigatorUrl).toMatch(/^https:\/\/www\.linkedin\.com\/sales\/lead\/ACwAA/);
      expect(profile.firstName && profile.lastName && profile.title && profile.company && profile.location).toBeTruthy();
    }
    // The agent ran our search with the user's saved cookie, which we never sent ourselves.
    const container = fake.containers.get(run.containerId)!;
    expect(container.effectiveArgument).toMatchObject({ searches: run.searchUrl, numberOfProfiles: 50, sessionCookie: 'li_at=AQEDAR-secret' });
    const launch = fake.calls.find((call) => call.path === '/api/v2/agents/launch')!;
    expect(JSON.stringify(launch.body)).not.toContain('secret');
  });

  it('from the accumulated result.csv, a second run lists everyone twice and still yields the same 50', async () => {
    await scrape('csv-export');
    const second = await scrape('csv-export');
    expect(second.source).toBe('csv');
    expect(second.parsed).toMatchObject({ total: 112, duplicates: 62, rejectedCount: 0 });
    expect(second.parsed.profiles.map((profile) => profile.linkedinUrl).sort()).toEqual((await scrape('search-export')).parsed.profiles.map((profile) => profile.linkedinUrl).sort());
  });
});
