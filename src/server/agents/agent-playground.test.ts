import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { messages } from '../db/schema/index.js';

/** The playground and the editor's preview give the live pipeline's verdict, and send nothing. */
let t: TestApp;
let client: TestClient;
let workspaceId: string;
let agentId: string;

beforeAll(async () => {
  t = await startTestApp();
  client = t.client();
  workspaceId = (await client.signUp()).workspace.id;
  const agents = await client.request<{ id: string; isDefault: boolean }[]>('GET', '/api/admin/agents');
  agentId = agents.body.find((agent) => agent.isDefault)!.id;
  await client.request('PATCH', `/api/admin/agents/${agentId}`, { json: { bookingUrl: 'https://cal.com/alex/intro', autoSend: true } });
});
afterAll(() => t.stop());

type Verdict = { intent: string; action: string; confidence: number; reason: string; draft?: { body: string }; provider: string; sendsAutomatically: boolean };

describe('POST /api/admin/agents/:id/classify', () => {
  it('an opt-out phrased as a refusal is suppressed, with no draft and no answer', async () => {
    const res = await client.request<Verdict>('POST', `/api/admin/agents/${agentId}/classify`, { json: { text: 'Not interested, please remove me from your list' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ intent: 'unsubscribe', action: 'suppress', provider: 'offline', sendsAutomatically: false });
    expect(res.body.draft).toBeUndefined();
  });

  it('with no AI model, a positive reply goes to review with the booking-link draft; an absence notice reschedules', async () => {
    const positive = await client.request<Verdict>('POST', `/api/admin/agents/${agentId}/classify`, { json: { subject: 'Re: Idea', text: 'Sounds great, can we book a call next week?' } });
    expect(positive.body.action).toBe('review');
    expect(positive.body.draft?.body).toContain('https://cal.com/alex/intro');
    const away = await client.request<Verdict>('POST', `/api/admin/agents/${agentId}/classify`, { json: { subject: 'Automatic reply: Idea', text: 'I am out of the office until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } } });
    expect(away.body).toMatchObject({ intent: 'out_of_office', action: 'reschedule' });
  });

  it('refuses an empty reply (400) and an unknown agent (404), and never stores or sends a message', async () => {
    expect((await client.request('POST', `/api/admin/agents/${agentId}/classify`, { json: { text: '' } })).status).toBe(400);
    expect((await client.request('POST', `/api/admin/agents/${crypto.randomUUID()}/classify`, { json: { text: 'hello' } })).status).toBe(404);
    const rows = await t.database.withWorkspace(workspaceId, (db) => db.select().from(messages));
    expect(rows).toEqual([]);
  });
});

describe('the editor preview', () => {
  it('answers "Not interested, please remove me from your list" with no answer, never "would be sent automatically"', async () => {
    const res = await client.request<{ decision: string; action: string; reply: { body: string }; intent: string }>('POST', '/api/admin/agents/preview-reply', {
      json: { agent: { personality: 'consultative', bookingUrl: 'https://cal.com/alex/intro', autoSend: true }, sampleInbound: 'Not interested, please remove me from your list' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ decision: 'no_answer', action: 'suppress', intent: 'unsubscribe' });
    expect(res.body.reply.body).toBe('');
  });
});
