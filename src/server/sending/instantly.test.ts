import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeInstantly, type FakeInstantly } from '../../../tests/fakes/instantly.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { createTestServices } from '../../../tests/helpers/test-services.js';
import type { Db } from '../db/database.js';
import { enrichments, enrollments, jobs, messages, prospects, suppressions } from '../db/schema/index.js';
import { JobEngine } from '../jobs/engine.js';
import type { InboundMail } from '../replies/inbound-mail.js';
import type { InstantlyReplySource } from '../replies/instantly-reply.adapter.js';
import type { OwnedServices } from '../services.js';
import { instantlyLeadOf } from './instantly-push.service.js';
import { sendingJobs } from './jobs.js';
import { launchedCampaign, sandboxMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

let fake: FakeInstantly;
let t: TestApp;
let world: SendingWorld;
let services: OwnedServices;
const replies: { mail: InboundMail; source: InstantlyReplySource }[] = [];

beforeAll(async () => {
  fake = await startFakeInstantly();
  t = await startTestApp({ INSTANTLY_API_URL: fake.baseUrl }, { onInstantlyReply: async (mail, source) => void replies.push({ mail, source }) });
  world = await sendingWorld(t);
  services = await createTestServices(t.database, { DATA_DIR: t.config.dataDir, INSTANTLY_API_URL: fake.baseUrl });
  const saved = await world.client.request('PUT', '/api/admin/settings/credentials/instantly', { json: { apiKey: fake.apiKey } });
  expect(saved.status, saved.text).toBe(200);
});
afterAll(async () => {
  await services.close();
  await world.services.close();
  await t.stop();
  await fake.close();
});

const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);
const drain = () => new JobEngine(services, { concurrency: { send: 1, ingest: 1, enrich: 1, scrape: 1, maintenance: 1 }, leaseMs: 30_000, pollCron: '* * * * * *', workerId: 'w1' }).registerModule(sendingJobs).drain();

/** A campaign linked to an Instantly campaign, with `count` prospects (the first enriched), launched. */
async function instantlyCampaign(instantlyCampaignId: string, count: number, prefix: string): Promise<string> {
  const created = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: `Via Instantly ${prefix}`, mailboxIds: [] } });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id;
  const linked = await world.client.request('PUT', `/api/admin/campaigns/${id}/instantly`, { json: { instantlyCampaignId } });
  expect(linked.status, linked.text).toBe(200);
  const rows = await inWorkspace((db) =>
    db
      .insert(prospects)
      .values(Array.from({ length: count }, (_, i) => ({ workspaceId: world.workspaceId, email: `${prefix}${i}@lead.example`, firstName: `Lea${i}`, lastName: 'Roux', company: 'Roux SA', companyDomain: 'roux.example', title: 'CTO', campaignId: id })))
      .returning({ id: prospects.id }),
  );
  await inWorkspace((db) =>
    db.insert(enrichments).values({ workspaceId: world.workspaceId, prospectId: rows[0]!.id, provider: 'offline', openingLine: 'Loved your talk at Devoxx.', talkingPoints: ['Hiring 3 SREs', 'Moving to Kubernetes'] }),
  );
  const launch = await world.client.request('POST', `/api/admin/campaigns/${id}/launch`);
  expect(launch.status, launch.text).toBe(200);
  return id;
}

describe('instantlyLeadOf', () => {
  it('carries the personalisation: opening line as {{personalization}}, talking points as custom variables', () => {
    const lead = instantlyLeadOf({ prospectId: 'p1', email: ' Ana@X.example ', firstName: null, lastName: null, fullName: 'Ana María López', company: 'X', companyDomain: 'x.example', title: ' CEO ', openingLine: 'Hi!', talkingPoints: ['One', ' ', 'Two'] });
    expect(lead).toEqual({
      email: 'ana@x.example',
      first_name: 'Ana',
      last_name: 'María López',
      company_name: 'X',
      job_title: 'CEO',
      website: 'https://x.example',
      personalization: 'Hi!',
      custom_variables: { salesMachineProspectId: 'p1', talkingPoint1: 'One', talkingPoint2: 'Two', talkingPoints: 'One • Two' },
    });
  });
});

