import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { WorkspaceFixtures } from '../dashboard/test-fixtures.js';
import { createOk, eventTypes, makeLaunchable, patch, type Campaign, type ErrorBody } from './campaigns.test-helpers.js';

/** A campaign's life: edits, the status machine, and deletion (or archiving when it has history). */

let t: TestApp;
let admin: TestClient;
let fixtures: WorkspaceFixtures;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  const account = await admin.signUp({ workspaceName: 'Lifecycle Co' });
  fixtures = new WorkspaceFixtures(t.database, account.workspace.id);
});
afterAll(() => t.stop());

describe('editing and the status machine', () => {
  it('edits fields, records campaign.updated, and validates the merged window', async () => {
    const campaign = await createOk(admin);
    const res = await patch(admin, campaign.id, { name: 'Renamed', dailyLimit: 25, mailboxIds: [] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', dailyLimit: 25, mailboxIds: [] });
    const window = await patch(admin, campaign.id, { sendWindowStart: '18:00' });
    expect(window.status).toBe(400);
    expect(window.body.error.issues?.[0]?.path).toEqual(['sendWindowEnd']);
    expect(await eventTypes(admin, campaign.id)).toEqual(['campaign.updated', 'campaign.created']);
  });

  it('walks draft → active ⇄ paused → completed → archived, stamping times and recording each change', async () => {
    const campaign = await createOk(admin);
    await makeLaunchable(admin, campaign.id);
    const active = await patch(admin, campaign.id, { status: 'active' });
    expect(active.body).toMatchObject({ status: 'active', allowedTransitions: ['paused', 'completed'] });
    expect(active.body.startedAt).not.toBeNull();
    expect((await patch(admin, campaign.id, { status: 'paused' })).body.status).toBe('paused');
    const resumed = await patch(admin, campaign.id, { status: 'active' });
    expect(resumed.body.startedAt).toBe(active.body.startedAt);
    await patch(admin, campaign.id, { status: 'paused' });
    expect((await patch(admin, campaign.id, { status: 'completed' })).body.status).toBe('completed');
    expect((await patch(admin, campaign.id, { status: 'archived' })).body).toMatchObject({ status: 'archived', allowedTransitions: [] });
    const changes = await admin.request<{ type: string; data: { from: string; to: string } }[]>('GET', `/api/admin/campaigns/${campaign.id}/events`);
    expect(changes.body.filter((e) => e.type === 'campaign.status_changed').map((e) => `${e.data.from}>${e.data.to}`)).toEqual([
      'completed>archived',
      'paused>completed',
      'active>paused',
      'paused>active',
      'active>paused',
      'draft>active',
    ]);
  });

  it('refuses illegal transitions with 409 and a clear message, changing nothing', async () => {
    const draft = await createOk(admin);
    const pauseDraft = await patch(admin, draft.id, { status: 'paused' });
    expect(pauseDraft.status).toBe(409);
    expect(pauseDraft.body.error).toEqual({ code: 'CONFLICT', message: 'A draft campaign cannot be paused: launch it first', reason: 'campaign.draft_no_pause' });

    await makeLaunchable(admin, draft.id);
    await patch(admin, draft.id, { status: 'active' });
    const archiveActive = await patch(admin, draft.id, { status: 'archived' });
    expect(archiveActive.status).toBe(409);
    expect(archiveActive.body.error.message).toBe('Pause this campaign before archiving it');

    await patch(admin, draft.id, { status: 'paused' });
    await patch(admin, draft.id, { status: 'completed' });
    const resume = await patch(admin, draft.id, { status: 'active' });
    expect(resume.status).toBe(409);
    expect(resume.body.error.message).toBe('A completed campaign cannot be resumed; create a new campaign instead');

    await patch(admin, draft.id, { status: 'archived' });
    const revive = await patch(admin, draft.id, { status: 'draft' });
    expect(revive.status).toBe(409);
    expect(revive.body.error.message).toMatch(/archived campaign cannot change status/);
    const edit = await patch(admin, draft.id, { name: 'Too late' });
    expect(edit.status).toBe(409);
    expect((await admin.request<Campaign>('GET', `/api/admin/campaigns/${draft.id}`)).body).toMatchObject({ status: 'archived' });
  });

  it('refuses to launch a campaign with no mailbox (409)', async () => {
    const campaign = await createOk(admin, { mailboxIds: [] });
    const res = await patch(admin, campaign.id, { status: 'active' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/mailbox/);
  });

  it('refuses a status that does not exist with 400', async () => {
    const campaign = await createOk(admin);
    const res = await patch(admin, campaign.id, { status: 'running' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.[0]?.path).toEqual(['status']);
  });

  it('through tRPC, an illegal move is a CONFLICT error', async () => {
    const campaign = await createOk(admin);
    await expect(admin.trpc().campaigns.update.mutate({ id: campaign.id, status: 'completed' })).rejects.toMatchObject({
      message: 'A draft campaign cannot be completed: launch it first',
      data: { code: 'CONFLICT', httpStatus: 409 },
    });
  });
});

describe('deleting', () => {
  it('erases a campaign that never sent anything: {deleted: true}, gone afterwards, campaign.deleted kept', async () => {
    const campaign = await createOk(admin);
    const prospect = await fixtures.prospect({ campaignId: campaign.id });
    const res = await admin.request<{ deleted: boolean; archived: boolean }>('DELETE', `/api/admin/campaigns/${campaign.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: true, archived: false });
    expect((await admin.request('GET', `/api/admin/campaigns/${campaign.id}`)).status).toBe(404);
    const [row] = await t.database.withWorkspace(fixtures.workspaceId, (db) =>
      db.query.prospects.findMany({ where: (p, { eq }) => eq(p.id, prospect), columns: { campaignId: true } }),
    );
    expect(row).toEqual({ campaignId: null });
    const [event] = await t.database.withWorkspace(fixtures.workspaceId, (db) =>
      db.query.events.findMany({ where: (e, { and, eq }) => and(eq(e.campaignId, campaign.id), eq(e.type, 'campaign.deleted')) }),
    );
    expect(event?.data).toEqual({ name: campaign.name });
  });

  it('archives a campaign that has sent mail instead of erasing it, and says so', async () => {
    const campaign = await createOk(admin);
    const prospect = await fixtures.prospect({ campaignId: campaign.id });
    await fixtures.sent(prospect, 1, { campaignId: campaign.id });
    const res = await admin.request<{ deleted: boolean; archived: boolean }>('DELETE', `/api/admin/campaigns/${campaign.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: false, archived: true });
    const after = await admin.request<Campaign>('GET', `/api/admin/campaigns/${campaign.id}`);
    expect(after.body).toMatchObject({ status: 'archived', counts: { sent: 1 } });
    // Deleting again keeps it archived.
    expect((await admin.request('DELETE', `/api/admin/campaigns/${campaign.id}`)).body).toEqual({ deleted: false, archived: true });
  });

  it('refuses to delete an active campaign (409: pause it first)', async () => {
    const campaign = await createOk(admin);
    await makeLaunchable(admin, campaign.id);
    await patch(admin, campaign.id, { status: 'active' });
    const res = await admin.request<ErrorBody>('DELETE', `/api/admin/campaigns/${campaign.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Pause this campaign before deleting it');
  });

  it('is for admins: a member gets 403, an anonymous caller 401', async () => {
    const campaign = await createOk(admin);
    const invite = await admin.trpc().invitations.create.mutate({ role: 'member' });
    const member = t.client();
    await member.trpc().invitations.accept.mutate({
      token: invite.url.split('/').pop()!,
      account: { email: `member-${Date.now()}@example.com`, name: 'Member', password: 'correct horse battery staple' },
    });
    const res = await member.request<ErrorBody>('DELETE', `/api/admin/campaigns/${campaign.id}`);
    expect(res.status).toBe(403);
    // Members still run campaigns day to day.
    expect((await patch(member, campaign.id, { name: 'Member edit' })).status).toBe(200);
    expect((await t.client().request('DELETE', `/api/admin/campaigns/${campaign.id}`)).status).toBe(401);
  });
});
