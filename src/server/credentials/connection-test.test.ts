import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEYS, startFakeHttpApi, type FakeHttpApi } from '../../../tests/fakes/fake-http-api.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { loadConfig } from '../config.js';
import { SecretBox } from '../crypto/secret-box.js';
import type { CredentialView } from './credentials.service.js';
import { sendNotification } from './notifications.js';

type Verified = { ok: boolean; error: string | null; account: string | null; credential: CredentialView };
type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };
const BASE = '/api/admin/settings/credentials';

let fake: FakeHttpApi;
let t: TestApp;
let admin: TestClient;
let closedPort: number;

beforeAll(async () => {
  fake = await startFakeHttpApi();
  t = await startTestApp(fake.env());
  admin = t.client();
  await admin.signUp({ workspaceName: 'Verify Co' });
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

async function save(service: string, json: unknown) {
  const res = await admin.request<CredentialView>('PUT', `${BASE}/${service}`, { json });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function verify(service: string) {
  const res = await admin.request<Verified>('POST', `${BASE}/${service}/verify`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function listed(service: string) {
  return (await admin.request<CredentialView[]>('GET', BASE)).body.find((c) => c.service === service)!;
}

describe('Test connection', () => {
  it('records ok and the time for a good key, on every API service', async () => {
    const cases: [string, unknown, string | null][] = [
      ['phantombuster', { apiKey: FAKE_KEYS.phantombuster }, '2 agents'],
      ['calcom', { apiKey: FAKE_KEYS.calcom, extra: { bookingUrl: 'https://cal.com/alice' } }, 'alice@cal.example'],
      ['calendly', { apiKey: FAKE_KEYS.calendly }, 'bob@calendly.example'],
      ['instantly', { apiKey: FAKE_KEYS.instantly }, 'sender@instantly.example'],
      ['openai', { apiKey: FAKE_KEYS.openai, model: 'gpt-4o-mini' }, `${new URL(fake.url).host} · gpt-4o-mini`],
    ];
    for (const [service, body, account] of cases) {
      await save(service, body);
      const before = Date.now();
      const result = await verify(service);
      expect(result, service).toMatchObject({ ok: true, error: null, account, credential: { lastVerifyOk: true, lastVerifyError: null } });
      expect(new Date(result.credential.lastVerifiedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(await listed(service)).toMatchObject({ lastVerifyOk: true, lastVerifyError: null });
    }
    // The key travels only to the service, in its own header.
    expect(fake.requests.some((r) => r.headers['x-phantombuster-key'] === FAKE_KEYS.phantombuster)).toBe(true);
  });

  it('records the error with a clear message for a refused key, without the key', async () => {
    await save('calendly', { apiKey: 'calendly-revoked-token-zzzz' });
    const result = await verify('calendly');
    expect(result).toMatchObject({ ok: false, error: 'The API key was refused', account: null, credential: { lastVerifyOk: false, lastVerifyError: 'The API key was refused' } });
    expect(JSON.stringify(result)).not.toContain('calendly-revoked-token');
    expect(await listed('calendly')).toMatchObject({ lastVerifyOk: false, lastVerifyError: 'The API key was refused' });
  });

  it('records "Could not connect" when nothing listens at the base URL', async () => {
    await save('openai', { apiKey: null, baseUrl: `http://127.0.0.1:${closedPort}/v1` });
    const result = await verify('openai');
    expect(result).toMatchObject({ ok: false, error: `Could not connect to 127.0.0.1:${closedPort}` });
    expect(result.credential.lastVerifiedAt).not.toBeNull();
  });

  it('accepts an LLM with a base URL and no key (local Ollama/vLLM)', async () => {
    const saved = await save('openai', { apiKey: null, baseUrl: fake.baseUrl('ollama'), model: 'llama3' });
    expect(saved).toMatchObject({ storedSecrets: [], last4: null, lastVerifiedAt: null });
    const result = await verify('openai');
    expect(result).toMatchObject({ ok: true, credential: { lastVerifyOk: true } });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/ollama/v1/models' });
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('posts a test notification to the webhook; a failing receiver is recorded', async () => {
    await save('webhook', { extra: { url: `${fake.url}/webhook/zapier-hook-secret-path`, secret: 'signing-secret-abc' } });
    const ok = await verify('webhook');
    expect(ok).toMatchObject({ ok: true, account: new URL(fake.url).host });
    const delivery = fake.requests.at(-1)!;
    expect(delivery).toMatchObject({ method: 'POST', path: '/webhook/zapier-hook-secret-path' });
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'test', workspace: 'Verify Co' });
    expect(delivery.headers['x-sales-machine-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.stringify(ok)).not.toContain('zapier-hook-secret-path');

    await save('webhook', { extra: { url: `${fake.url}/webhook/fail` } });
    expect(await verify('webhook')).toMatchObject({ ok: false, error: `The webhook at ${new URL(fake.url).host} answered HTTP 500` });
  });

  it('a new key forgets the last result; testing a service with nothing saved is 404', async () => {
    await save('instantly', { apiKey: FAKE_KEYS.instantly });
    await verify('instantly');
    const changed = await save('instantly', { apiKey: 'instantly-new-key-0002' });
    expect(changed).toMatchObject({ lastVerifiedAt: null, lastVerifyOk: null, lastVerifyError: null });
    await admin.request('DELETE', `${BASE}/phantombuster`);
    const missing = await admin.request<ErrorBody>('POST', `${BASE}/phantombuster/verify`);
    expect(missing.status).toBe(404);
  });

  it('a credential sealed with a lost key shows as unreadable and its test says why', async () => {
    await save('calcom', { apiKey: FAKE_KEYS.calcom });
    const lost = new SecretBox(Buffer.alloc(32, 7)).seal(JSON.stringify({ apiKey: 'whatever' }));
    await t.database.asSystem((db) => db.execute(sql`update api_credentials set secret_ciphertext = ${lost.ciphertext} where service = 'calcom'`));
    expect(await listed('calcom')).toMatchObject({ readable: false, storedSecrets: [] });
    const result = await verify('calcom');
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be decrypted with the current encryption key: enter it again/) });
    // Entering the key again repairs it.
    expect(await save('calcom', { apiKey: FAKE_KEYS.calcom })).toMatchObject({ readable: true, storedSecrets: ['apiKey'] });
  });
});

describe('notifications for the engines', () => {
  it('posts to the configured webhook, says when there is none or it fails', async () => {
    const workspaceId = (await admin.request<{ workspace: { id: string } }>('GET', '/api/me')).body.workspace.id;
    const services = t.app.services;
    await admin.request('DELETE', `${BASE}/webhook`);
    expect(await sendNotification(services, workspaceId, { type: 'reply.received', text: 'New reply' })).toEqual({ sent: false, reason: 'not_configured' });

    await save('webhook', { extra: { url: `${fake.url}/webhook/engine` } });
    expect(await sendNotification(services, workspaceId, { type: 'reply.received', text: 'New reply from Ana', prospectId: 'p1' })).toEqual({ sent: true });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/webhook/engine' });
    expect(JSON.parse(fake.requests.at(-1)!.body)).toEqual({ type: 'reply.received', text: 'New reply from Ana', prospectId: 'p1' });
    expect(fake.requests.at(-1)!.headers['x-sales-machine-event']).toBe('reply.received');

    await save('webhook', { extra: { url: `${fake.url}/webhook/fail` } });
    expect(await sendNotification(services, workspaceId, { type: 'x', text: 'y' })).toMatchObject({ sent: false, reason: 'failed', error: expect.stringMatching(/HTTP 500/) });
    await save('webhook', { isActive: false });
    expect(await sendNotification(services, workspaceId, { type: 'x', text: 'y' })).toEqual({ sent: false, reason: 'not_configured' });

    // Sealed by a key this server no longer has: reported as a failed delivery, never thrown at the engine.
    await save('webhook', { isActive: true, extra: { url: `${fake.url}/webhook/engine` } });
    const lost = new SecretBox(Buffer.alloc(32, 9)).seal(JSON.stringify({ url: `${fake.url}/webhook/engine` }));
    await t.database.asSystem((db) => db.execute(sql`update api_credentials set secret_ciphertext = ${lost.ciphertext} where service = 'webhook'`));
    expect(await sendNotification(services, workspaceId, { type: 'x', text: 'y' })).toMatchObject({ sent: false, reason: 'failed', error: expect.stringMatching(/cannot be decrypted/) });
  });
});

describe('private network URLs (SSRF guard)', () => {
  it('is off unless ALLOW_PRIVATE_NETWORK_URLS says so (bare `npm start` too), on under tests', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).allowPrivateNetworkUrls).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_PRIVATE_NETWORK_URLS: 'true' }).allowPrivateNetworkUrls).toBe(true);
    // `npm start` runs as development, with no variable set.
    expect(loadConfig({}).allowPrivateNetworkUrls).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).allowPrivateNetworkUrls).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).allowPrivateNetworkUrls).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', ALLOW_PRIVATE_NETWORK_URLS: 'false' }).allowPrivateNetworkUrls).toBe(false);
  });

  it('when off: refuses private webhook and base URLs on save (400) and at test time, but trusts the operator’s base URLs', async () => {
    const strict = await startTestApp({ ...fake.env(), ALLOW_PRIVATE_NETWORK_URLS: 'false' });
    try {
      const client = strict.client();
      await client.signUp();
      for (const [service, body, path] of [
        ['openai', { baseUrl: 'http://localhost:11434/v1' }, ['baseUrl']],
        ['openai', { baseUrl: 'http://169.254.169.254/latest' }, ['baseUrl']],
        ['webhook', { extra: { url: 'http://10.0.0.8/hook' } }, ['extra', 'url']],
      ] as const) {
        const res = await client.request<ErrorBody>('PUT', `${BASE}/${service}`, { json: body });
        expect(res.status).toBe(400);
        expect(res.body.error.issues?.[0]).toMatchObject({ path, message: expect.stringMatching(/private network address.*ALLOW_PRIVATE_NETWORK_URLS/) });
      }
      // OPENAI_BASE_URL (set by the operator) points at the local fake: allowed.
      await client.request('PUT', `${BASE}/openai`, { json: { apiKey: FAKE_KEYS.openai } });
      expect((await client.request<Verified>('POST', `${BASE}/openai/verify`)).body).toMatchObject({ ok: true });
      // A row saved while the flag was on (or written directly) is still refused when called.
      await client.request('PUT', `${BASE}/webhook`, { json: { extra: { url: 'https://hooks.example.com/x' } } });
      await strict.database.asSystem((db) =>
        db.execute(sql`update api_credentials set config = '{}'::jsonb where service = 'webhook'`),
      );
      const box = strict.app.services.secretBox;
      const sealed = box.seal(JSON.stringify({ url: `${fake.url}/webhook/inside` }));
      await strict.database.asSystem((db) => db.execute(sql`update api_credentials set secret_ciphertext = ${sealed.ciphertext} where service = 'webhook'`));
      const refused = (await client.request<Verified>('POST', `${BASE}/webhook/verify`)).body;
      expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/private network address/) });
      expect(fake.requests.some((r) => r.path === '/webhook/inside')).toBe(false);
    } finally {
      await strict.stop();
    }
  });
});
