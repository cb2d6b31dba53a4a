import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { enrichments } from '../db/schema/index.js';
import { launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

let t: TestApp;
let world: SendingWorld;
const monday = nextMonday(10);
const later = (days: number) => new Date(monday.getTime() + days * 86_400_000);

beforeAll(async () => {
  t = await startTestApp();
  world = await sendingWorld(t);
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});

const oneClick = (token: string) =>
  fetch(`${t.url}/u/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });

describe('one-click unsubscribe', () => {
  it('POST /u/:token suppresses the address at once and the next step never leaves; twice is the same', async () => {
    const mailbox = await sandboxMailbox(t, world);
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }, { delayDays: 2, body: 'Again' }],
      prospects: [{ email: 'leave@unsub.example', firstName: 'Lea' }],
    });
    await world.tick(monday);
    const [first] = await world.messages(campaign);
    expect(first!.state).toBe('sent');
    const res = await oneClick(first!.unsubscribeToken!);
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect((await oneClick(first!.unsubscribeToken!)).status).toBe(200);

    expect((await world.tick(later(3))).sent).toBe(0);
    const rows = await world.messages(campaign);
    expect(rows.map((m) => [m.stepPosition, m.state])).toEqual([[0, 'sent'], [1, 'failed']]);
    const suppressed = await t.database.withWorkspace(world.workspaceId, (db) => db.query.suppressions.findMany({ where: (s, { eq }) => eq(s.value, 'leave@unsub.example') }));
    expect(suppressed).toMatchObject([{ reason: 'unsubscribe' }]);
    const prospect = await t.database.withWorkspace(world.workspaceId, (db) => db.query.prospects.findFirst({ where: (p, { eq }) => eq(p.email, 'leave@unsub.example') }));
    expect(prospect!.stage).toBe('unsubscribed');

    // Deleted and imported again later, into another campaign: still never mailed.
    expect((await world.client.request('POST', '/api/admin/prospects/bulk', { json: { action: 'delete', ids: [prospect!.id] } })).status).toBe(200);
    const again = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: 'Again', mailboxIds: [mailbox] } });
    await world.client.request('PUT', `/api/admin/campaigns/${again.body.id}/sequence`, { json: { steps: [{ delayDays: 0, subject: 'Hi', body: 'x' }] } });
    await world.client.request('POST', '/api/admin/prospects', { json: { email: 'LEAVE@unsub.example', campaignId: again.body.id } });
    const preflight = await world.client.request<{ eligibleProspects: number }>('GET', `/api/admin/campaigns/${again.body.id}/preflight`);
    expect(preflight.body.eligibleProspects).toBe(0);
  });

  it('GET /u/:token shows a confirm page in the recipient’s language and changes nothing by itself', async () => {
    const mailbox = await sandboxMailbox(t, world);
    const campaign = await launchedCampaign(world, { mailboxIds: [mailbox], steps: [{ delayDays: 0, subject: 'Salut', body: 'Bonjour' }], prospects: [{ email: 'claire@fr.example' }] });
    const prospect = await t.database.withWorkspace(world.workspaceId, (db) => db.query.prospects.findFirst({ where: (p, { eq }) => eq(p.email, 'claire@fr.example') }));
    await t.database.withWorkspace(world.workspaceId, (db) => db.insert(enrichments).values({ workspaceId: world.workspaceId, prospectId: prospect!.id, provider: 'offline', language: 'fr' }));
    await world.tick(monday);
    const [row] = await world.messages(campaign);
    const res = await fetch(`${t.url}/u/${row!.unsubscribeToken}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Me désinscrire');
    expect(html).toContain('<form method="post">');
    const suppressed = await t.database.withWorkspace(world.workspaceId, (db) => db.query.suppressions.findMany({ where: (s, { eq }) => eq(s.value, 'claire@fr.example') }));
    expect(suppressed).toEqual([]);
  });

  it('a forged or unknown token answers 404 and changes nothing', async () => {
    const before = await t.database.withWorkspace(world.workspaceId, (db) => db.query.suppressions.findMany());
    expect((await oneClick('0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await oneClick('not-a-token')).status).toBe(404);
    expect((await fetch(`${t.url}/u/${encodeURIComponent("' or 1=1 --")}`)).status).toBe(404);
    const after = await t.database.withWorkspace(world.workspaceId, (db) => db.query.suppressions.findMany());
    expect(after).toEqual(before);
  });
});
