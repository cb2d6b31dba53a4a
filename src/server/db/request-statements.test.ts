import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_TMP, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { TestClient } from '../../../tests/helpers/test-app.js';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * Round trips of one typical read (issue 12): the session, its user and membership in one
 * statement, then the procedure's queries in one transaction whose scope is set once. Counted at
 * the driver seam (`onStatement` sees every statement and every BEGIN), so a change that adds a
 * query or a transaction to every request shows up here.
 */
let statements: string[] = [];
let database: TestDatabase;
let app: App;
let client: TestClient;

beforeAll(async () => {
  database = await createTestDatabase({ onStatement: (query) => statements.push(query) });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', DATA_DIR: mkdtempSync(path.join(TEST_TMP, 'data-')) });
  app = await createApp(config, { database });
  client = new TestClient(await app.start());
  await client.signUp({ workspaceName: 'Counted Co' });
  for (const name of ['One', 'Two']) expect((await client.request('POST', '/api/admin/campaigns', { json: { name } })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await database?.close();
});

async function countedGet(pathname: string) {
  statements = [];
  const res = await client.request<{ items?: unknown[] }>('GET', pathname);
  expect(res.status).toBe(200);
  const seen = statements;
  statements = [];
  return { res, transactions: seen.filter((query) => query === 'begin').length, statements: seen.filter((query) => query !== 'begin') };
}

describe('one typical GET', () => {
  it('GET /api/admin/campaigns: one statement for session and membership, one transaction for the rest', async () => {
    const { res, transactions, statements: sent } = await countedGet('/api/admin/campaigns');
    expect(res.body.items).toHaveLength(2);
    expect(sent[0]).toContain('sales_machine_session_auth');
    expect(transactions).toBe(1);
    // session+membership, scope, total, page, counters, mailbox links (was 12 statements in 3 transactions).
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(6);
  });

  it('GET /api/admin/dashboard/stats reads counters in one transaction', async () => {
    const { transactions, statements: sent } = await countedGet('/api/admin/dashboard/stats');
    expect(transactions).toBe(1);
    // session+membership, scope, daily rollup, prospect total, operational counts (was 9 in 4 transactions).
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(5);
    expect(sent.some((query) => /from "?messages"?/i.test(query)), 'the dashboard must not scan messages').toBe(false);
    // Nor the report rollup (campaigns × mailboxes × steps × variants per day): its per-day sums.
    expect(sent.some((query) => /report_rollups/i.test(query)), 'the dashboard reads dashboard_days').toBe(false);
    expect(sent.some((query) => /dashboard_days/i.test(query))).toBe(true);
  });

  it('a request without a valid session costs one statement and no transaction', async () => {
    const anonymous = new TestClient(client.baseUrl);
    anonymous.cookies.set('sm_session', 'not.a-real-session');
    statements = [];
    const res = await anonymous.request('GET', '/api/admin/campaigns');
    expect(res.status).toBe(401);
    expect(statements.filter((query) => query === 'begin')).toHaveLength(0);
    expect(statements.length).toBeLessThanOrEqual(1);
  });
});
