import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCalendly, type FakeCalendly } from '../../../tests/fakes/calendly.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { signCalendly } from '../integrations/webhook-signatures.js';

let t: TestApp;
let calendly: FakeCalendly;
let admin: TestClient;
let endpoint: { url: string; secret: string };

type Registration = { registered: boolean; scope: 'organization' | 'user' | null; createdAt: string | null };
type ErrorBody = { error: { code: string; message: string; reason: string } };
type Listed = { provider: string; remoteSubscription: { scope: string; createdAt: string; secretRotatedSince: boolean } | null };

const register = (client = admin) => client.request<Registration & ErrorBody>('POST', '/api/admin/settings/webhooks/calendly/subscription');
const remove = (client = admin) => client.request<Registration & ErrorBody>('DELETE', '/api/admin/settings/webhooks/calendly/subscription');
const saveToken = (client: TestClient, apiKey: string) => client.request('PUT', '/api/admin/settings/credentials/calendly', { json: { apiKey } });
async function listed(client = admin): Promise<Listed> {
  const list = await client.request<Listed[]>('GET', '/api/admin/settings/webhooks');
  return list.body.find((entry) => entry.provider === 'calendly')!;
}
const posts = () => calendly.requests.filter((request) => request.method === 'POST' && request.path === '/webhook_subscriptions');

async function workspaceWithToken(name: string, token = calendly.token) {
  const client = t.client();
  await client.signUp({ workspaceName: name });
  expect((await saveToken(client, token)).status).toBe(200);
  const revealed = await client.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/calendly/reveal');
  return { client, endpoint: revealed.body };
}

beforeAll(async () => {
  calendly = await startFakeCalendly();
  t = await startTestApp({ CALENDLY_API_URL: calendly.url });
  ({ client: admin, endpoint } = await workspaceWithToken('Calendly Co'));
});
afterAll(async () => {
  await t.stop();
  await calendly.close();
});
beforeEach(() => {
  calendly.orgAdmin = true;
  calendly.paidPlan = true;
});

