import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSalesNavigatorProfiles } from '../../../tests/fakes/linkedin-profiles.js';
import { FAKE_PHANTOMBUSTER_KEY, startFakePhantomBuster, type FakePhantomBuster } from '../../../tests/fakes/phantombuster.js';
import { containerOutcome, createPhantomBusterClient, PhantomBusterAuthError, type PhantomBusterClient } from './phantombuster.js';
import { failureDisposition, PermanentIntegrationError, RateLimitedError, TransientIntegrationError } from './retryable-errors.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const profiles = generateSalesNavigatorProfiles(12);
let fake: FakePhantomBuster;
let client: PhantomBusterClient;

beforeAll(async () => {
  fake = await startFakePhantomBuster({
    agents: [
      { id: 'sales-nav', runningPolls: 2, outcome: { kind: 'profiles', rows: profiles }, savedArgument: { sessionCookie: 'li_at=secret-cookie', numberOfProfiles: 100 }, requiresSessionCookie: true },
      { id: 'times-out', runningPolls: 1, outcome: { kind: 'fails', endType: 'agent timeout', exitCode: 1 } },
      { id: 'csv-only', runningPolls: 0, outcome: { kind: 'profiles', rows: profiles.slice(0, 3) }, resultIn: 'csvOnly' },
      { id: 'broken', runningPolls: 0, outcome: { kind: 'profiles', rows: profiles.slice(0, 2) }, resultIn: 'brokenObject' },
      { id: 'empty-handed', runningPolls: 0, outcome: { kind: 'profiles', rows: profiles.slice(0, 2) }, resultIn: 'nowhere' },
    ],
  });
  client = createPhantomBusterClient({ apiKey: FAKE_PHANTOMBUSTER_KEY, baseUrl: fake.baseUrl, s3BaseUrl: fake.s3BaseUrl, now: () => NOW });
});
afterAll(() => fake.close());

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a rejection');
}

async function runToEnd(containerId: string) {
  for (let poll = 0; poll < 10; poll++) {
    const outcome = containerOutcome(await client.fetchContainer(containerId));
    if (outcome.state !== 'running') return { outcome, polls: poll + 1 };
  }
  throw new Error('never ended');
}

describe('PhantomBuster client: a run from launch to result', () => {
  it('launches with the key header, polls while running, then reads the result object (a JSON string) as profiles', async () => {
    const containerId = await client.launchAgent('sales-nav', { searches: 'https://www.linkedin.com/sales/search/people?query=x', numberOfProfiles: 12 });
    expect(containerId).toMatch(/^\d+$/);
    const launch = fake.calls.find((call) => call.path === '/api/v2/agents/launch')!;
    expect(launch.headers['x-phantombuster-key']).toBe(FAKE_PHANTOMBUSTER_KEY);
    expect(launch.body).toEqual({ id: 'sales-nav', bonusArgument: { searches: 'https://www.linkedin.com/sales/search/people?query=x', numberOfProfiles: 12 } });

    const first = await client.fetchContainer(containerId);
    expect(first).toMatchObject({ id: containerId, status: 'running', endType: null, exitCode: null });
    expect(containerOutcome(first)).toEqual({ state: 'running' });
    const { outcome, polls } = await runToEnd(containerId);
    expect(outcome).toEqual({ state: 'finished' });
    expect(polls).toBe(2);

    const result = await client.fetchResults(containerId, 'sales-nav');
    expect(result).toEqual({ source: 'resultObject', data: profiles });
    // The saved LinkedIn cookie survived the launch: bonusArgument merges, it does not replace.
    expect(fake.containers.get(containerId)?.effectiveArgument).toMatchObject({ sessionCookie: 'li_at=secret-cookie', numberOfProfiles: 12 });
  });

  it('a launch that replaces the argument drops the saved cookie, and the agent fails (exit code 1)', async () => {
    const containerId = await client.launchAgent('sales-nav', { searches: 'https://www.linkedin.com/sales/search/people?query=x' }, { as: 'argument' });
    expect(fake.calls.at(-1)?.body).toEqual({ id: 'sales-nav', argument: { searches: 'https://www.linkedin.com/sales/search/people?query=x' } });
    const { outcome } = await runToEnd(containerId);
    expect(outcome).toEqual({ state: 'failed', message: 'The PhantomBuster agent ended with "finished" (exit code 1)' });
  });

  it('an agent that times out is a failed outcome naming the end type', async () => {
    const containerId = await client.launchAgent('times-out', {});
    const { outcome } = await runToEnd(containerId);
    expect(outcome).toEqual({ state: 'failed', message: 'The PhantomBuster agent ended with "agent timeout" (exit code 1)' });
  });

  it('falls back to the agent result.csv when the container has no result object, without sending the key to S3', async () => {
    const containerId = await client.launchAgent('csv-only', {});
    await runToEnd(containerId);
    expect(await client.fetchResultObject(containerId)).toBeNull();
    const result = await client.fetchResults(containerId, 'csv-only');
    expect(result.source).toBe('csv');
    if (result.source !== 'csv') throw new Error('unreachable');
    expect(result.csv.split('\n')[0]).toMatch(/^profileUrl,fullName,firstName,lastName,companyName,title,/);
    expect(result.csv).toContain(String(profiles[2]!.vmid));
    const s3Call = fake.calls.filter((call) => call.path.startsWith('/s3/')).at(-1)!;
    expect(s3Call.path).toBe('/s3/org0fake0folder/agentcsv-only/result.csv');
    expect(s3Call.headers['x-phantombuster-key']).toBeUndefined();
  });

  it('falls back to the CSV when the result object is not JSON, and fails permanently when there is no result at all', async () => {
    const broken = await client.launchAgent('broken', {});
    await runToEnd(broken);
    expect((await client.fetchResults(broken, 'broken')).source).toBe('csv');

    const empty = await client.launchAgent('empty-handed', {});
    await runToEnd(empty);
    const error = await rejection(client.fetchResults(empty, 'empty-handed'));
    expect(error).toBeInstanceOf(PermanentIntegrationError);
    expect(error.message).toBe('The PhantomBuster agent finished without a result (no result object, no result.csv)');
  });
});

