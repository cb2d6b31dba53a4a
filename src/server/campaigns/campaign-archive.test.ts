import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace } from '../../../tests/helpers/members.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { WorkspaceFixtures } from '../dashboard/test-fixtures.js';
import { createOk, eventTypes, makeLaunchable, patch, type Campaign, type ErrorBody } from './campaigns.test-helpers.js';

/** "Pause and delete" in one call, and archived campaigns brought back. */
let t: TestApp;
let admin: TestClient;
let fixtures: WorkspaceFixtures;
beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  const account = await admin.signUp({ workspaceName: 'Archive Co' });
  fixtures = new WorkspaceFixtures(t.database, account.workspace.id);
});
afterAll(() => t.stop());

type Deleted = { deleted: boolean; archived: boolean };
const restore = (client: TestClient, id: string) => client.request<Campaign & ErrorBody>('POST', `/api/admin/campaigns/${id}/restore`, { json: {} });

describe('pause and delete', () => {
  it('pauses then erases an active campaign that never sent, with pauseFirst=true', async () => {
    const campaign = await createOk(admin);
    await makeLaunchable(admin, campaign.id);
    await patch(admin, campaign.id, { status: 'active' });
    const res = await admin.request<Deleted>('DELETE', `/api/admin/campaigns/${campaign.id}?pauseFirst=true`);
    expect(res).toMatchObject({ status: 200, body: { deleted: true, archived: false } });
    expect((await admin.request('GET', `/api/admin/campaigns/${campaign.id}`)).status).toBe(404);
  });

  it('pauses then archives an active campaign that has sent mail', async () => {
    const campaign = await createOk(admin);
    await makeLaunchable(admin, campaign.id);
    await patch(admin, campaign.id, { status: 'active' });
    await fixtures.sent(await fixtures.prospect({ campaignId: campaign.id }), 1, { campaignId: campaign.id });
    const res = await admin.trpc().campaigns.delete.mutate({ id: campaign.id, pauseFirst: 'true' });
    expect(res).toEqual({ deleted: false, archived: true });
    expect((await admin.request<Campaign>('GET', `/api/admin/campaigns/${campaign.id}`)).body.status).toBe('archived');
    expect((await eventTypes(admin, campaign.id)).filter((type) => type === 'campaign.status_changed')).toHaveLength(3);
  });

  it('still refuses an active campaign without pauseFirst (409), and a bad flag (400)', async () => {
    const campaign = await createOk(admin);
    await makeLaunchable(admin, campaign.id);
    await patch(admin, campaign.id, { status: 'active' });
    expect((await admin.request<ErrorBody>('DELETE', `/api/admin/campaigns/${campaign.id}?pauseFirst=false`)).body.error.reason).toBe('campaign.pause_before_delete');
    expect((await admin.request('DELETE', `/api/admin/campaigns/${campaign.id}?pauseFirst=maybe`)).status).toBe(400);
    expect((await admin.request<Campaign>('GET', `/api/admin/campaigns/${campaign.id}`)).body.status).toBe('active');
  });
});

describe('restore an archived campaign', () => {
  it('brings a launched campaign back as paused (not sending), a never-launched one as draft', async () => {
    const launched = await createOk(admin);
    await makeLaunchable(admin, launched.id);
    await patch(admin, launched.id, { status: 'active' });
    await patch(admin, launched.id, { status: 'paused' });
    await patch(admin, launched.id, { status: 'archived' });
    const back = await restore(admin, launched.id);
    expect(back).toMatchObject({ status: 200, body: { status: 'paused' } });
    expect(back.body.allowedTransitions).toContain('active');

    const draft = await createOk(admin);
    await patch(admin, draft.id, { status: 'archived' });
    expect((await restore(admin, draft.id)).body.status).toBe('draft');
    expect(await eventTypes(admin, draft.id)).toContain('campaign.status_changed');
  });

  it('brings a completed campaign back as completed (it cannot be resumed)', async () => {
    const campaign = await createOk(admin);
    await makeLaunchable(admin, campaign.id);
    await patch(admin, campaign.id, { status: 'active' });
    await patch(admin, campaign.id, { status: 'completed' });
    await patch(admin, campaign.id, { status: 'archived' });
    expect((await restore(admin, campaign.id)).body.status).toBe('completed');
  });

  it('answers 409 for a campaign that is not archived, 404 for an unknown one, 403 for a member', async () => {
    const campaign = await createOk(admin);
    expect(await restore(admin, campaign.id)).toMatchObject({ status: 409, body: { error: { reason: 'campaign.not_archived' } } });
    expect((await restore(admin, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    await patch(admin, campaign.id, { status: 'archived' });
    const { client: member } = await joinWorkspace(t, admin);
    expect((await restore(member, campaign.id)).status).toBe(403);
    expect((await admin.request<Campaign>('GET', `/api/admin/campaigns/${campaign.id}`)).body.status).toBe('archived');
  });
});
