import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { prospects } from '../db/schema/index.js';

/** A workspace created in French starts with French names: its default agent and the sample prospects' tag. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function signUp(language: 'en' | 'fr') {
  const client = t.client();
  const email = `lang-${Math.random().toString(36).slice(2, 9)}@example.com`;
  const res = await client.request<{ workspace: { id: string } }>('POST', '/api/auth/sign-up', { json: { email, password: 'correct horse battery staple', name: 'Léa', workspaceName: 'Équipe', language } });
  expect(res.status).toBe(201);
  return { client, workspaceId: res.body.workspace.id };
}

it('names the default agent and tags the sample prospects in the workspace language, and removes them again', async () => {
  for (const [language, agentName, tag] of [['fr', 'Agent commercial', 'exemple'], ['en', 'Default agent', 'sample']] as const) {
    const { client, workspaceId } = await signUp(language);
    const api = client.trpc();
    const agents = await api.agents.list.query();
    expect(agents.map((agent) => agent.name)).toEqual([agentName]);

    const campaign = await client.request<{ id: string }>('POST', '/api/admin/campaigns', { json: { name: 'Essai' } });
    await api.workspace.sampleData.load.mutate({ campaignId: campaign.body.id });
    const rows = await t.database.withWorkspace(workspaceId, (db) => db.select({ tags: prospects.tags }).from(prospects));
    expect(new Set(rows.map((row) => row.tags.join(',')))).toEqual(new Set([tag]));
    await api.workspace.sampleData.remove.mutate();
    expect(await t.database.withWorkspace(workspaceId, (db) => db.select().from(prospects))).toHaveLength(0);
  }
});
