import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { apiTokens } from '../db/schema/index.js';
import { createToken } from '../crypto/tokens.js';
import { setMemberRole } from './members.service.js';
import { joinWorkspace } from '../../../tests/helpers/members.js';

type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };
type Member = { userId: string; name: string; email: string; role: 'admin' | 'member'; activeApiTokens: number };

let t: TestApp;
let admin: TestClient;
let adminUserId: string;
let workspaceId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  const account = await admin.signUp({ workspaceName: 'Settings Co' });
  adminUserId = account.user.id;
  workspaceId = account.workspace.id;
});
afterAll(() => t.stop());

/** An API token for `userId`, inserted the way the tokens feature stores it; returns the bearer. */
async function issueToken(userId: string): Promise<string> {
  const { id, token, secretHash } = createToken();
  await t.database.withWorkspace(workspaceId, (db) => db.insert(apiTokens).values({ id, workspaceId, name: 'script', secretHash, createdBy: userId }));
  return `sm_${token}`;
}

describe('workspace settings', () => {
  it('has sensible defaults', async () => {
    const res = await admin.request<Record<string, unknown>>('GET', '/api/admin/workspace');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Settings Co', companyName: null, postalAddress: null, timezone: 'UTC', language: 'en', retentionDays: 730 });
  });

  it('saves name, company, postal address, time zone, language and retention', async () => {
    const update = {
      name: 'Renamed Co',
      companyName: 'Renamed SAS',
      postalAddress: '12 rue de la Paix\n75002 Paris\nFrance',
      timezone: 'Europe/Paris',
      language: 'fr',
      retentionDays: 365,
    };
    const res = await admin.trpc().workspace.update.mutate(update as never);
    expect(res).toMatchObject(update);
    const me = await admin.request<{ workspace: { name: string } }>('GET', '/api/me');
    expect(me.body.workspace.name).toBe('Renamed Co');
    // Clearing a text field stores "not set".
    expect((await admin.trpc().workspace.update.mutate({ companyName: '  ' })).companyName).toBeNull();
    expect((await admin.trpc().workspace.update.mutate({ timezone: 'UTC' })).timezone).toBe('UTC');
  });

  it('refuses bad values with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ retentionDays: 29 }, 'retentionDays'],
      [{ retentionDays: 3651 }, 'retentionDays'],
      [{ retentionDays: 100.5 }, 'retentionDays'],
      [{ name: '' }, 'name'],
      [{ postalAddress: 'x'.repeat(501) }, 'postalAddress'],
      [{ language: 'de' }, 'language'],
    ];
    for (const [json, field] of cases) {
      const res = await admin.request<ErrorBody>('PATCH', '/api/admin/workspace', { json });
      expect(res.status, JSON.stringify(json).slice(0, 60)).toBe(400);
      expect(res.body.error.issues?.[0]?.path[0]).toBe(field);
    }
    const tz = await admin.request<ErrorBody>('PATCH', '/api/admin/workspace', { json: { timezone: 'Mars/Olympus' } });
    expect(tz.body.error.issues?.[0]?.message).toMatch(/IANA/);
  });

  it('needs a session (401); members can view but not change (403)', async () => {
    expect((await t.client().request('GET', '/api/admin/workspace')).status).toBe(401);
    const { client: member } = await joinWorkspace(t, admin, 'member');
    expect((await member.request('GET', '/api/admin/workspace')).status).toBe(200);
    expect((await member.request('PATCH', '/api/admin/workspace', { json: { name: 'Mine' } })).status).toBe(403);
  });
});