describe('Register with Calendly', () => {
  it('creates an organization subscription with our URL and secret, and Calendly deliveries signed with it are accepted', async () => {
    const res = await register();
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ registered: true, scope: 'organization' });
    const [created] = calendly.subscriptions;
    expect(calendly.subscriptions).toHaveLength(1);
    expect(created).toMatchObject({ callback_url: endpoint.url, scope: 'organization', organization: calendly.organizationUri, user: null, signingKey: endpoint.secret });
    expect(created!.events.sort()).toEqual(['invitee.canceled', 'invitee.created']);
    expect(JSON.parse(posts()[0]!.body)).not.toHaveProperty('user');
    expect(new Date(res.body.createdAt!).toISOString()).toBe(created!.created_at);

    const shown = await listed();
    expect(shown.remoteSubscription).toMatchObject({ scope: 'organization', createdAt: created!.created_at, secretRotatedSince: false });

    const delivery = JSON.stringify({
      event: 'invitee.created',
      created_at: new Date().toISOString(),
      payload: { uri: 'https://api.calendly.com/scheduled_events/EV/invitees/IN', email: 'dora@prospect.example', name: 'Dora', scheduled_event: { name: 'Intro', start_time: '2030-02-01T09:00:00Z', end_time: '2030-02-01T09:30:00Z' }, rescheduled: false },
    });
    const signed = await fetch(created!.callback_url, { method: 'POST', body: delivery, headers: { 'content-type': 'application/json', 'calendly-webhook-signature': signCalendly(created!.signingKey, delivery, new Date()) } });
    expect(signed.status).toBe(200);
  });

  it('registering again keeps the same subscription (no second one on Calendly)', async () => {
    const before = calendly.subscriptions.map((subscription) => subscription.uri);
    const again = await register();
    expect(again.status, again.text).toBe(200);
    expect(calendly.subscriptions.map((subscription) => subscription.uri)).toEqual(before);
  });

  it('after a rotation the old subscription is replaced, so Calendly signs with the new secret', async () => {
    const rotated = await admin.request<{ secret: string }>('POST', '/api/admin/settings/webhooks/calendly/rotate');
    expect((await listed()).remoteSubscription?.secretRotatedSince).toBe(true);
    const before = calendly.subscriptions[0]!.uri;
    expect((await register()).status).toBe(200);
    expect(calendly.subscriptions).toHaveLength(1);
    expect(calendly.subscriptions[0]!.uri).not.toBe(before);
    expect(calendly.subscriptions[0]!.signingKey).toBe(rotated.body.secret);
    expect((await listed()).remoteSubscription?.secretRotatedSince).toBe(false);
  });

  it('Remove deletes it on Calendly and in the card', async () => {
    const res = await remove();
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ registered: false, scope: null, createdAt: null });
    expect(calendly.subscriptions).toEqual([]);
    expect((await listed()).remoteSubscription).toBeNull();
  });

  it('409: a subscription for our URL made elsewhere (unknown signing key) is replaced by ours', async () => {
    const other = await workspaceWithToken('Conflict Co');
    const now = new Date().toISOString();
    calendly.subscriptions.push({ uri: 'https://api.calendly.com/webhook_subscriptions/older', callback_url: other.endpoint.url, created_at: now, updated_at: now, state: 'active', events: ['invitee.created'], scope: 'organization', organization: calendly.organizationUri, user: null, creator: calendly.userUri, signingKey: 'someone-elses-key' });
    const res = await register(other.client);
    expect(res.status, res.text).toBe(200);
    const ours = calendly.subscriptions.filter((subscription) => subscription.callback_url === other.endpoint.url);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.uri).not.toBe('https://api.calendly.com/webhook_subscriptions/older');
    expect(ours[0]!.signingKey).toBe(other.endpoint.secret);
    expect(calendly.requests.some((request) => request.method === 'DELETE' && request.path === '/webhook_subscriptions/older')).toBe(true);
    await remove(other.client);
  });

  it('a token without organization admin rights (403) subscribes at user scope', async () => {
    calendly.orgAdmin = false;
    const res = await register();
    expect(res.status, res.text).toBe(200);
    expect(res.body.scope).toBe('user');
    expect(calendly.subscriptions).toHaveLength(1);
    expect(calendly.subscriptions[0]).toMatchObject({ scope: 'user', user: calendly.userUri, callback_url: endpoint.url });
    expect((await listed()).remoteSubscription?.scope).toBe('user');
    await remove();
  });

  it('403 on a free plan: a clear message and nothing recorded', async () => {
    calendly.paidPlan = false;
    const res = await register();
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ reason: 'calendly.paid_plan_required', message: 'Calendly webhooks need a paid plan' });
    expect(calendly.subscriptions).toEqual([]);
    expect((await listed()).remoteSubscription).toBeNull();
  });

  it('401: a refused token says so, with no token saved it asks for one', async () => {
    const bad = await workspaceWithToken('Bad Token Co', 'calendly-pat-revoked');
    const res = await register(bad.client);
    expect(res.status).toBe(422);
    expect(res.body.error.reason).toBe('calendly.token_refused');
    expect(res.text).not.toContain('calendly-pat-revoked');

    const none = t.client();
    await none.signUp({ workspaceName: 'No Token Co' });
    const missing = await register(none);
    expect(missing.status).toBe(422);
    expect(missing.body.error.reason).toBe('credential.not_saved');
  });

  it('a member who is not an admin cannot register', async () => {
    const anonymous = t.client();
    expect((await register(anonymous)).status).toBe(401);
  });

  it('Calendly unreachable: an error that says so, nothing recorded (run last: it closes the fake)', async () => {
    await calendly.close();
    const res = await register();
    expect(res.status).toBe(422);
    expect(res.body.error.reason).toBe('calendly.request_failed');
    expect((await listed()).remoteSubscription).toBeNull();
  });
});
