import { expect } from 'vitest';
import type { TestClient } from '../../../tests/helpers/test-app.js';
import type { ErrorEnvelope } from '../error-envelope.js';

/** Shared by the campaigns tests: the REST shapes and the calls they make again and again. */

export type ErrorBody = { error: ErrorEnvelope };
export type Campaign = {
  id: string;
  name: string;
  description: string;
  status: string;
  agentId: string | null;
  agentName: string | null;
  mailboxIds: string[];
  timezone: string;
  sendWindowStart: string;
  sendWindowEnd: string;
  sendDays: number[];
  dailyLimit: number | null;
  stopOnReply: boolean;
  createdAt: string;
  startedAt: string | null;
  counts: { prospects: number; sent: number; replies: number; meetings: number };
  allowedTransitions: string[];
};
export type Page = { items: Campaign[]; nextCursor: string | null; total: number };

export async function create(client: TestClient, json: Record<string, unknown>) {
  return client.request<Campaign & ErrorBody>('POST', '/api/admin/campaigns', { json });
}

export async function createOk(client: TestClient, json: Record<string, unknown> = {}): Promise<Campaign> {
  const res = await create(client, { name: `Campaign ${Math.random().toString(36).slice(2, 7)}`, ...json });
  expect(res.status).toBe(201);
  return res.body;
}

export async function patch(client: TestClient, id: string, json: Record<string, unknown>) {
  return client.request<Campaign & ErrorBody>('PATCH', `/api/admin/campaigns/${id}`, { json });
}

/** The campaign's event types, newest first, as its activity endpoint lists them. */
export async function eventTypes(client: TestClient, campaignId: string): Promise<string[]> {
  const res = await client.request<{ type: string }[]>('GET', `/api/admin/campaigns/${campaignId}/events`);
  return res.body.map((event) => event.type);
}

/**
 * What launch preflight asks for: the workspace's postal address, one step in the sequence and one
 * prospect with an email in the campaign (the sandbox mailbox is attached by default).
 */
export async function makeLaunchable(client: TestClient, campaignId: string): Promise<void> {
  const workspace = await client.request('PATCH', '/api/admin/workspace', { json: { postalAddress: '1 rue de la Paix, 75002 Paris' } });
  expect(workspace.status).toBe(200);
  const sequence = await client.request('PUT', `/api/admin/campaigns/${campaignId}/sequence`, { json: { steps: [{ delayDays: 0, subject: 'Hello', body: 'Hi {{firstName|there}}' }] } });
  expect(sequence.status).toBe(200);
  const email = `p-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const prospect = await client.request('POST', '/api/admin/prospects', { json: { email, firstName: 'Pat', campaignId } });
  expect(prospect.status).toBe(201);
}
