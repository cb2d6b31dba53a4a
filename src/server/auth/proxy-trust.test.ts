import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { ConfigError, loadConfig } from '../config.js';
import { sessions } from '../db/schema/index.js';

/** X-Forwarded-For is written by the client at its left: only what a trusted proxy appended counts. */

async function signInAs(t: TestApp, email: string, forwardedFor: string) {
  return t.client().request<{ error: { reason: string } }>('POST', '/api/auth/sign-in', {
    json: { email, password: 'wrong password here' },
    headers: { 'x-forwarded-for': forwardedFor },
  });
}

/** The address recorded on the session a sign-up opens: what the app took as the client's. */
async function ipOfSignUp(t: TestApp, forwardedFor: string): Promise<string | null> {
  const client = t.client();
  const email = `ip-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const res = await client.request<{ user: { id: string } }>('POST', '/api/auth/sign-up', {
    json: { email, password: 'correct horse battery staple', name: 'Ip', workspaceName: 'Ip' },
    headers: { 'x-forwarded-for': forwardedFor },
  });
  expect(res.status, res.text).toBe(201);
  const [row] = await t.database.asSystem((db) => db.select({ ip: sessions.ip }).from(sessions).where(eq(sessions.userId, res.body.user.id)).limit(1));
  return row?.ip ?? null;
}

describe('TRUST_PROXY=true (one reverse proxy in front)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.stop());

  it('a client rotating a spoofed leftmost X-Forwarded-For is still throttled per IP', async () => {
    // The proxy (here: our socket peer) appends the address it saw: 203.0.113.7.
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) statuses.push((await signInAs(t, `nobody${i}@example.com`, `10.9.${i}.1, 203.0.113.7`)).status);
    expect(statuses.slice(0, 50).every((status) => status === 401)).toBe(true);
    expect(statuses[50]).toBe(429);
    // Another client behind the same proxy is not affected.
    expect((await signInAs(t, 'someone@example.com', '203.0.113.8')).status).toBe(401);
  }, 120_000);

  it('records the address the proxy saw, not the one the client wrote', async () => {
    expect(await ipOfSignUp(t, '6.6.6.6, 198.51.100.4')).toBe('198.51.100.4');
  });
});

describe('TRUST_PROXY as a hop count or a CIDR list', () => {
  it('with 2 hops, takes the second address from the right', async () => {
    const t = await startTestApp({ TRUST_PROXY: '2' });
    try {
      expect(await ipOfSignUp(t, '6.6.6.6, 198.51.100.4, 10.0.0.2')).toBe('198.51.100.4');
    } finally {
      await t.stop();
    }
  });

  it('with a CIDR list, skips every trusted hop and takes the rightmost untrusted one', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'loopback, 10.0.0.0/8' });
    try {
      expect(await ipOfSignUp(t, '6.6.6.6, 198.51.100.4, 10.1.2.3, 10.0.0.2')).toBe('198.51.100.4');
    } finally {
      await t.stop();
    }
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored', async () => {
    const t = await startTestApp();
    try {
      expect(await ipOfSignUp(t, '198.51.100.4')).toBe('127.0.0.1');
    } finally {
      await t.stop();
    }
  });

  it('refuses a value that is none of these, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'none' });
  });
});
