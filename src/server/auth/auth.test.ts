import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { sessions } from '../db/schema/index.js';
import { queryRows } from '../db/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

type ErrorBody = { error: { code: string; message: string; reason?: string; issues?: { path: string[]; message: string }[] } };

describe('sign-up', () => {
  it('creates the account and workspace, sets an HttpOnly session cookie and answers /api/me', async () => {
    const client = t.client();
    const res = await client.request('POST', '/api/auth/sign-up', {
      json: { email: '  Alice@Example.COM ', password: 'correct horse battery', name: 'Alice', workspaceName: 'Acme' },
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^sm_session=[a-z2-9]+\.[\w-]+; HttpOnly; SameSite=Lax; Path=\/; Expires=/);
    expect(cookie).not.toContain('Secure');
    const me = await client.request<{ user: { email: string; name: string }; workspace: { name: string }; role: string }>('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: 'alice@example.com', name: 'Alice' }, workspace: { name: 'Acme' }, role: 'admin' });
  });

  it('stores only a SHA-256 of the session secret', async () => {
    const client = t.client();
    await client.signUp();
    const token = client.cookies.get('sm_session')!;
    const [id, secret] = decodeURIComponent(token).split('.');
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.id, id!));
    expect(Buffer.from(row!.secretHash).toString('hex')).toHaveLength(64);
    expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(secret);
  });

  it('refuses a second account with the same email (409), whatever its case', async () => {
    const client = t.client();
    await client.signUp({ email: 'dup@example.com' });
    const again = await t.client().request<ErrorBody>('POST', '/api/auth/sign-up', {
      json: { email: 'DUP@example.com', password: 'another long password', name: 'Bob', workspaceName: 'Other' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('refuses a weak password with 400 naming the rule', async () => {
    const res = await t.client().request<ErrorBody>('POST', '/api/auth/sign-up', {
      json: { email: 'weak@example.com', password: 'short', name: 'W', workspaceName: 'W' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toContainEqual({
      path: ['password'],
      message: 'Password must be at least 10 characters long',
      code: 'too_small',
      params: { origin: 'string', minimum: 10, inclusive: true, exact: false },
    });
    const common = await t.client().request<ErrorBody>('POST', '/api/auth/sign-up', {
      json: { email: 'weak@example.com', password: 'password123', name: 'W', workspaceName: 'W' },
    });
    expect(common.status).toBe(400);
    expect(common.body.error.message).toContain('too common');
    // The rule travels beside the English text, for the UI to word in the user's language.
    expect(common.body.error).toMatchObject({ reason: 'input.invalid', issues: [{ path: ['password'], code: 'custom', params: { rule: 'password.common' } }] });
  });

  it('rejects malformed JSON, a wrong content type and an over-long field with clear errors', async () => {
    const client = t.client();
    const malformed = await client.request<ErrorBody>('POST', '/api/auth/sign-up', { body: '{"email":', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('The body is not valid JSON');
    const wrongType = await client.request<ErrorBody>('POST', '/api/auth/sign-up', { body: 'email=a', contentType: 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(415);
    const long = await client.request<ErrorBody>('POST', '/api/auth/sign-up', {
      json: { email: 'long@example.com', password: 'correct horse battery', name: 'x'.repeat(101), workspaceName: 'W' },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.issues?.[0]?.path).toEqual(['name']);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await t.client().request<ErrorBody>('POST', '/api/auth/sign-up', {
      body: JSON.stringify({ email: 'a@b.co', name: 'x'.repeat(2_000_000) }),
      contentType: 'application/json',
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('sign-in and sign-out', () => {
  it('signs in with the right password, out with 204, and the old cookie stops working', async () => {
    const first = t.client();
    const account = await first.signUp();
    const client = t.client();
    const signIn = await client.request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: account.password } });
    expect(signIn.status).toBe(200);
    const oldCookie = client.cookieHeader();
    expect((await client.request('GET', '/api/me')).status).toBe(200);
    const out = await client.request('POST', '/api/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/sm_session=; .*Max-Age=0/);
    const replay = await fetch(`${t.url}/api/me`, { headers: { cookie: oldCookie } });
    expect(replay.status).toBe(401);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const account = await t.client().signUp();
    const wrong = await t.client().request<ErrorBody>('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: 'not the password' } });
    const unknown = await t.client().request<ErrorBody>('POST', '/api/auth/sign-in', { json: { email: 'nobody@example.com', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it('slows repeated wrong passwords on one email from one address with 429 and Retry-After', async () => {
    const account = await t.client().signUp();
    let last;
    for (let i = 0; i < 6; i++) {
      last = await t.client().request<ErrorBody>('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: `wrong-${i}` } });
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last?.body.error.reason).toBe('auth.sign_in_delayed');
    // From an address it never signed in from, even the right password waits: that is the point of the delay.
    const right = await t.client().request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: account.password } });
    expect(right.status).toBe(429);
  });

  it('expires a session after the inactivity timeout (401) and slides it when used', async () => {
    const client = t.client();
    await client.signUp();
    const id = decodeURIComponent(client.cookies.get('sm_session')!).split('.')[0]!;
    // Used two hours ago: still valid, renewed, and the cookie is sent again.
    await t.database.db.update(sessions).set({ lastVerifiedAt: new Date(Date.now() - 2 * 3600_000) }).where(eq(sessions.id, id));
    const renewed = await client.request('GET', '/api/me');
    expect(renewed.status).toBe(200);
    expect(renewed.headers.getSetCookie()[0]).toMatch(/^sm_session=/);
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.id, id));
    expect(Date.now() - row!.lastVerifiedAt.getTime()).toBeLessThan(60_000);
    // Idle past the timeout (10 days): refused and deleted.
    await t.database.db.update(sessions).set({ lastVerifiedAt: new Date(Date.now() - 11 * 24 * 3600_000) }).where(eq(sessions.id, id));
    const expired = await client.request<ErrorBody>('GET', '/api/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it('rejects a forged token secret for a real session id', async () => {
    const client = t.client();
    await client.signUp();
    const id = decodeURIComponent(client.cookies.get('sm_session')!).split('.')[0]!;
    const forged = await fetch(`${t.url}/api/me`, { headers: { cookie: `sm_session=${id}.${'A'.repeat(43)}` } });
    expect(forged.status).toBe(401);
  });
});

describe('CSRF: cookie-authenticated writes need our Origin', () => {
  it('refuses a write from a foreign Origin with 403 and accepts our own', async () => {
    const client = t.client();
    await client.signUp();
    client.origin = 'https://evil.example';
    const forged = await client.request<ErrorBody>('POST', '/api/auth/sign-out');
    expect(forged.status).toBe(403);
    expect((await client.request('GET', '/api/me')).status).toBe(200);
    client.origin = null;
    const noOrigin = await client.request('POST', '/api/auth/sign-out');
    expect(noOrigin.status).toBe(403);
    const sameSite = await client.request('POST', '/api/auth/sign-out', { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(sameSite.status).toBe(204);
  });

  it('applies to tRPC mutations too', async () => {
    const client = t.client();
    await client.signUp();
    client.origin = 'https://evil.example';
    await expect(client.trpc().auth.setLanguage.mutate({ language: 'fr' })).rejects.toThrow();
    client.origin = t.url;
    await expect(client.trpc().auth.setLanguage.mutate({ language: 'fr' })).resolves.toEqual({ language: 'fr' });
  });
});

describe('cookies behind HTTPS', () => {
  it('marks the session cookie Secure when the app is served over https', async () => {
    const secure = await startTestApp({ APP_URL: 'https://sales.example.com' });
    try {
      const client = secure.client();
      client.origin = 'https://sales.example.com';
      const res = await client.request('POST', '/api/auth/sign-up', {
        json: { email: 'secure@example.com', password: 'correct horse battery', name: 'S', workspaceName: 'S' },
      });
      expect(res.status).toBe(201);
      expect(res.headers.getSetCookie()[0]).toMatch(/; Secure$/);
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await secure.stop();
    }
  });
});

describe('HTTP basics', () => {
  it('answers /health and /ready, with security headers', async () => {
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('referrer-policy')).toBeTruthy();
    const ready = await fetch(`${t.url}/ready`);
    expect(ready.status).toBe(200);
  });

  it('reports not ready (503) when migrations are missing', async () => {
    await t.database.asSystem((db) => db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`));
    const ready = await fetch(`${t.url}/ready`);
    expect(ready.status).toBe(503);
    const rows = await t.database.asSystem((db) => queryRows(db, sql`select 1`));
    expect(rows).toHaveLength(1);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.client().request<ErrorBody>('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
