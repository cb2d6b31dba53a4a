import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import type { Db } from '../db/database.js';
import { campaignCounters, enrollments, events, meetings, messages, prospects } from '../db/schema/index.js';
import { signCalcom, signCalendly } from '../integrations/webhook-signatures.js';
import { launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';

let t: TestApp;
let world: SendingWorld;
type Endpoint = { provider: string; url: string; secretLast4: string };
let calcom: { url: string; secret: string };
let calendly: { url: string; secret: string };

async function endpoint(client: TestClient, provider: string): Promise<{ url: string; secret: string }> {
  const revealed = await client.request<{ url: string; secret: string }>('POST', `/api/admin/settings/webhooks/${provider}/reveal`);
  expect(revealed.status, revealed.text).toBe(200);
  return revealed.body;
}

beforeAll(async () => {
  t = await startTestApp();
  world = await sendingWorld(t);
  calcom = await endpoint(world.client, 'calcom');
  calendly = await endpoint(world.client, 'calendly');
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});

function calcomBooking(triggerEvent: string, email: string, overrides: Record<string, unknown> = {}) {
  return {
    triggerEvent,
    createdAt: new Date().toISOString(),
    payload: {
      title: 'Discovery call',
      startTime: '2030-01-21T14:00:00Z',
      endTime: '2030-01-21T14:30:00Z',
      organizer: { email: 'alex@sender.example', name: 'Alex' },
      attendees: [{ email, name: 'Bob Martin' }],
      uid: `bk_${email}`,
      location: 'https://meet.example/bob',
      ...overrides,
    },
  };
}

/** POSTs the exact bytes, signed (or not) like Cal.com. */
function postCalcom(url: string, body: unknown, signature: string | null) {
  const raw = JSON.stringify(body);
  return fetch(url, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-cal-signature-256': signature }) } });
}
const signedCalcom = (body: unknown, secret = calcom.secret, url = calcom.url) => postCalcom(url, body, signCalcom(secret, JSON.stringify(body)));

function calendlyDelivery(event: string, email: string, payload: Record<string, unknown> = {}) {
  return {
    event,
    created_at: new Date().toISOString(),
    payload: {
      uri: `https://api.calendly.com/scheduled_events/EV/invitees/${email}`,
      email,
      name: 'Carla Núñez',
      scheduled_event: { name: 'Intro', start_time: '2030-02-01T09:00:00Z', end_time: '2030-02-01T09:30:00Z', location: { join_url: 'https://meet.google.com/abc' } },
      rescheduled: false,
      ...payload,
    },
  };
}
function postCalendly(body: unknown, header: string | null, url = calendly.url) {
  return fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'calendly-webhook-signature': header }) } });
}

const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);

async function prospectByEmail(email: string) {
  return inWorkspace((db) => db.query.prospects.findFirst({ where: eq(prospects.email, email) }));
}

describe('Settings → webhooks', () => {
  it('lists one URL per provider with the secret hidden; no session is refused; rotating makes the old secret useless', async () => {
    const list = await world.client.request<Endpoint[]>('GET', '/api/admin/settings/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.map((entry) => entry.provider)).toEqual(['calcom', 'calendly', 'instantly', 'inbound_email']);
    expect(list.body[0]!.url).toBe(calcom.url);
    expect(list.body[0]!.url).toMatch(/\/api\/webhooks\/calcom\/[a-z2-9]{32}$/);
    expect(list.text).not.toContain(calcom.secret);
    expect(list.body[0]!.secretLast4).toBe(calcom.secret.slice(-4));

    const anonymous = t.client();
    expect((await anonymous.request('GET', '/api/admin/settings/webhooks')).status).toBe(401);

    const other = t.client();
    await other.signUp({ workspaceName: 'Rotation Co' });
    const before = await endpoint(other, 'calcom');
    const rotated = await other.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/calcom/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).toBe(before.url);
    expect(rotated.body.secret).not.toBe(before.secret);
    const body = calcomBooking('BOOKING_CREATED', 'rotate@prospect.example');
    expect((await signedCalcom(body, before.secret, before.url)).status).toBe(401);
    expect((await signedCalcom(body, rotated.body.secret, before.url)).status).toBe(200);
  });
});

