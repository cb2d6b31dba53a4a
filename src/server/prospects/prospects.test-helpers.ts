import { eq } from 'drizzle-orm';
import type { TestApp, TestClient } from '../../../tests/helpers/test-app.js';
import { campaigns, events } from '../db/schema/index.js';
import type { ErrorEnvelope } from '../error-envelope.js';

/** Set-up shared by the prospects tests: a signed-in workspace, campaigns, events. */

export type ErrorBody = { error: ErrorEnvelope };
export type ProspectJson = {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  linkedinUrl: string | null;
  company: string | null;
  title: string | null;
  location: string | null;
  companyDomain: string | null;
  industry: string | null;
  stage: string;
  tags: string[];
  source: string;
  campaignId: string | null;
  campaignName: string | null;
  customFields: Record<string, string>;
  createdAt: string;
};
export type ListJson = { items: ProspectJson[]; nextCursor: string | null };
export type ImportJson = {
  importId: string;
  status: 'running' | 'completed' | 'failed';
  totalRows: number;
  processedRows?: number;
  imported: number;
  duplicates: number;
  skipped: number;
  errorCount: number;
  errors: { row: number; message: string; code?: string; params?: Record<string, unknown> }[];
};

export async function signedIn(t: TestApp): Promise<{ client: TestClient; workspaceId: string; userId: string }> {
  const client = t.client();
  const account = await client.signUp();
  return { client, workspaceId: account.workspace.id, userId: account.user.id };
}

export async function createCampaign(t: TestApp, workspaceId: string, name: string): Promise<string> {
  const [row] = await t.database.withWorkspace(workspaceId, (db) => db.insert(campaigns).values({ workspaceId, name }).returning({ id: campaigns.id }));
  return row!.id;
}

export async function eventsOf(t: TestApp, workspaceId: string) {
  return t.database.withWorkspace(workspaceId, (db) => db.select().from(events).where(eq(events.workspaceId, workspaceId)).orderBy(events.id));
}

export async function addProspect(client: TestClient, json: Record<string, unknown>) {
  return client.request<ProspectJson & ErrorBody>('POST', '/api/admin/prospects', { json });
}

export async function importCsvText(client: TestClient, csv: string, query = '') {
  return client.request<ImportJson & ErrorBody>('POST', `/api/admin/prospects/import${query}`, { body: csv, contentType: 'text/csv' });
}

/** Every page of a listing, following nextCursor. */
export async function allPages(client: TestClient, query: string): Promise<{ items: ProspectJson[]; pages: number }> {
  const items: ProspectJson[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/admin/prospects?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await client.request<ListJson>('GET', url);
    if (res.status !== 200) throw new Error(`list failed: ${res.status} ${res.text}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { items, pages };
}
