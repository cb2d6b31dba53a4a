import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { createOk, type ErrorBody } from '../campaigns/campaigns.test-helpers.js';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  await admin.signUp({ workspaceName: 'Launch Co' });
});
afterAll(() => t.stop());

type Preflight = { ok: boolean; checks: { item: string; ok: boolean; reason: string | null }[]; eligibleProspects: number; inOtherSequences: number };
type Messages = { items: { state: string; stepPosition: number; variantIndex: number; toEmail: string }[] };

async function prospect(campaignId: string | undefined, email: string) {
  const res = await admin.request<{ id: string }>('POST', '/api/admin/prospects', { json: { email, firstName: 'Sam', ...(campaignId ? { campaignId } : {}) } });
  expect(res.status).toBe(201);
  return res.body.id;
}
const sequence = (id: string) =>
  admin.request('PUT', `/api/admin/campaigns/${id}/sequence`, {
    json: { steps: [{ delayDays: 0, subject: 'Hello', body: 'Hi', variants: [{ subject: 'Hey', body: 'Yo' }] }, { delayDays: 2, body: 'Bump' }] },
  });

describe('launch preflight', () => {
  it('refuses with 409 and lists every unmet item with its reason, changing nothing', async () => {
    const campaign = await createOk(admin, { mailboxIds: [] });
    const res = await admin.request<ErrorBody>('POST', `/api/admin/campaigns/${campaign.id}/launch`);
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('campaign.preflight_failed');
    expect(res.body.error.issues?.map((issue) => [issue.path[0], issue.params?.rule])).toEqual([
      ['steps', 'preflight.no_steps'],
      ['prospects', 'preflight.no_eligible_prospects'],
      ['mailbox', 'preflight.no_healthy_mailbox'],
      ['postal_address', 'preflight.no_postal_address'],
    ]);
    const after = await admin.request<{ status: string }>('GET', `/api/admin/campaigns/${campaign.id}`);
    expect(after.body.status).toBe('draft');
  });

  it('turns each item green as it is met; a suppressed or bounced prospect is not eligible', async () => {
    const campaign = await createOk(admin);
    await sequence(campaign.id);
    await admin.request('PATCH', '/api/admin/workspace', { json: { postalAddress: '10 Downing St, London' } });
    const bounced = await prospect(campaign.id, 'bounced@example.com');
    await admin.trpc().prospects.setStage.mutate({ id: bounced, stage: 'bounced' });
    let preflight = (await admin.request<Preflight>('GET', `/api/admin/campaigns/${campaign.id}/preflight`)).body;
    expect(preflight.checks.filter((c) => !c.ok).map((c) => c.item)).toEqual(['prospects']);
    await prospect(campaign.id, 'ok@example.com');
    preflight = (await admin.request<Preflight>('GET', `/api/admin/campaigns/${campaign.id}/preflight`)).body;
    expect(preflight).toMatchObject({ ok: true, eligibleProspects: 1 });
  });
});

describe('enrolment', () => {
  it('launching enrols the campaign’s prospects with step 1 scheduled, A/B versions spread evenly', async () => {
    const campaign = await createOk(admin);
    await sequence(campaign.id);
    await admin.request('PATCH', '/api/admin/workspace', { json: { postalAddress: '10 Downing St, London' } });
    for (let n = 0; n < 6; n++) await prospect(campaign.id, `ab${n}@example.com`);
    const res = await admin.request<{ status: string; enrolledProspects: number }>('POST', `/api/admin/campaigns/${campaign.id}/launch`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'active', enrolledProspects: 6, scrapeRunId: null });
    const messages = await admin.request<Messages>('GET', `/api/admin/messages?campaignId=${campaign.id}`);
    expect(messages.body.items).toHaveLength(6);
    expect(messages.body.items.every((m) => m.state === 'scheduled' && m.stepPosition === 0)).toBe(true);
    const perVariant = [0, 1].map((v) => messages.body.items.filter((m) => m.variantIndex === v).length);
    expect(perVariant).toEqual([3, 3]);
  });

  it('never puts a prospect in two active sequences: the second enrolment says where it already is', async () => {
    await admin.request('PATCH', '/api/admin/workspace', { json: { postalAddress: '10 Downing St, London' } });
    const first = await createOk(admin, { name: 'First outreach' });
    await sequence(first.id);
    const person = await prospect(first.id, 'twice@example.com');
    expect((await admin.request('POST', `/api/admin/campaigns/${first.id}/launch`)).status).toBe(200);

    const second = await createOk(admin, { name: 'Second outreach' });
    await sequence(second.id);
    const res = await admin.request<ErrorBody>('POST', `/api/admin/campaigns/${second.id}/enrollments`, { json: { prospectId: person } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ reason: 'enrollment.already_enrolled', params: { campaignName: 'First outreach' } });
    // Enrolling again where it already is changes nothing.
    const again = await admin.request<{ enrolled: boolean }>('POST', `/api/admin/campaigns/${first.id}/enrollments`, { json: { prospectId: person } });
    expect(again.body).toEqual({ enrolled: false });
    const messages = await admin.request<Messages>('GET', `/api/admin/messages?campaignId=${first.id}`);
    expect(messages.body.items).toHaveLength(1);
  });
});