describe('Cal.com webhook', () => {
  it('refuses a bad, missing or "no-secret-provided" signature and an unknown URL, storing nothing', async () => {
    const body = calcomBooking('BOOKING_CREATED', 'nobody@prospect.example');
    const bad = await postCalcom(calcom.url, body, signCalcom('not-the-secret', JSON.stringify(body)));
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { reason: string } }).error.reason).toBe('webhook.unauthorized');
    expect((await postCalcom(calcom.url, body, null)).status).toBe(401);
    expect((await postCalcom(calcom.url, body, 'no-secret-provided')).status).toBe(401);
    // Signed over other bytes (the body re-serialised with a change): refused.
    expect((await postCalcom(calcom.url, { ...body, createdAt: 'x' }, signCalcom(calcom.secret, JSON.stringify(body)))).status).toBe(401);
    const unknown = await signedCalcom(body, calcom.secret, calcom.url.replace(/[a-z2-9]{32}$/, 'a'.repeat(32)));
    expect(unknown.status).toBe(404);
    expect(await prospectByEmail('nobody@prospect.example')).toBeUndefined();
    expect(await inWorkspace((db) => db.select().from(meetings).where(eq(meetings.attendeeEmail, 'nobody@prospect.example')))).toEqual([]);
  });

  it('a booking: meeting recorded once on redelivery, stage meeting_booked, sequence stopped, counter up, live event; cancel reverts the stage', async () => {
    const mailbox = await sandboxMailbox(t, world);
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }, { delayDays: 3, body: 'Again' }],
      prospects: [{ email: 'bob@prospect.example', firstName: 'Bob' }],
    });
    await world.tick(nextMonday(10));
    const before = await prospectByEmail('bob@prospect.example');
    expect(before!.stage).toBe('contacted');

    const body = calcomBooking('BOOKING_CREATED', 'Bob@Prospect.example');
    const first = await signedCalcom(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'created' });
    const again = await signedCalcom(body);
    expect(await again.json()).toMatchObject({ status: 'duplicate' });

    const rows = await inWorkspace((db) => db.select().from(meetings).where(eq(meetings.prospectId, before!.id)));
    expect(rows).toMatchObject([{ provider: 'calcom', status: 'scheduled', campaignId: campaign, joinUrl: 'https://meet.example/bob', startsAt: new Date('2030-01-21T14:00:00Z'), previousStage: 'contacted' }]);
    expect((await prospectByEmail('bob@prospect.example'))!.stage).toBe('meeting_booked');
    const enrolment = await inWorkspace((db) => db.query.enrollments.findFirst({ where: eq(enrollments.prospectId, before!.id) }));
    expect(enrolment).toMatchObject({ state: 'stopped', stoppedReason: 'meeting_booked' });
    // The second step, already scheduled, never leaves.
    const sent = await world.tick(new Date(nextMonday(10).getTime() + 4 * 86_400_000));
    expect(sent.sent).toBe(0);
    expect((await world.messages(campaign)).map((m) => [m.state, m.error])).toEqual([['sent', null], ['failed', 'Not sent: a meeting was booked']]);
    const counters = await inWorkspace((db) => db.query.campaignCounters.findFirst({ where: eq(campaignCounters.campaignId, campaign) }));
    expect(counters!.meetings).toBe(1);
    const booked = await inWorkspace((db) => db.select().from(events).where(and(eq(events.type, 'meeting.booked'), eq(events.prospectId, before!.id))));
    expect(booked).toHaveLength(1);
    const activity = await world.client.request<{ type: string; prospectId: string | null }[]>('GET', '/api/admin/dashboard/activity');
    expect(activity.body.some((item) => item.type === 'meeting.booked' && item.prospectId === before!.id)).toBe(true);

    // Moved: one meeting, new time.
    const moved = calcomBooking('BOOKING_RESCHEDULED', 'bob@prospect.example', { uid: 'bk_moved', rescheduleUid: body.payload.uid, startTime: '2030-01-22T09:00:00Z', endTime: '2030-01-22T09:30:00Z' });
    expect(await (await signedCalcom(moved)).json()).toMatchObject({ status: 'rescheduled' });
    const afterMove = await inWorkspace((db) => db.select().from(meetings).where(eq(meetings.prospectId, before!.id)));
    expect(afterMove).toMatchObject([{ externalId: 'bk_moved', status: 'rescheduled', startsAt: new Date('2030-01-22T09:00:00Z') }]);

    const cancelled = await signedCalcom(calcomBooking('BOOKING_CANCELLED', 'bob@prospect.example', { uid: 'bk_moved', cancellationReason: 'Conflict' }));
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await prospectByEmail('bob@prospect.example'))!.stage).toBe('contacted');
    const cancelledRow = await inWorkspace((db) => db.query.meetings.findFirst({ where: eq(meetings.prospectId, before!.id) }));
    expect(cancelledRow).toMatchObject({ status: 'cancelled', cancellationReason: 'Conflict' });
    const countersAfter = await inWorkspace((db) => db.query.campaignCounters.findFirst({ where: eq(campaignCounters.campaignId, campaign) }));
    expect(countersAfter!.meetings).toBe(0);
    // Cancelled twice: nothing more.
    expect(await (await signedCalcom(calcomBooking('BOOKING_CANCELLED', 'bob@prospect.example', { uid: 'bk_moved' }))).json()).toMatchObject({ status: 'duplicate' });
  });

  it('an unknown attendee becomes a prospect with source api; a PING is acknowledged and stores nothing', async () => {
    const res = await signedCalcom(calcomBooking('BOOKING_CREATED', 'newcomer@unknown.example', { attendees: [{ email: 'newcomer@unknown.example', name: 'Nina Ortega' }] }));
    expect(await res.json()).toMatchObject({ status: 'created' });
    const created = await prospectByEmail('newcomer@unknown.example');
    expect(created).toMatchObject({ source: 'api', stage: 'meeting_booked', firstName: 'Nina', lastName: 'Ortega' });
    const meeting = await inWorkspace((db) => db.query.meetings.findFirst({ where: eq(meetings.prospectId, created!.id) }));
    expect(meeting).toMatchObject({ previousStage: 'new', campaignId: null });

    const ping = await signedCalcom({ triggerEvent: 'PING', createdAt: new Date().toISOString(), payload: {} });
    expect(await ping.json()).toEqual({ status: 'ignored', reason: 'ping' });
    const invalid = await signedCalcom({ triggerEvent: 'BOOKING_CREATED', payload: { uid: 'x' } });
    expect(invalid.status).toBe(400);
  });
});

