import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { mailboxBody } from '../mailboxes/mailboxes.test-helpers.js';

/**
 * With private networks allowed (a local Ollama, a relay on the LAN), link-local and cloud
 * metadata addresses stay refused: they hand out the host's cloud credentials.
 */

type ErrorBody = { error: { issues?: { path: (string | number)[]; message: string; params?: Record<string, unknown> }[] } };
const CREDENTIALS = '/api/admin/settings/credentials';

let t: TestApp;
let client: TestClient;
beforeAll(async () => {
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  client = t.client();
  await client.signUp();
});
afterAll(() => t.stop());

describe('link-local and metadata addresses, even with ALLOW_PRIVATE_NETWORK_URLS=true', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.170.2/v2/credentials',
    'http://[fd00:ec2::254]/latest',
    'http://[fe80::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://100.100.100.200/latest',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('a base URL or webhook at %s is refused (400)', async (url) => {
    for (const [service, body, path] of [
      ['openai', { baseUrl: url }, ['baseUrl']],
      ['webhook', { extra: { url } }, ['extra', 'url']],
    ] as const) {
      const res = await client.request<ErrorBody>('PUT', `${CREDENTIALS}/${service}`, { json: body });
      expect(res.status, `${service} ${url}`).toBe(400);
      expect(res.body.error.issues?.[0]).toMatchObject({ path, message: expect.stringMatching(/link-local or cloud metadata/) });
    }
  });

  it('an SMTP or IMAP host there is refused (400)', async () => {
    const server = { port: 587, secure: false, user: 'alice@acme.example', password: 'right-password' };
    for (const [body, path] of [
      [{ smtp: { ...server, host: '169.254.169.254' } }, ['smtp', 'host']],
      [{ imap: { ...server, host: 'fd00:ec2::254' } }, ['imap', 'host']],
    ] as const) {
      const res = await client.request<ErrorBody>('POST', '/api/admin/mailboxes', { json: mailboxBody(body) });
      expect(res.status).toBe(400);
      expect(res.body.error.issues?.[0]).toMatchObject({ path, message: expect.stringMatching(/link-local or cloud metadata/) });
    }
  });

  it('loopback and private addresses are accepted in this mode (a local Ollama)', async () => {
    const res = await client.request('PUT', `${CREDENTIALS}/openai`, { json: { baseUrl: 'http://127.0.0.1:11434/v1' } });
    expect(res.status).toBe(200);
    const hook = await client.request('PUT', `${CREDENTIALS}/webhook`, { json: { extra: { url: 'http://10.0.0.8/hook' } } });
    expect(hook.status).toBe(200);
  });
});

describe('bare `npm start` (development, no variable set)', () => {
  it('refuses loopback and private addresses', async () => {
    const bare = await startTestApp({ NODE_ENV: 'development' });
    try {
      const c = bare.client();
      await c.signUp();
      const res = await c.request<ErrorBody>('PUT', `${CREDENTIALS}/openai`, { json: { baseUrl: 'http://localhost:11434/v1' } });
      expect(res.status).toBe(400);
      expect(res.body.error.issues?.[0]?.message).toMatch(/private network address.*ALLOW_PRIVATE_NETWORK_URLS/);
    } finally {
      await bare.stop();
    }
  });
});