describe('members', () => {
  it('lists members with their role; members may see the list', async () => {
    const { client: member, user } = await joinWorkspace(t, admin, 'member', 'Listed Member');
    const list = await member.request<Member[]>('GET', '/api/admin/members');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ userId: adminUserId, role: 'admin' }), expect.objectContaining({ userId: user.id, name: 'Listed Member', role: 'member' })]));
    expect((await member.request('PATCH', `/api/admin/members/${adminUserId}`, { json: { role: 'member' } })).status).toBe(403);
    expect((await member.request('DELETE', `/api/admin/members/${adminUserId}`)).status).toBe(403);
  });

  it('changes a role, and the new admin can act at once', async () => {
    const { client: promoted, user } = await joinWorkspace(t, admin, 'member');
    const res = await admin.request<Member>('PATCH', `/api/admin/members/${user.id}`, { json: { role: 'admin' } });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('admin');
    expect((await promoted.request('PATCH', '/api/admin/workspace', { json: { retentionDays: 400 } })).status).toBe(200);
    await admin.request('PATCH', `/api/admin/members/${user.id}`, { json: { role: 'member' } });
    expect((await promoted.request('PATCH', '/api/admin/workspace', { json: { retentionDays: 500 } })).status).toBe(403);
  });

  it('never removes or demotes the last admin (409)', async () => {
    const solo = t.client();
    const account = await solo.signUp();
    const demote = await solo.request<ErrorBody>('PATCH', `/api/admin/members/${account.user.id}`, { json: { role: 'member' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/at least one admin/);
    expect((await solo.request('DELETE', `/api/admin/members/${account.user.id}`)).status).toBe(409);
    expect((await solo.request<{ role: string }>('GET', '/api/me')).body.role).toBe('admin');
  });

  it('removing a member revokes their API tokens and ends their access at once', async () => {
    const { client: member, user } = await joinWorkspace(t, admin, 'member');
    const bearer = await issueToken(user.id);
    const api = t.client();
    api.bearer = bearer;
    expect((await api.request('GET', '/api/admin/agents')).status).toBe(200);
    const listed = await admin.request<Member[]>('GET', '/api/admin/members');
    expect(listed.body.find((m) => m.userId === user.id)?.activeApiTokens).toBe(1);

    const res = await admin.request<{ ok: true; revokedApiTokens: number }>('DELETE', `/api/admin/members/${user.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, revokedApiTokens: 1 });
    expect((await api.request('GET', '/api/admin/agents')).status).toBe(401);
    // Their session belonged to this workspace only: it no longer gets in.
    expect((await member.request('GET', '/api/admin/agents')).status).toBe(401);
    const live = await t.database.withWorkspace(workspaceId, (db) =>
      db.select().from(apiTokens).where(and(eq(apiTokens.createdBy, user.id), isNull(apiTokens.revokedAt))),
    );
    expect(live).toEqual([]);
    expect((await admin.request('DELETE', `/api/admin/members/${user.id}`)).status).toBe(404);
  });

  it('answers 404 for someone who is not a member here (another workspace’s user)', async () => {
    const stranger = t.client();
    const account = await stranger.signUp();
    expect((await admin.request('PATCH', `/api/admin/members/${account.user.id}`, { json: { role: 'admin' } })).status).toBe(404);
    expect((await admin.request('DELETE', `/api/admin/members/${account.user.id}`)).status).toBe(404);
    expect((await stranger.request<{ role: string }>('GET', '/api/me')).body.role).toBe('admin');
  });

  it('two admins demoting each other at the same moment leave one admin', async () => {
    const first = t.client();
    const account = await first.signUp();
    const { user } = await joinWorkspace(t, first, 'admin');
    // Both transactions run at once (on Postgres, in two connections): the admin rows lock settles it.
    // The first one holds its transaction open a moment after demoting, while the second starts.
    const results = await Promise.allSettled([
      t.database.withWorkspace(account.workspace.id, async (db) => {
        await setMemberRole(db, user.id, 'member');
        await db.execute(sql`select pg_sleep(0.3)`);
      }),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
        t.database.withWorkspace(account.workspace.id, (db) => setMemberRole(db, account.user.id, 'member')),
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
    const members = await first.request<Member[]>('GET', '/api/admin/members');
    expect(members.body.filter((m) => m.role === 'admin')).toHaveLength(1);
  });

  it('lets an admin step down once another admin exists', async () => {
    const owner = t.client();
    const account = await owner.signUp();
    const { user: second } = await joinWorkspace(t, owner, 'admin');
    const res = await owner.request<Member>('PATCH', `/api/admin/members/${account.user.id}`, { json: { role: 'member' } });
    expect(res.status).toBe(200);
    expect((await owner.request('PATCH', `/api/admin/members/${second.id}`, { json: { role: 'member' } })).status).toBe(403);
  });
});
