import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import type { ErrorBody } from '../campaigns/campaigns.test-helpers.js';
import { insertMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

let t: TestApp;
let world: SendingWorld;
let smtp: FakeSmtpServer;

beforeAll(async () => {
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  world = await sendingWorld(t);
  smtp = await startFakeSmtpServer({ auth: { user: 'alex', password: 's3cret' } });
});
afterAll(async () => {
  await smtp.stop();
  await world.services.close();
  await t.stop();
});

type Preview = { subject: string; text: string; html: string | null; footer: string; unresolved: string[]; usedFallbacks: string[]; hold: string | null; threaded: boolean; from: { address: string } | null };

const steps = [
  { delayDays: 0, subject: 'Quick idea for {{company}}', body: 'Hi {{firstName|there}},\n{{openingLine}}', variants: [{ subject: 'About {{company}}', body: 'Hello {{firstName|there}}' }] },
  { delayDays: 2, subject: '', body: 'Following up, {{firstName|there}}.' },
];

async function campaignWith(mailboxIds: string[]) {
  const created = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: `Preview ${Math.random().toString(36).slice(2, 7)}`, mailboxIds } });
  expect(created.status).toBe(201);
  expect((await world.client.request('PUT', `/api/admin/campaigns/${created.body.id}/sequence`, { json: { steps } })).status).toBe(200);
  return created.body.id;
}
async function prospect(campaignId: string, json: Record<string, unknown>) {
  const res = await world.client.request<{ id: string }>('POST', '/api/admin/prospects', { json: { ...json, campaignId } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}
const preview = (campaignId: string, json: Record<string, unknown>) => world.client.request<Preview & ErrorBody>('POST', `/api/admin/campaigns/${campaignId}/preview`, { json });

describe('preview', () => {
  it('renders a step for each prospect, with fallbacks, the footer, and the variables still unresolved', async () => {
    const mailbox = await insertMailbox(t, world, { fromEmail: 'alex@preview.example', smtpHost: smtp.host, smtpPort: smtp.port, smtpUser: 'alex', password: 's3cret' });
    const id = await campaignWith([mailbox]);
    const camille = await prospect(id, { email: 'camille@acme.example', firstName: 'Camille', company: 'Acme' });
    const noName = await prospect(id, { email: 'x@globex.example', company: 'Globex' });

    const first = await preview(id, { prospectId: camille });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ subject: 'Quick idea for Acme', unresolved: ['openingLine'], hold: 'unresolved_variables', from: { address: 'alex@preview.example' } });
    expect(first.body.text).toContain('Hi Camille,');
    expect(first.body.footer).toContain('12 rue des Lilas');

    const second = await preview(id, { prospectId: noName, variant: 1 });
    expect(second.body).toMatchObject({ subject: 'About Globex', text: 'Hello there', usedFallbacks: ['firstName'], unresolved: [], hold: null });

    const followUp = await preview(id, { prospectId: camille, step: 1 });
    expect(followUp.body).toMatchObject({ subject: 'Re: Quick idea for Acme', threaded: true, text: 'Following up, Camille.' });

    const draft = await preview(id, { prospectId: camille, draft: { subject: '{Hi|Hello} {{firstName}}', body: 'Draft for {{company}}' } });
    expect(draft.body.subject).toMatch(/^(Hi|Hello) Camille$/);
    expect(draft.body.text).toBe('Draft for Acme');
  });

  it('answers 404 for another workspace’s prospect, an unknown step or version, and refuses a malformed request', async () => {
    const id = await campaignWith([]);
    const mine = await prospect(id, { email: 'mine@acme.example', firstName: 'Mia' });
    const other = t.client();
    await other.signUp({ workspaceName: 'Other Co' });
    const theirs = await other.request<{ id: string }>('POST', '/api/admin/prospects', { json: { email: 'theirs@other.example' } });
    expect(theirs.status).toBe(201);

    const foreign = await preview(id, { prospectId: theirs.body.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.reason).toBe('prospect.not_found');
    const foreignCampaign = await other.request<ErrorBody>('POST', `/api/admin/campaigns/${id}/preview`, { json: { prospectId: theirs.body.id } });
    expect(foreignCampaign.status).toBe(404);

    const step = await preview(id, { prospectId: mine, step: 5 });
    expect(step.status).toBe(404);
    expect(step.body.error).toMatchObject({ reason: 'sequence.step_not_found', params: { step: 6 } });
    const variant = await preview(id, { prospectId: mine, step: 1, variant: 1 });
    expect(variant.status).toBe(404);
    expect(variant.body.error.reason).toBe('sequence.variant_not_found');
    expect((await preview(id, { prospectId: 'nope' })).status).toBe(400);
  });
});

describe('send me a test', () => {
  it('mails the rendered step to the signed-in user through the first mailbox, without touching the campaign’s messages', async () => {
    const mailbox = await insertMailbox(t, world, { fromEmail: 'alex@tests.example', smtpHost: smtp.host, smtpPort: smtp.port, smtpUser: 'alex', password: 's3cret' });
    const id = await campaignWith([mailbox]);
    const person = await prospect(id, { email: 'sam@acme.example', firstName: 'Sam', company: 'Acme' });
    const me = await world.client.request<{ user: { email: string } }>('GET', '/api/me');

    const next = smtp.nextMessage();
    const res = await world.client.request<{ to: string; subject: string; sandbox: boolean } & ErrorBody>('POST', `/api/admin/campaigns/${id}/test-send`, { json: { prospectId: person, variant: 1 } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ to: me.body.user.email, subject: '[Test] About Acme', sandbox: false });
    const mail = await next;
    expect(mail.envelopeTo).toEqual([me.body.user.email]);
    expect(mail.subject).toBe('[Test] About Acme');
    expect(mail.text).toContain('Hello Sam');
    expect(await world.messages(id)).toEqual([]);
  });

  it('says so when the campaign has no mailbox, or when the message would be held for that prospect', async () => {
    const none = await campaignWith([]);
    const person = await prospect(none, { email: 'lee@acme.example', firstName: 'Lee', company: 'Acme' });
    const res = await world.client.request<ErrorBody>('POST', `/api/admin/campaigns/${none}/test-send`, { json: { prospectId: person, variant: 1 } });
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('sequence.test_no_mailbox');

    const mailbox = await insertMailbox(t, world, { fromEmail: 'alex@held.example', smtpHost: smtp.host, smtpPort: smtp.port, smtpUser: 'alex', password: 's3cret' });
    const id = await campaignWith([mailbox]);
    const held = await prospect(id, { email: 'kim@acme.example', firstName: 'Kim', company: 'Acme' });
    const before = smtp.messages.length;
    const refused = await world.client.request<ErrorBody>('POST', `/api/admin/campaigns/${id}/test-send`, { json: { prospectId: held } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ reason: 'sequence.test_held', params: { problem: '{{openingLine}}' } });
    expect(smtp.messages.length).toBe(before);
  });

  it('asks for the workspace’s postal address first (every footer carries it)', async () => {
    const fresh = t.client();
    await fresh.signUp({ workspaceName: 'No Address Co' });
    const created = await fresh.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: 'Sandboxed' } });
    await fresh.request('PUT', `/api/admin/campaigns/${created.body.id}/sequence`, { json: { steps } });
    const person = await fresh.request<{ id: string }>('POST', '/api/admin/prospects', { json: { email: 'zoe@acme.example', company: 'Acme', campaignId: created.body.id } });
    const res = await fresh.request<ErrorBody>('POST', `/api/admin/campaigns/${created.body.id}/test-send`, { json: { prospectId: person.body.id, variant: 1 } });
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('sequence.test_no_postal_address');
    await fresh.request('PATCH', '/api/admin/workspace', { json: { postalAddress: '1 Main St, Springfield' } });
    const sandbox = await fresh.request<{ sandbox: boolean; subject: string }>('POST', `/api/admin/campaigns/${created.body.id}/test-send`, { json: { prospectId: person.body.id, variant: 1 } });
    expect(sandbox.status, sandbox.text).toBe(200);
    expect(sandbox.body).toMatchObject({ sandbox: true, subject: '[Test] About Acme' });
  });

  it('reports a mailbox that refuses the login as a failed test', async () => {
    const mailbox = await insertMailbox(t, world, { fromEmail: 'alex@badlogin.example', smtpHost: smtp.host, smtpPort: smtp.port, smtpUser: 'alex', password: 'wrong' });
    const id = await campaignWith([mailbox]);
    const person = await prospect(id, { email: 'ana@acme.example', firstName: 'Ana', company: 'Acme' });
    const res = await world.client.request<ErrorBody>('POST', `/api/admin/campaigns/${id}/test-send`, { json: { prospectId: person, variant: 1 } });
    expect(res.status).toBe(422);
    expect(res.body.error.reason).toBe('sequence.test_failed');
  });
});

describe('preflight', () => {
  it('gives the first send date once the sequence has a step', async () => {
    const created = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: 'Dated', sendWindowStart: '09:00', sendWindowEnd: '17:00', sendDays: [1, 2, 3, 4, 5], timezone: 'Europe/Paris' } });
    const empty = await world.client.request<{ firstSendAt: string | null }>('GET', `/api/admin/campaigns/${created.body.id}/preflight`);
    expect(empty.body.firstSendAt).toBeNull();
    await world.client.request('PUT', `/api/admin/campaigns/${created.body.id}/sequence`, { json: { steps: [{ delayDays: 1, subject: 'Hi', body: 'Hello' }] } });
    const dated = await world.client.request<{ firstSendAt: string }>('GET', `/api/admin/campaigns/${created.body.id}/preflight`);
    const first = new Date(dated.body.firstSendAt);
    expect(first.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const parisHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hour12: false }).format(first));
    expect(parisHour).toBeGreaterThanOrEqual(9);
    expect(parisHour).toBeLessThan(17);
    const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(first);
    expect(['Sat', 'Sun']).not.toContain(weekday);
  });
});
