import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { invitations } from '../db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const tokenOf = (url: string) => url.split('/invite/')[1]!;

describe('invitations', () => {
  it('lets an admin invite a teammate by a one-time link that creates their account as a member', async () => {
    const admin = t.client();
    const owner = await admin.signUp({ workspaceName: 'Team A' });
    const invite = await admin.trpc().invitations.create.mutate({ email: 'mate@example.com' });
    expect(invite.url).toMatch(new RegExp(`^${t.url}/invite/[a-z2-9]+\\.[\\w-]+$`));

    const mate = t.client();
    const info = await mate.trpc().invitations.inspect.query({ token: tokenOf(invite.url) });
    expect(info).toMatchObject({ workspaceName: 'Team A', email: 'mate@example.com', role: 'member', status: 'valid' });
    const joined = await mate.trpc().invitations.accept.mutate({
      token: tokenOf(invite.url),
      account: { name: 'Mate', password: 'another good passphrase' },
    });
    expect(joined).toMatchObject({ user: { email: 'mate@example.com' }, workspace: { id: owner.workspace.id }, role: 'member' });
    const me = await mate.request<{ role: string; workspace: { name: string } }>('GET', '/api/me');
    expect(me.body).toMatchObject({ role: 'member', workspace: { name: 'Team A' } });

    // One-time: the same link cannot be used again.
    const again = t.client();
    await expect(
      again.trpc().invitations.accept.mutate({ token: tokenOf(invite.url), account: { name: 'X', password: 'another good passphrase' } }),
    ).rejects.toThrow(/already been used/);
  });

  it('only lets admins invite (members get 403)', async () => {
    const admin = t.client();
    await admin.signUp();
    const invite = await admin.trpc().invitations.create.mutate({});
    const member = t.client();
    await member.trpc().invitations.accept.mutate({
      token: tokenOf(invite.url),
      account: { email: `m-${Date.now()}@example.com`, name: 'M', password: 'another good passphrase' },
    });
    await expect(member.trpc().invitations.create.mutate({})).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(member.trpc().invitations.list.query()).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('lets a signed-in user of another workspace join, and switch between both', async () => {
    const admin = t.client();
    await admin.signUp({ workspaceName: 'Host' });
    const invite = await admin.trpc().invitations.create.mutate({ role: 'admin' });
    const other = t.client();
    const own = await other.signUp({ workspaceName: 'Own' });
    const joined = await other.trpc().invitations.accept.mutate({ token: tokenOf(invite.url) });
    expect(joined).toMatchObject({ workspace: { name: 'Host' }, role: 'admin' });
    const me = await other.trpc().auth.me.query();
    expect(me.workspace.name).toBe('Host');
    expect(me.workspaces.map((w) => w.name).sort()).toEqual(['Host', 'Own']);
    await other.trpc().auth.switchWorkspace.mutate({ workspaceId: own.workspace.id });
    expect((await other.trpc().auth.me.query()).workspace.name).toBe('Own');
  });

  it('refuses an invitation addressed to someone else, an expired one and a revoked one', async () => {
    const admin = t.client();
    await admin.signUp();
    const forOther = await admin.trpc().invitations.create.mutate({ email: 'someone@example.com' });
    const stranger = t.client();
    await stranger.signUp();
    await expect(stranger.trpc().invitations.accept.mutate({ token: tokenOf(forOther.url) })).rejects.toThrow(/for someone@example.com/);

    const expiring = await admin.trpc().invitations.create.mutate({});
    await t.database.asSystem((db) => db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expiring.id)));
    expect((await stranger.trpc().invitations.inspect.query({ token: tokenOf(expiring.url) })).status).toBe('expired');
    await expect(stranger.trpc().invitations.accept.mutate({ token: tokenOf(expiring.url) })).rejects.toThrow(/expired/);

    const revoked = await admin.trpc().invitations.create.mutate({});
    await admin.trpc().invitations.revoke.mutate({ id: revoked.id });
    await expect(stranger.trpc().invitations.accept.mutate({ token: tokenOf(revoked.url) })).rejects.toThrow(/revoked/);
  });

  it('treats a forged secret like an unknown link, and never lists another workspace’s invitations', async () => {
    const admin = t.client();
    await admin.signUp();
    const invite = await admin.trpc().invitations.create.mutate({});
    const [id] = tokenOf(invite.url).split('.');
    await expect(t.client().trpc().invitations.inspect.query({ token: `${id}.${'x'.repeat(43)}` })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    const otherAdmin = t.client();
    await otherAdmin.signUp();
    expect(await otherAdmin.trpc().invitations.list.query()).toEqual([]);
    await expect(otherAdmin.trpc().invitations.revoke.mutate({ id: invite.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