describe('Calendly webhook', () => {
  it('verifies the signature with its timestamp: good, bad, missing, replayed (too old)', async () => {
    const body = calendlyDelivery('invitee.created', 'carla@prospect.example');
    const raw = JSON.stringify(body);
    expect((await postCalendly(body, signCalendly('wrong-key', raw, new Date()))).status).toBe(401);
    expect((await postCalendly(body, null)).status).toBe(401);
    expect((await postCalendly(body, 't=abc,v1=zz')).status).toBe(401);
    const replay = await postCalendly(body, signCalendly(calendly.secret, raw, new Date(Date.now() - 10 * 60_000)));
    expect(replay.status).toBe(401);
    expect(await prospectByEmail('carla@prospect.example')).toBeUndefined();

    const good = await postCalendly(body, signCalendly(calendly.secret, raw, new Date()));
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ status: 'created' });
    const carla = await prospectByEmail('carla@prospect.example');
    expect(carla).toMatchObject({ source: 'api', stage: 'meeting_booked' });
  });

  it('a cancellation puts the stage back; the cancel half of a reschedule changes nothing', async () => {
    const [seeded] = await inWorkspace((db) => db.insert(prospects).values({ workspaceId: world.workspaceId, email: 'dan@prospect.example', stage: 'interested' }).returning());
    const signedPost = (body: unknown) => postCalendly(body, signCalendly(calendly.secret, JSON.stringify(body), new Date()));
    expect((await signedPost(calendlyDelivery('invitee.created', 'dan@prospect.example'))).status).toBe(200);
    expect((await prospectByEmail('dan@prospect.example'))!.stage).toBe('meeting_booked');
    const half = await signedPost(calendlyDelivery('invitee.canceled', 'dan@prospect.example', { rescheduled: true }));
    expect(await half.json()).toMatchObject({ status: 'ignored', reason: 'rescheduled' });
    expect((await prospectByEmail('dan@prospect.example'))!.stage).toBe('meeting_booked');
    const cancel = await signedPost(calendlyDelivery('invitee.canceled', 'dan@prospect.example', { cancellation: { canceled_by: 'Dan', reason: 'No budget' } }));
    expect(await cancel.json()).toMatchObject({ status: 'cancelled' });
    expect((await prospectByEmail('dan@prospect.example'))!.stage).toBe('interested');
    const rows = await inWorkspace((db) => db.select().from(meetings).where(eq(meetings.prospectId, seeded!.id)));
    expect(rows).toMatchObject([{ provider: 'calendly', status: 'cancelled', cancellationReason: 'No budget' }]);
  });
});

describe('workspace isolation', () => {
  it('another workspace’s secret does not reach this workspace, and its bookings land in its own data', async () => {
    const other = t.client();
    const account = await other.signUp({ workspaceName: 'Other Co' });
    const theirs = await endpoint(other, 'calcom');
    expect(theirs.url).not.toBe(calcom.url);
    const body = calcomBooking('BOOKING_CREATED', 'shared@prospect.example', { uid: 'bk_shared' });
    // Their secret on our URL, our secret on their URL: both refused.
    expect((await signedCalcom(body, theirs.secret, calcom.url)).status).toBe(401);
    expect((await signedCalcom(body, calcom.secret, theirs.url)).status).toBe(401);
    expect(await prospectByEmail('shared@prospect.example')).toBeUndefined();
    // Their valid delivery: created in their workspace only.
    expect((await signedCalcom(body, theirs.secret, theirs.url)).status).toBe(200);
    expect(await prospectByEmail('shared@prospect.example')).toBeUndefined();
    const inTheirs = await t.database.withWorkspace(account.workspace.id, (db) => db.query.prospects.findFirst({ where: eq(prospects.email, 'shared@prospect.example') }));
    expect(inTheirs).toMatchObject({ source: 'api', stage: 'meeting_booked' });
    const ours = await inWorkspace((db) => db.select({ id: messages.id }).from(meetings).innerJoin(messages, eq(messages.prospectId, meetings.prospectId)).where(eq(meetings.externalId, 'bk_shared')));
    expect(ours).toEqual([]);
  });
});
