import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { recordEvent } from '../events/events.service.js';
import { WorkspaceFixtures } from './test-fixtures.js';

type Stats = { health: { inputs: { failedJobs24h: number } } };

let t: TestApp;
let admin: TestClient;
let fixtures: WorkspaceFixtures;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  fixtures = new WorkspaceFixtures(t.database, (await admin.signUp({ workspaceName: 'Cache Co' })).workspace.id);
});
afterAll(() => t.stop());

const failedJobs = async () => (await admin.request<Stats>('GET', '/api/admin/dashboard/stats')).body.health.inputs.failedJobs24h;

async function eventually(read: () => Promise<number>, expected: number): Promise<number> {
  const deadline = Date.now() + 5000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

it('serves the health inputs from a short cache that the workspace event bus clears at once', async () => {
  expect(await failedJobs()).toBe(0);
  // A row written without an event: within the cache lifetime the burst of reads does not see it…
  await fixtures.failedJob(new Date());
  expect(await failedJobs()).toBe(0);
  // …and the event that the job engine records with a failure makes the next read see it.
  await t.database.withWorkspace(fixtures.workspaceId, (db) => recordEvent(db, { workspaceId: fixtures.workspaceId, type: 'job.failed', data: {} }));
  expect(await eventually(failedJobs, 1)).toBe(1);
  // Another workspace's events leave this cache alone (and do not leak its numbers).
  const other = t.client();
  await other.signUp({ workspaceName: 'Other Co' });
  expect((await other.request<Stats>('GET', '/api/admin/dashboard/stats')).body.health.inputs.failedJobs24h).toBe(0);
});