describe('pushing a campaign to Instantly', () => {
  it('pushes every enrolled prospect once with their variables, schedules nothing in our mailboxes, in batches of 100', async () => {
    const campaign = await instantlyCampaign('camp-batch', 120, 'b');
    await drain();
    const pushed = fake.leads.filter((lead) => lead.campaign === 'camp-batch');
    expect(pushed).toHaveLength(120);
    expect(new Set(pushed.map((lead) => lead.email)).size).toBe(120);
    expect(pushed.find((lead) => lead.email === 'b0@lead.example')!.body).toMatchObject({
      first_name: 'Lea0',
      company_name: 'Roux SA',
      personalization: 'Loved your talk at Devoxx.',
      custom_variables: { talkingPoint1: 'Hiring 3 SREs', talkingPoint2: 'Moving to Kubernetes' },
      skip_if_in_campaign: true,
    });
    expect(await inWorkspace((db) => db.select().from(messages).where(eq(messages.campaignId, campaign)))).toEqual([]);
    const status = await world.client.request<{ pushed: number; pending: number }>('GET', `/api/admin/campaigns/${campaign}/instantly`);
    expect(status.body).toEqual({ instantlyCampaignId: 'camp-batch', pushed: 120, pending: 0 });
    // Pushing again sends nothing more.
    const calls = fake.calls.length;
    await world.client.request('POST', `/api/admin/campaigns/${campaign}/instantly/push`);
    await drain();
    expect(fake.calls.length).toBe(calls);
  });

  it('waits for Retry-After on a 429 (job queued again, nothing pushed twice), then finishes', async () => {
    fake.rateLimit(1, '1');
    const campaign = await instantlyCampaign('camp-429', 3, 'r');
    await drain();
    const [job] = await inWorkspace((db) => db.select().from(jobs).where(and(eq(jobs.campaignId, campaign), eq(jobs.type, 'sending.instantly_push'))));
    expect(job).toMatchObject({ state: 'queued' });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() - 200);
    expect(fake.leads.filter((lead) => lead.campaign === 'camp-429')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await drain();
    expect(fake.leads.filter((lead) => lead.campaign === 'camp-429')).toHaveLength(3);
  });

  it('fails at once on a refused key (401), saying so, and pushes nothing', async () => {
    await world.client.request('PUT', '/api/admin/settings/credentials/instantly', { json: { apiKey: 'wrong-key-123456' } });
    try {
      const campaign = await instantlyCampaign('camp-401', 2, 'k');
      await drain();
      const [job] = await inWorkspace((db) => db.select().from(jobs).where(and(eq(jobs.campaignId, campaign), eq(jobs.type, 'sending.instantly_push'))));
      expect(job).toMatchObject({ state: 'failed', attempts: 1 });
      expect(job!.lastError ?? job!.outcomeReason).toMatch(/API key was refused/);
      expect(fake.leads.filter((lead) => lead.campaign === 'camp-401')).toHaveLength(0);
    } finally {
      await world.client.request('PUT', '/api/admin/settings/credentials/instantly', { json: { apiKey: fake.apiKey } });
    }
  });
});

describe('switching a campaign to Instantly', () => {
  it('is refused (409) while its own mailboxes still have mail scheduled: never both', async () => {
    const mailbox = await sandboxMailbox(t, world);
    const campaign = await launchedCampaign(world, { mailboxIds: [mailbox], steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }], prospects: [{ email: 'both@lead.example' }] });
    const res = await world.client.request<{ error: { reason: string } }>('PUT', `/api/admin/campaigns/${campaign}/instantly`, { json: { instantlyCampaignId: 'camp-both' } });
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('instantly.campaign_has_scheduled_mail');
    expect((await world.client.request<{ instantlyCampaignId: string | null }>('GET', `/api/admin/campaigns/${campaign}/instantly`)).body.instantlyCampaignId).toBeNull();
  });
});

