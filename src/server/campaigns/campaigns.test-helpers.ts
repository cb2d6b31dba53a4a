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
