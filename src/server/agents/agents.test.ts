import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { agents, campaigns } from '../db/schema/index.js';
import { joinWorkspace } from '../../../tests/helpers/members.js';

type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };
type Agent = {
  id: string;
  name: string;
  personality: string;
  tone: string;
  language: string;
  templates: { name: string; subject?: string; body: string }[];
  bookingUrl: string | null;
  confidenceThreshold: number;
  autoSend: boolean;
  forbiddenTopics: string[];
  isDefault: boolean;
  campaignCount: number;
};

let t: TestApp;
let admin: TestClient;
let workspaceId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  workspaceId = (await admin.signUp({ workspaceName: 'Agents Co' })).workspace.id;
});
afterAll(() => t.stop());

async function defaultAgent(client: TestClient = admin): Promise<Agent> {
  const list = await client.request<Agent[]>('GET', '/api/admin/agents');
  return list.body.find((agent) => agent.isDefault)!;
}

const fullBody = {
  name: 'Closer',
  personality: 'direct',
  tone: 'short and confident',
  language: 'fr',
  templates: [{ name: 'Interested', subject: 'Re: {{company}}', body: 'Bonjour {{firstName}}, voici mon agenda : {{bookingUrl}}\n{{senderName}}' }],
  bookingUrl: 'https://cal.example.com/team/intro',
  confidenceThreshold: 0.9,
  autoSend: false,
  forbiddenTopics: [' pricing ', 'Pricing', 'legal'],
};

describe('agents REST API', () => {
  it('starts every workspace with one default agent', async () => {
    const res = await admin.request<Agent[]>('GET', '/api/admin/agents');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ isDefault: true, personality: 'consultative', confidenceThreshold: 0.8, language: 'auto', campaignCount: 0 });
  });

  it('creates (201), reads and changes an agent with the documented body names', async () => {
    const created = await admin.request<Agent>('POST', '/api/admin/agents', { json: { ...fullBody, someFutureField: 'ignored' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...fullBody, forbiddenTopics: ['pricing', 'legal'], isDefault: false });
    const read = await admin.request<Agent>('GET', `/api/admin/agents/${created.body.id}`);
    expect(read.body.name).toBe('Closer');
    const patched = await admin.request<Agent>('PATCH', `/api/admin/agents/${created.body.id}`, {
      json: { name: 'Closer v2', bookingUrl: '', confidenceThreshold: 0.5, autoSend: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Closer v2', bookingUrl: null, confidenceThreshold: 0.5, autoSend: true, personality: 'direct' });
  });

  it('names the field and the allowed variables when a template uses an unknown one', async () => {
    const res = await admin.request<ErrorBody>('POST', '/api/admin/agents', {
      json: { name: 'Typo', templates: [{ name: 'Hello', body: 'Hi {{first_name}}, see {{bookingUrl}}' }] },
    });
    expect(res.status).toBe(400);
    const issue = res.body.error.issues![0]!;
    expect(issue.path).toEqual(['templates', 0, 'body']);
    expect(issue.message).toContain('Unknown variable {{first_name}}');
    expect(issue.message).toContain('{{firstName}}');
    const braces = await admin.request<ErrorBody>('POST', '/api/admin/agents', {
      json: { name: 'Braces', templates: [{ name: 'Hello', subject: 'Hi {{firstName', body: 'ok' }] },
    });
    expect(braces.body.error.issues![0]).toMatchObject({ path: ['templates', 0, 'subject'], message: expect.stringContaining('Unbalanced braces') });
  });

  it('refuses a line break in a template subject (it becomes a mail header), on create and update', async () => {
    for (const subject of ['Hello\r\nBcc: victim@example.com', 'Hi\nthere', 'Hi\rthere']) {
      const res = await admin.request<ErrorBody>('POST', '/api/admin/agents', { json: { name: 'Header', templates: [{ name: 'Hello', subject, body: 'ok' }] } });
      expect(res.status, JSON.stringify(subject)).toBe(400);
      expect(res.body.error.issues![0]).toMatchObject({ path: ['templates', 0, 'subject'], message: 'Subject must not contain line breaks', params: { rule: 'text.line_break' } });
    }
    const agent = await defaultAgent();
    await expect(
      admin.trpc().agents.update.mutate({ id: agent.id, templates: [{ name: 'Hello', subject: 'a\r\nb', body: 'ok' }] }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', issues: [{ path: ['templates', 0, 'subject'] }] } });
  });

  it('refuses bad values with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', bookingUrl: 'javascript:alert(1)' }, 'bookingUrl'],
      [{ name: 'x', bookingUrl: 'cal.com/me' }, 'bookingUrl'],
      [{ name: 'x', confidenceThreshold: 0.3 }, 'confidenceThreshold'],
      [{ name: 'x', confidenceThreshold: 1.5 }, 'confidenceThreshold'],
      [{ name: 'x', personality: 'sarcastic' }, 'personality'],
      [{ name: 'x', language: 'de' }, 'language'],
      [{ name: 'x', forbiddenTopics: ['a'.repeat(101)] }, 'forbiddenTopics'],
      [{ name: 'x'.repeat(81) }, 'name'],
    ];
    for (const [json, field] of cases) {
      const res = await admin.request<ErrorBody>('POST', '/api/admin/agents', { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.issues?.[0]?.path[0]).toBe(field);
    }
  });

  it('moves the default flag in one step and keeps exactly one default', async () => {
    const before = await defaultAgent();
    const other = await admin.request<Agent>('POST', '/api/admin/agents', { json: { name: 'Next default' } });
    const moved = await admin.request<Agent>('PATCH', `/api/admin/agents/${other.body.id}`, { json: { isDefault: true } });
    expect(moved.body.isDefault).toBe(true);
    const rows = await t.database.withWorkspace(workspaceId, (db) => db.select().from(agents).where(eq(agents.isDefault, true)));
    expect(rows.map((row) => row.id)).toEqual([other.body.id]);
    // Un-defaulting the default would leave none: refused.
    const unset = await admin.request<ErrorBody>('PATCH', `/api/admin/agents/${other.body.id}`, { json: { isDefault: false } });
    expect(unset.status).toBe(409);
    await admin.request('PATCH', `/api/admin/agents/${before.id}`, { json: { isDefault: true } });
    expect((await defaultAgent()).id).toBe(before.id);
  });

  it('refuses to delete the default agent (409)', async () => {
    const res = await admin.request<ErrorBody>('DELETE', `/api/admin/agents/${(await defaultAgent()).id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/default agent cannot be deleted/);
  });

  it('deleting an agent moves its campaigns to the default agent', async () => {
    const doomed = await admin.request<Agent>('POST', '/api/admin/agents', { json: { name: 'Doomed' } });
    const campaignId = randomUUID();
    await t.database.withWorkspace(workspaceId, (db) => db.insert(campaigns).values({ id: campaignId, workspaceId, name: 'Uses doomed', agentId: doomed.body.id }));
    expect((await admin.request<Agent>('GET', `/api/admin/agents/${doomed.body.id}`)).body.campaignCount).toBe(1);
    const res = await admin.request<{ ok: true; reassignedCampaigns: number }>('DELETE', `/api/admin/agents/${doomed.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, reassignedCampaigns: 1 });
    const [campaign] = await t.database.withWorkspace(workspaceId, (db) => db.select().from(campaigns).where(eq(campaigns.id, campaignId)));
    expect(campaign!.agentId).toBe((await defaultAgent()).id);
    expect((await admin.request('GET', `/api/admin/agents/${doomed.body.id}`)).status).toBe(404);
  });

  it('answers 404 for another workspace’s agent, and 400 for a malformed id', async () => {
    const stranger = t.client();
    await stranger.signUp();
    const theirs = await defaultAgent(stranger);
    expect((await admin.request('GET', `/api/admin/agents/${theirs.id}`)).status).toBe(404);
    expect((await admin.request('PATCH', `/api/admin/agents/${theirs.id}`, { json: { name: 'Hijacked' } })).status).toBe(404);
    expect((await admin.request('DELETE', `/api/admin/agents/${theirs.id}`)).status).toBe(404);
    expect((await defaultAgent(stranger)).name).toBe('Default agent');
    expect((await admin.request<ErrorBody>('GET', '/api/admin/agents/not-a-uuid')).status).toBe(400);
  });

  it('needs a session or token (401) and lets members read but not change (403)', async () => {
    expect((await t.client().request('GET', '/api/admin/agents')).status).toBe(401);
    expect((await t.client().request('POST', '/api/admin/agents', { json: { name: 'x' } })).status).toBe(401);
    const { client: member } = await joinWorkspace(t, admin, 'member');
    expect((await member.request('GET', '/api/admin/agents')).status).toBe(200);
    const id = (await defaultAgent(member)).id;
    expect((await member.request('POST', '/api/admin/agents', { json: { name: 'x' } })).status).toBe(403);
    expect((await member.request('PATCH', `/api/admin/agents/${id}`, { json: { name: 'x' } })).status).toBe(403);
    expect((await member.request('DELETE', `/api/admin/agents/${id}`)).status).toBe(403);
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = await admin.request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths['/admin/agents']!)).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.body.paths['/admin/agents/{id}']!)).toEqual(expect.arrayContaining(['patch', 'delete']));
  });
});

