import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace } from '../../../tests/helpers/members.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { queryRows } from '../db/database.js';
import { apiCredentials } from '../db/schema/index.js';
import { loadCredential, type CredentialView } from './credentials.service.js';

let t: TestApp;
let admin: TestClient;
let workspaceId: string;
let member: TestClient;

type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };
const BASE = '/api/admin/settings/credentials';

async function rawRow(service: string) {
  const [row] = await t.database.asSystem((db) =>
    queryRows<{ secret_ciphertext: string | null; key_id: string | null; config: Record<string, string>; last4: string | null }>(
      db,
      sql`select secret_ciphertext, key_id, config, last4 from api_credentials where workspace_id = ${workspaceId}::uuid and service = ${service}`,
    ),
  );
  return row;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  workspaceId = (await admin.signUp()).workspace.id;
  member = (await joinWorkspace(t, admin)).client;
});
afterAll(() => t.stop());

describe('saving credentials', () => {
  it('stores the LLM key sealed, answers with only the last 4 characters and the non-secret config', async () => {
    const apiKey = 'sk-test-DISTINCTIVE-llm-key-7d3f';
    const res = await admin.request<CredentialView>('PUT', `${BASE}/openai`, {
      json: { apiKey, baseUrl: 'https://llm.example.com/v1', model: 'gpt-4o' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      service: 'openai',
      isActive: true,
      last4: '7d3f',
      storedSecrets: ['apiKey'],
      readable: true,
      baseUrl: 'https://llm.example.com/v1',
      model: 'gpt-4o',
      lastVerifiedAt: null,
    });
    expect(res.text).not.toContain(apiKey);

    // The column never holds the plaintext: AES-GCM ciphertext naming the key.
    const row = await rawRow('openai');
    expect(row?.secret_ciphertext).toMatch(new RegExp(`^v1\\.${t.app.services.secretBox.currentKeyId}\\.`));
    expect(row?.key_id).toBe(t.app.services.secretBox.currentKeyId);
    expect(JSON.stringify(row)).not.toContain(apiKey);
    expect(row?.config).toEqual({ baseUrl: 'https://llm.example.com/v1', model: 'gpt-4o' });
    expect(JSON.parse(t.app.services.secretBox.open(row!.secret_ciphertext!))).toEqual({ apiKey });
  });

  it('keeps the stored key when apiKey is omitted (changing only the model), and removes it on null', async () => {
    const res = await admin.request<CredentialView>('PUT', `${BASE}/openai`, { json: { model: 'llama3' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: 'llama3', last4: '7d3f', storedSecrets: ['apiKey'] });
    const loaded = await t.database.withWorkspace(workspaceId, (db) => loadCredential(db, t.app.services.secretBox, 'openai'));
    expect(loaded).toEqual({ secrets: { apiKey: 'sk-test-DISTINCTIVE-llm-key-7d3f' }, config: { baseUrl: 'https://llm.example.com/v1', model: 'llama3' } });

    // A local Ollama needs no key: clear it, point the base URL at localhost (allowed outside production).
    const local = await admin.request<CredentialView>('PUT', `${BASE}/openai`, { json: { apiKey: null, baseUrl: 'http://localhost:11434/v1' } });
    expect(local.status).toBe(200);
    expect(local.body).toMatchObject({ last4: null, storedSecrets: [], baseUrl: 'http://localhost:11434/v1', model: 'llama3' });
    expect((await rawRow('openai'))?.secret_ciphertext).toBeNull();
  });

  it('splits per-service extra fields: secrets sealed, links shown', async () => {
    const res = await admin.request<CredentialView>('PUT', `${BASE}/calcom`, {
      json: { apiKey: 'cal_live_secretkey_9a9a', extra: { bookingUrl: 'https://cal.com/alice/30min' } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ last4: '9a9a', storedSecrets: ['apiKey'], bookingUrl: 'https://cal.com/alice/30min' });
    const row = await rawRow('calcom');
    expect(row?.config).toEqual({ bookingUrl: 'https://cal.com/alice/30min' });

    // The notification webhook URL is a credential itself: sealed; only its host is shown.
    const hook = await admin.request<CredentialView>('PUT', `${BASE}/webhook`, { json: { extra: { url: 'https://hooks.slack.com/services/T000/B000/XYZsecretpath' } } });
    expect(hook.status).toBe(200);
    expect(hook.body).toMatchObject({ urlHost: 'hooks.slack.com', storedSecrets: ['url'] });
    expect(hook.text).not.toContain('XYZsecretpath');
    expect(JSON.stringify(await rawRow('webhook'))).not.toContain('XYZsecretpath');
  });

  it('lists what is stored, and deletes (204, then 404)', async () => {
    const list = await admin.request<CredentialView[]>('GET', BASE);
    expect(list.status).toBe(200);
    expect(list.body.map((c) => c.service)).toEqual(['openai', 'calcom', 'webhook']); // in the services' order
    const deleted = await admin.request('DELETE', `${BASE}/webhook`);
    expect(deleted.status).toBe(204);
    expect((await admin.request<ErrorBody>('DELETE', `${BASE}/webhook`)).status).toBe(404);
    expect((await admin.request<CredentialView[]>('GET', BASE)).body.map((c) => c.service)).not.toContain('webhook');
  });

  it('switching a credential off keeps it but hides it from the engines', async () => {
    await admin.request('PUT', `${BASE}/phantombuster`, { json: { apiKey: 'pb-key-0000-1111' } });
    const off = await admin.request<CredentialView>('PUT', `${BASE}/phantombuster`, { json: { isActive: false } });
    expect(off.body).toMatchObject({ isActive: false, last4: '1111' });
    const { secretBox } = t.app.services;
    expect(await t.database.withWorkspace(workspaceId, (db) => loadCredential(db, secretBox, 'phantombuster'))).toBeNull();
    expect(await t.database.withWorkspace(workspaceId, (db) => loadCredential(db, secretBox, 'instantly'))).toBeNull();
  });
});

describe('bad input gets 400 naming the field, and changes nothing', () => {
  const cases: [string, string, unknown, (string | number)[], RegExp][] = [
    ['a required key is missing', 'phantombuster', { isActive: true, apiKey: null }, ['apiKey'], /is required/],
    ['a field of another service', 'phantombuster', { apiKey: 'pb-1234567890', baseUrl: 'https://x.example' }, ['baseUrl'], /not a field of the phantombuster/],
    ['an unknown extra field', 'calcom', { apiKey: 'cal_x_1234567', extra: { favouriteColour: 'blue' } }, ['extra', 'favouriteColour'], /not a field/],
    ['a top-level field sent in extra', 'calcom', { extra: { apiKey: 'cal_x_1234567' } }, ['extra', 'apiKey'], /top level/],
    ['a non-http base URL', 'openai', { baseUrl: 'file:///etc/passwd' }, ['baseUrl'], /http:\/\/ or https:\/\//],
    ['a booking link that is not a URL', 'calcom', { apiKey: 'cal_x_1234567', extra: { bookingUrl: 'my calendar' } }, ['extra', 'bookingUrl'], /valid URL/],
    ['a key with a line break (header injection)', 'instantly', { apiKey: 'abc\r\nX-Evil: 1' }, ['apiKey'], /control characters/],
    ['an over-long key', 'instantly', { apiKey: 'x'.repeat(5000) }, ['apiKey'], /at most 4096/],
    ['a base URL with a password', 'openai', { baseUrl: 'https://user:pass@llm.example.com/v1' }, ['baseUrl'], /user name or password/],
  ];
  for (const [name, service, body, path, message] of cases) {
    it(name, async () => {
      const before = await rawRow(service);
      const res = await admin.request<ErrorBody>('PUT', `${BASE}/${service}`, { json: body });
      expect(res.status).toBe(400);
      const issue = res.body.error.issues?.find((candidate) => JSON.stringify(candidate.path) === JSON.stringify(path));
      expect(issue?.message, JSON.stringify(res.body)).toMatch(message);
      expect(await rawRow(service)).toEqual(before);
    });
  }

  it('an unknown service is 400 on every verb', async () => {
    expect((await admin.request('PUT', `${BASE}/salesforce`, { json: { apiKey: 'x' } })).status).toBe(400);
    expect((await admin.request('POST', `${BASE}/salesforce/verify`)).status).toBe(400);
    expect((await admin.request('DELETE', `${BASE}/salesforce`)).status).toBe(400);
  });
});

describe('access', () => {
  it('members cannot read or change credentials (403), whatever the route', async () => {
    for (const [method, path] of [
      ['GET', BASE],
      ['PUT', `${BASE}/openai`],
      ['POST', `${BASE}/openai/verify`],
      ['DELETE', `${BASE}/openai`],
    ] as const) {
      const res = await member.request<ErrorBody>(method, path, method === 'PUT' ? { json: { model: 'x' } } : {});
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    await expect(member.trpc().credentials.list.query()).rejects.toThrow(/Only workspace admins/);
    // Nothing changed for the admin.
    expect((await admin.request<CredentialView[]>('GET', BASE)).body.find((c) => c.service === 'openai')?.model).toBe('llama3');
  });

  it('signed-out callers get 401', async () => {
    expect((await t.client().request('GET', BASE)).status).toBe(401);
  });

  it('another workspace sees none of these credentials', async () => {
    const other = t.client();
    await other.signUp();
    expect((await other.request<CredentialView[]>('GET', BASE)).body).toEqual([]);
    expect((await other.request('DELETE', `${BASE}/openai`)).status).toBe(404);
    expect((await admin.request<CredentialView[]>('GET', BASE)).body.map((c) => c.service)).toContain('openai');
    const rows = await t.database.withWorkspace(workspaceId, (db) => db.select().from(apiCredentials));
    expect(rows.every((row) => row.workspaceId === workspaceId)).toBe(true);
  });
});
