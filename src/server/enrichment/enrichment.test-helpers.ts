import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { FAKE_OPENAI_KEY, messageText, type ChatRequest, type FakeOpenAi } from '../../../tests/fakes/openai.js';
import type { TestDatabase } from '../../../tests/helpers/test-db.js';
import { saveCredential } from '../credentials/credentials.service.js';
import { campaigns, enrichments, enrichmentTasks, icpProfiles, jobs, prospects, users } from '../db/schema/index.js';
import { JobEngine } from '../jobs/engine.js';
import type { OwnedServices } from '../services.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { enrichmentJobs } from './jobs.js';
import type { ProspectFacts } from './prompt.js';

/** Set-up shared by the enrichment engine tests and the bench: a workspace, prospects, an engine, a model. */

export async function seedWorkspace(database: TestDatabase): Promise<{ workspaceId: string; campaignId: string }> {
  const workspaceId = randomUUID();
  return database.withWorkspace(workspaceId, async (db) => {
    const [user] = await db.insert(users).values({ email: `owner-${workspaceId}@example.com`, name: 'Owner', passwordHash: 'x' }).returning();
    await provisionWorkspace(db, { workspaceId, name: 'Acme Outbound', ownerUserId: user!.id, ownerName: 'Owner' });
    await db.update(icpProfiles).set({ jobTitles: ['VP Sales'], industries: ['Software Development'], locations: ['France'], seniorities: ['vp'] }).where(eq(icpProfiles.workspaceId, workspaceId));
    const [campaign] = await db.insert(campaigns).values({ workspaceId, name: 'Q1' }).returning({ id: campaigns.id });
    return { workspaceId, campaignId: campaign!.id };
  });
}

export async function addProspects(database: TestDatabase, workspaceId: string, campaignId: string | null, count: number, overrides: (i: number) => Partial<typeof prospects.$inferInsert> = () => ({})): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    workspaceId,
    campaignId,
    email: `p${i}-${randomUUID().slice(0, 6)}@example.com`,
    firstName: `Jane${i}`,
    lastName: 'Doe',
    title: 'VP Sales',
    company: `Acme ${i}`,
    industry: 'Software Development',
    location: 'Paris, Île-de-France, France',
    customFields: { summary: 'I help SaaS teams build outbound.' },
    ...overrides(i),
  }));
  const inserted = await database.withWorkspace(workspaceId, (db) => db.insert(prospects).values(rows).returning({ id: prospects.id }));
  return inserted.map((row) => row.id);
}

export async function configureLlm(database: TestDatabase, services: OwnedServices, workspaceId: string, fake: FakeOpenAi, apiKey = FAKE_OPENAI_KEY) {
  await database.withWorkspace(workspaceId, (db) =>
    saveCredential(db, services.secretBox, { workspaceId, service: 'openai', changes: { apiKey, baseUrl: fake.baseUrl, model: 'gpt-4o-mini' }, allowPrivate: true }),
  );
}

export function testEngine(services: OwnedServices, workerId: string, enrich = 5): JobEngine {
  return new JobEngine(services, {
    concurrency: { send: 2, ingest: 1, enrich, scrape: 1, maintenance: 1 },
    leaseMs: 30_000,
    pollCron: '* * * * * *',
    workerId,
  }).registerModule(enrichmentJobs);
}

/** The prospect data the prompt fenced, read back the way a model sees it. */
export function promptData(request: ChatRequest): ProspectFacts {
  const user = messageText(request.messages.find((message) => message.role === 'user')!);
  return JSON.parse(user.split('\n').slice(1, -1).join('\n')) as ProspectFacts;
}

/** A well-behaved model: an answer built from the facts it was given. */
export function goodModel(request: ChatRequest) {
  const facts = promptData(request);
  return {
    talkingPoints: [`${facts.title} at ${facts.company}`, `${facts.company} works in ${facts.industry}`, `Based in ${facts.location}`],
    openingLine: `Hi ${facts.firstName}, your work on outbound at ${facts.company} caught my eye.`,
    fitScore: 88,
    fitReason: 'VP Sales in software in France, as the ICP targets.',
    timezone: 'Europe/Paris',
    language: 'fr',
  };
}

export async function enrichmentOf(database: TestDatabase, workspaceId: string, prospectId: string) {
  const [row] = await database.withWorkspace(workspaceId, (db) => db.select().from(enrichments).where(eq(enrichments.prospectId, prospectId)));
  return row ?? null;
}

export async function taskOf(database: TestDatabase, workspaceId: string, prospectId: string) {
  const [row] = await database.withWorkspace(workspaceId, (db) => db.select().from(enrichmentTasks).where(eq(enrichmentTasks.prospectId, prospectId)));
  return row ?? null;
}

export async function stageOf(database: TestDatabase, workspaceId: string, prospectId: string) {
  const [row] = await database.withWorkspace(workspaceId, (db) => db.select({ stage: prospects.stage }).from(prospects).where(eq(prospects.id, prospectId)));
  return row?.stage;
}

export async function jobsOf(database: TestDatabase, workspaceId: string) {
  return database.withWorkspace(workspaceId, (db) => db.select().from(jobs).where(eq(jobs.type, 'enrich.batch')).orderBy(jobs.createdAt));
}

/** Makes every deferred job due now (instead of waiting out a Retry-After in a test). */
export async function makeJobsDue(database: TestDatabase, workspaceId: string) {
  await database.withWorkspace(workspaceId, (db) => db.execute(sql`update jobs set run_at = now() where state = 'queued'`));
}