describe('agents.previewReply', () => {
  it('writes an offline sample reply in the agent’s language with its booking link, as the signed-in sender', async () => {
    const preview = await admin.trpc().agents.previewReply.mutate({
      agent: { personality: 'friendly', language: 'fr', bookingUrl: 'https://cal.example.com/eve' },
    });
    expect(preview.offline).toBe(true);
    expect(preview.language).toBe('fr');
    expect(preview.reply.body).toContain('Bonjour Camille !');
    expect(preview.reply.body).toContain('https://cal.example.com/eve');
    expect(preview.reply.body).toContain('Test User');
    expect(preview.reply.body).toContain('Agents Co');
  });

  it('is also a REST endpoint and validates like the agent itself', async () => {
    const res = await admin.request<{ reply: { body: string } }>('POST', '/api/admin/agents/preview-reply', {
      json: { agent: { personality: 'direct', language: 'en' }, sampleInbound: 'Sounds interesting, can we talk?' },
    });
    expect(res.status).toBe(200);
    expect(res.body.reply.body).toMatch(/^Alex,/);
    const bad = await admin.request<ErrorBody>('POST', '/api/admin/agents/preview-reply', {
      json: { agent: { personality: 'direct', templates: [{ name: 'a', body: '{{nope}}' }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0]?.path).toEqual(['agent', 'templates', 0, 'body']);
    expect((await t.client().request('POST', '/api/admin/agents/preview-reply', { json: { agent: { personality: 'direct' } } })).status).toBe(401);
  });
});
