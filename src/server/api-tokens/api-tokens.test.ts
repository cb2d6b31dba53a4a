import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace } from '../../../tests/helpers/members.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { queryRows } from '../db/database.js';
import { apiTokens, memberships } from '../db/schema/index.js';

let t: TestApp;
let admin: TestClient;
let adminUser: { id: string; email: string };
let workspaceId: string;

type ErrorBody = { error: { code: string; message: string; reason?: string; issues?: { path: (string | number)[]; message: string }[] } };
type Created = { id: string; token: string; name: string; createdAt: string };
type Listed = { id: string; name: string; createdAt: string; lastUsedAt: string | null; createdBy: { id: string; name: string; email: string } };

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  const signedUp = await admin.signUp({ name: 'Ada Admin' });
  adminUser = signedUp.user;
  workspaceId = signedUp.workspace.id;
});
afterAll(() => t.stop());

async function createToken(client: TestClient, name = 'n8n') {
  const res = await client.request<Created>('POST', '/api/admin/api-tokens', { json: { name } });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

function bearerClient(token: string | null): TestClient {
  const client = t.client();
  client.bearer = token;
  client.origin = null; // scripts send no Origin
  return client;
}

describe('API tokens', () => {
  it('creates a token shown once, stores only its hash, and lists it with its creator', async () => {
    const created = await createToken(admin, 'Zapier');
    expect(created.token).toMatch(/^sm_[a-z2-9]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(`sm_${created.id}.`)).toBe(true);
    const secret = created.token.split('.')[1]!;

    const [row] = await t.database.asSystem((db) =>
      queryRows<{ secret_hash: Uint8Array; created_by: string }>(db, sql`select secret_hash, created_by from api_tokens where id = ${created.id}`),
    );
    expect(Buffer.from(row!.secret_hash).toString('hex')).toHaveLength(64);
    expect(Buffer.from(row!.secret_hash).toString('utf8')).not.toContain(secret);
    expect(row!.created_by).toBe(adminUser.id);

    const list = await admin.request<Listed[]>('GET', '/api/admin/api-tokens');
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ id: created.id, name: 'Zapier', lastUsedAt: null, createdBy: { id: adminUser.id, name: 'Ada Admin', email: adminUser.email } });
    expect(list.text).not.toContain(secret);
  });

  it('authenticates REST calls as its creator: /api/me, and a write without Origin', async () => {
    const created = await createToken(admin);
    const script = bearerClient(created.token);
    const me = await script.request<{ user: { id: string }; workspace: { id: string }; role: string; via: string }>('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: adminUser.id }, workspace: { id: workspaceId }, role: 'admin', via: 'apiToken' });

    const write = await script.request('PUT', '/api/admin/settings/credentials/phantombuster', { json: { apiKey: 'pb-from-a-script-1234' } });
    expect(write.status, write.text).toBe(200);
    // The same write with only a session cookie and no Origin is refused (CSRF), the token is not.
    const cookieOnly = t.client();
    cookieOnly.cookies.set(...([...admin.cookies][0]!));
    cookieOnly.origin = null;
    expect((await cookieOnly.request('PUT', '/api/admin/settings/credentials/phantombuster', { json: { apiKey: 'pb-x-12345678' } })).status).toBe(403);

    const listed = (await admin.request<Listed[]>('GET', '/api/admin/api-tokens')).body.find((token) => token.id === created.id);
    expect(listed?.lastUsedAt).not.toBeNull();
  });

  it('a revoked token gets 401 at once; revoking twice is 404', async () => {
    const created = await createToken(admin, 'to revoke');
    const script = bearerClient(created.token);
    expect((await script.request('GET', '/api/me')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/admin/api-tokens/${created.id}`)).status).toBe(204);
    const after = await script.request<ErrorBody>('GET', '/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHORIZED');
    // Said as what it is: the token, not a session, stopped working.
    expect(after.body.error).toMatchObject({ reason: 'auth.token_invalid', message: 'This API token is invalid or has been revoked' });
    expect((await admin.request('DELETE', `/api/admin/api-tokens/${created.id}`)).status).toBe(404);
    expect((await admin.request<Listed[]>('GET', '/api/admin/api-tokens')).body.map((token) => token.id)).not.toContain(created.id);
  });

  it('a made-up or tampered token gets 401', async () => {
    const created = await createToken(admin);
    const tampered = `${created.token.slice(0, -2)}${created.token.endsWith('A') ? 'B' : 'A'}A`;
    for (const token of [tampered, 'sm_abcdefghijkmnpqrstuvwxy.short', 'not-a-token']) {
      const res = await bearerClient(token).request<ErrorBody>('GET', '/api/me');
      expect(res.status, token).toBe(401);
      expect(res.body.error.reason, token).toBe('auth.token_invalid');
    }
  });

  it('acts with the creator’s current role: demoted to member, the token loses admin routes', async () => {
    const { client: second } = await joinWorkspace(t, admin, 'admin');
    const created = await createToken(second, 'second admin token');
    const script = bearerClient(created.token);
    expect((await script.request('GET', '/api/admin/api-tokens')).status).toBe(200);
    const me = await second.request<{ user: { id: string } }>('GET', '/api/me');
    await t.database.withWorkspace(workspaceId, (db) =>
      db.update(memberships).set({ role: 'member' }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, me.body.user.id))),
    );
    expect((await script.request('GET', '/api/admin/api-tokens')).status).toBe(403);
    expect((await script.request<{ role: string }>('GET', '/api/me')).body.role).toBe('member');
  });
});

describe('API token access and input', () => {
  it('members get 403 on create, list and revoke', async () => {
    const { client: member } = await joinWorkspace(t, admin);
    const created = await createToken(admin);
    for (const [method, path, json] of [
      ['POST', '/api/admin/api-tokens', { name: 'mine' }],
      ['GET', '/api/admin/api-tokens', undefined],
      ['DELETE', `/api/admin/api-tokens/${created.id}`, undefined],
    ] as const) {
      const res = await member.request<ErrorBody>(method, path, json ? { json } : {});
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await bearerClient(created.token).request('GET', '/api/me')).status).toBe(200);
  });

  it('signed-out callers get 401', async () => {
    expect((await t.client().request('GET', '/api/admin/api-tokens')).status).toBe(401);
    expect((await t.client().request('POST', '/api/admin/api-tokens', { json: { name: 'x' } })).status).toBe(401);
  });

  it('another workspace’s token id is 404 and the token keeps working', async () => {
    const created = await createToken(admin, 'ours');
    const outsider = t.client();
    await outsider.signUp();
    expect((await outsider.request<ErrorBody>('DELETE', `/api/admin/api-tokens/${created.id}`)).status).toBe(404);
    expect((await outsider.request<Listed[]>('GET', '/api/admin/api-tokens')).body).toEqual([]);
    expect((await bearerClient(created.token).request('GET', '/api/me')).status).toBe(200);
  });

  it('bad input is 400 naming the field', async () => {
    const empty = await admin.request<ErrorBody>('POST', '/api/admin/api-tokens', { json: { name: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues?.[0]).toMatchObject({ path: ['name'], message: 'Name is required' });
    const long = await admin.request<ErrorBody>('POST', '/api/admin/api-tokens', { json: { name: 'x'.repeat(101) } });
    expect(long.status).toBe(400);
    expect(long.body.error.issues?.[0]?.path).toEqual(['name']);
    const badId = await admin.request<ErrorBody>('DELETE', '/api/admin/api-tokens/NOT_AN_ID');
    expect(badId.status).toBe(400);
    expect(badId.body.error.issues?.[0]?.path).toEqual(['id']);
  });

  it('caps the number of active tokens per workspace', async () => {
    const active = await t.database.withWorkspace(workspaceId, (db) => db.select({ id: apiTokens.id }).from(apiTokens).where(sql`revoked_at is null`));
    for (let i = active.length; i < 50; i += 1) await createToken(admin, `bulk ${i}`);
    const over = await admin.request<ErrorBody>('POST', '/api/admin/api-tokens', { json: { name: 'one too many' } });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/at most 50 active API tokens/);
  });
});