describe('POST /api/webhooks/instantly', () => {
  let url: string;
  let secret: string;
  beforeAll(async () => {
    const revealed = await world.client.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/instantly/reveal');
    ({ url, secret } = revealed.body);
  });
  const post = (body: unknown, headers: Record<string, string> = { 'x-sales-machine-secret': secret }, target = url) =>
    fetch(target, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const event = (eventType: string, leadEmail: string, extra: Record<string, unknown> = {}) => ({
    timestamp: new Date().toISOString(),
    event_type: eventType,
    campaign_id: 'camp-hook',
    lead_email: leadEmail,
    email_account: 'sender@instantly.example',
    email_id: `em_${eventType}_${leadEmail}`,
    reply_subject: 'Re: Quick question',
    reply_text: 'Sounds good, call me Tuesday.',
    ...extra,
  });

  it('refuses a missing or wrong secret (401) and changes nothing; accepts the header or ?secret=', async () => {
    const [p] = await inWorkspace((db) => db.insert(prospects).values({ workspaceId: world.workspaceId, email: 'gate@lead.example', stage: 'contacted' }).returning());
    expect((await post(event('lead_unsubscribed', 'gate@lead.example'), {})).status).toBe(401);
    expect((await post(event('lead_unsubscribed', 'gate@lead.example'), { 'x-sales-machine-secret': `${secret}x` })).status).toBe(401);
    expect((await inWorkspace((db) => db.query.prospects.findFirst({ where: eq(prospects.id, p!.id) })))!.stage).toBe('contacted');
    const other = t.client();
    await other.signUp({ workspaceName: 'Other Instantly Co' });
    const theirs = (await other.request<{ url: string; secret: string }>('POST', '/api/admin/settings/webhooks/instantly/reveal')).body;
    expect((await post(event('lead_unsubscribed', 'gate@lead.example'), { 'x-sales-machine-secret': theirs.secret })).status).toBe(401);
    expect((await post(event('lead_unsubscribed', 'gate@lead.example'), { 'x-sales-machine-secret': secret }, theirs.url)).status).toBe(401);
    const viaQuery = await post(event('email_opened', 'gate@lead.example'), {}, `${url}?secret=${encodeURIComponent(secret)}`);
    expect(await viaQuery.json()).toEqual({ status: 'ignored', reason: 'unsupported_event' });
  });

  it('a reply goes to the reply pipeline as an InboundMail with its campaign and prospect; a redelivery keeps its Message-ID', async () => {
    const campaign = await instantlyCampaign('camp-hook', 1, 'h');
    await drain();
    const res = await post(event('reply_received', 'h0@lead.example'));
    expect(await res.json()).toEqual({ status: 'reply_ingested' });
    await post(event('reply_received', 'h0@lead.example'));
    expect(replies).toHaveLength(2);
    const prospect = await inWorkspace((db) => db.query.prospects.findFirst({ where: eq(prospects.email, 'h0@lead.example') }));
    expect(replies[0]!.source).toEqual({ kind: 'instantly', workspaceId: world.workspaceId, campaignId: campaign, prospectId: prospect!.id, leadEmail: 'h0@lead.example', instantlyCampaignId: 'camp-hook', emailAccount: 'sender@instantly.example', emailId: 'em_reply_received_h0@lead.example' });
    expect(replies[0]!.mail).toMatchObject({ from: { address: 'h0@lead.example' }, subject: 'Re: Quick question', text: 'Sounds good, call me Tuesday.' });
    expect(replies[1]!.mail.messageId).toBe(replies[0]!.mail.messageId);
  });

  it('a bounce suppresses the address and stops the sequence; an unsubscribe too; redelivered, nothing more', async () => {
    await instantlyCampaign('camp-stop', 2, 's');
    expect((await post(event('email_bounced', 's0@lead.example'))).status).toBe(200);
    expect((await post(event('email_bounced', 's0@lead.example'))).status).toBe(200);
    expect(await (await post(event('lead_unsubscribed', 's1@lead.example'))).json()).toEqual({ status: 'unsubscribed' });
    const rows = await inWorkspace((db) => db.select({ email: prospects.email, stage: prospects.stage, state: enrollments.state, stoppedReason: enrollments.stoppedReason }).from(prospects).innerJoin(enrollments, eq(enrollments.prospectId, prospects.id)).where(eq(prospects.company, 'Roux SA')));
    expect(rows.filter((row) => row.email!.startsWith('s')).sort((a, b) => a.email!.localeCompare(b.email!))).toEqual([
      { email: 's0@lead.example', stage: 'bounced', state: 'stopped', stoppedReason: 'bounced' },
      { email: 's1@lead.example', stage: 'unsubscribed', state: 'stopped', stoppedReason: 'unsubscribed' },
    ]);
    const suppressed = await inWorkspace((db) => db.select({ value: suppressions.value, reason: suppressions.reason, source: suppressions.source }).from(suppressions));
    expect(suppressed.filter((row) => row.value.startsWith('s'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 's0@lead.example', reason: 'bounce' }), { value: 's1@lead.example', reason: 'unsubscribe', source: 'instantly' }]),
    );
    expect(suppressed.filter((row) => row.value === 's0@lead.example')).toHaveLength(1);
  });
});