describe('PhantomBuster client: failures are typed for the job engine', () => {
  it('a refused key is PhantomBusterAuthError with the user-facing message, never the key, and is not retried', async () => {
    const wrong = createPhantomBusterClient({ apiKey: 'pb-wrong-key-9999', baseUrl: fake.baseUrl });
    for (const call of [wrong.launchAgent('sales-nav', {}), wrong.fetchContainer('1'), wrong.fetchResultObject('1')]) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(PhantomBusterAuthError);
      expect(error.message).toBe('PhantomBuster rejected the API key');
      expect(failureDisposition(error)).toEqual({ action: 'fail', message: 'PhantomBuster rejected the API key' });
    }
    // "Test connection" keeps its settings-page wording.
    expect((await rejection(wrong.verify())).message).toBe('The API key was refused');
  });

  it('429 carries Retry-After, in seconds or as an HTTP date', async () => {
    fake.rateLimit(1, '30');
    const seconds = await rejection(client.fetchContainer('1'));
    expect(seconds).toBeInstanceOf(RateLimitedError);
    expect((seconds as RateLimitedError).retryAfterMs).toBe(30_000);
    expect(failureDisposition(seconds)).toMatchObject({ action: 'retry', retryAfterMs: 30_000 });

    fake.rateLimit(1, new Date(NOW.getTime() + 90_000).toUTCString());
    const date = await rejection(client.launchAgent('sales-nav', {}));
    expect((date as RateLimitedError).retryAfterMs).toBe(90_000);
    // The limit lifted: the next call goes through.
    expect(await client.launchAgent('times-out', {})).toMatch(/^\d+$/);
  });

  it('5xx is transient; an unknown container (404) is permanent with PhantomBuster\'s words', async () => {
    fake.failNext(1);
    const serverError = await rejection(client.fetchContainer('1'));
    expect(serverError).toBeInstanceOf(TransientIntegrationError);
    expect(serverError.message).toMatch(/had an error \(HTTP 500\): Internal server error$/);
    expect(failureDisposition(serverError)).toMatchObject({ action: 'retry', retryAfterMs: null });

    const missing = await rejection(client.fetchContainer('424242'));
    expect(missing).toBeInstanceOf(PermanentIntegrationError);
    expect(failureDisposition(missing).action).toBe('fail');
  });

  it('a silent server is a transient timeout; a closed port a transient connection error', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as AddressInfo).port;
    const slow = createPhantomBusterClient({ apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/api/v2`, timeoutMs: 200 });
    const timeout = await rejection(slow.fetchContainer('1'));
    expect(timeout).toBeInstanceOf(TransientIntegrationError);
    expect(timeout.message).toBe(`127.0.0.1:${port} did not answer within 200 ms`);
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));

    const refused = createPhantomBusterClient({ apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/api/v2` });
    const error = await rejection(refused.launchAgent('a', {}));
    expect(error).toBeInstanceOf(TransientIntegrationError);
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${port}`);
  });

  it('refuses result folders that could leave the agent folder (an answer is not trusted as a path)', async () => {
    const hostile = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: '1', s3Folder: '../../other-org', orgS3Folder: 'org' }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    const hostileClient = createPhantomBusterClient({ apiKey: 'k', baseUrl: `${base}/api/v2`, s3BaseUrl: `${base}/s3` });
    const error = await rejection(hostileClient.fetchResultCsv('1'));
    expect(error).toBeInstanceOf(PermanentIntegrationError);
    expect(error.message).toBe('PhantomBuster answered with an unusable result folder');
    hostile.closeAllConnections();
    hostile.close();
  });
});
