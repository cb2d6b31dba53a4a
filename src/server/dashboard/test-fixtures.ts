import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ProspectStage } from '../../shared/enums.js';
import type { Database, Db } from '../db/database.js';
import { agents, aiDecisions, campaigns, jobs, mailboxes, meetings, messages, prospects, reviewItems } from '../db/schema/index.js';

/**
 * Exact rows for dashboard and campaign tests (the bench seed makes bulk, random-looking data;
 * these make a handful of rows whose counts a test can assert). Test-only.
 */
export class WorkspaceFixtures {
  constructor(
    private readonly database: Database,
    readonly workspaceId: string,
  ) {}

  private run<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.database.withWorkspace(this.workspaceId, fn);
  }

  async prospect(input: { stage?: ProspectStage; campaignId?: string | null; name?: string; stageChangedAt?: Date } = {}): Promise<string> {
    const name = input.name ?? `Pat ${randomUUID().slice(0, 6)}`;
    const [row] = await this.run((db) =>
      db
        .insert(prospects)
        .values({
          workspaceId: this.workspaceId,
          fullName: name,
          firstName: name.split(' ')[0],
          email: `${randomUUID()}@prospect.example`,
          company: 'Acme',
          stage: input.stage ?? 'new',
          campaignId: input.campaignId ?? null,
          ...(input.stageChangedAt ? { stageChangedAt: input.stageChangedAt } : {}),
        })
        .returning({ id: prospects.id }),
    );
    return row!.id;
  }

  async campaign(input: { name?: string; status?: 'draft' | 'active' | 'paused' | 'completed' | 'archived' } = {}): Promise<string> {
    const [row] = await this.run((db) =>
      db
        .insert(campaigns)
        .values({ workspaceId: this.workspaceId, name: input.name ?? 'Fixture campaign', status: input.status ?? 'draft' })
        .returning({ id: campaigns.id }),
    );
    return row!.id;
  }

  private async insertMessages(
    prospectId: string,
    count: number,
    campaignId: string | null | undefined,
    message: Omit<typeof messages.$inferInsert, 'workspaceId' | 'prospectId' | 'campaignId'>,
  ): Promise<string[]> {
    if (count === 0) return [];
    const rows = await this.run((db) =>
      db
        .insert(messages)
        .values(Array.from({ length: count }, () => ({ workspaceId: this.workspaceId, prospectId, campaignId: campaignId ?? null, ...message })))
        .returning({ id: messages.id }),
    );
    return rows.map((row) => row.id);
  }

  /** `count` outbound messages in state sent at `at` (default: now). */
  sent(prospectId: string, count: number, options: { at?: Date; campaignId?: string | null } = {}): Promise<string[]> {
    return this.insertMessages(prospectId, count, options.campaignId, { direction: 'outbound', state: 'sent', subject: 'Hello', sentAt: options.at ?? new Date() });
  }

  /** `count` inbound messages of a kind received at `at` (default: now). */
  inbound(prospectId: string, count: number, options: { at?: Date; kind?: 'reply' | 'bounce' | 'auto'; campaignId?: string | null } = {}): Promise<string[]> {
    const kind = options.kind ?? 'reply';
    return this.insertMessages(prospectId, count, options.campaignId, {
      direction: 'inbound',
      state: 'received',
      subject: 'Re: Hello',
      isBounce: kind === 'bounce',
      isAutoReply: kind === 'auto',
      receivedAt: options.at ?? new Date(),
    });
  }

  async decision(messageId: string, prospectId: string, intent: 'interested' | 'meeting_request' | 'question' | 'not_interested', at = new Date()): Promise<string> {
    const [row] = await this.run((db) =>
      db
        .insert(aiDecisions)
        .values({ workspaceId: this.workspaceId, messageId, prospectId, intent, confidence: 0.9, action: 'review', provider: 'offline', createdAt: at })
        .returning({ id: aiDecisions.id }),
    );
    return row!.id;
  }

  async reviewItem(decisionId: string, prospectId: string, createdAt: Date, status: 'pending' | 'approved' = 'pending'): Promise<void> {
    await this.run((db) => db.insert(reviewItems).values({ workspaceId: this.workspaceId, decisionId, prospectId, status, createdAt }));
  }

  async meeting(prospectId: string, options: { campaignId?: string | null; status?: 'scheduled' | 'cancelled'; at?: Date } = {}): Promise<void> {
    await this.run((db) =>
      db.insert(meetings).values({
        workspaceId: this.workspaceId,
        prospectId,
        campaignId: options.campaignId ?? null,
        provider: 'manual',
        startsAt: new Date(Date.now() + 86_400_000),
        status: options.status ?? 'scheduled',
        createdAt: options.at ?? new Date(),
      }),
    );
  }

  async failedJob(finishedAt: Date, payload: Record<string, unknown> = {}): Promise<void> {
    await this.run((db) =>
      db.insert(jobs).values({ workspaceId: this.workspaceId, type: 'fixture', family: 'maintenance', payload, state: 'failed', lastError: 'boom', finishedAt, createdAt: finishedAt }),
    );
  }

  async job(input: {
    state: 'queued' | 'running' | 'succeeded';
    campaignId: string | null;
    progress?: { done: number; total: number | null; label?: string };
    outcome?: { lastOutcome: 'retry_scheduled' | 'failed_permanently'; outcomeReason: string };
  }): Promise<string> {
    const [row] = await this.run((db) =>
      db
        .insert(jobs)
        .values({
          workspaceId: this.workspaceId,
          type: 'enrich',
          family: 'enrich',
          campaignId: input.campaignId,
          payload: {},
          ...input.outcome,
          state: input.state,
          progress: input.progress ?? null,
          finishedAt: input.state === 'succeeded' ? new Date() : null,
        })
        .returning({ id: jobs.id }),
    );
    return row!.id;
  }

  async setMailboxStatus(status: 'active' | 'paused' | 'error', count = 1): Promise<void> {
    await this.run(async (db) => {
      for (let i = 0; i < count; i++) {
        await db.insert(mailboxes).values({ workspaceId: this.workspaceId, fromName: 'Box', fromEmail: `box-${randomUUID()}@example.com`, status });
      }
    });
  }

  async defaultAgentId(): Promise<string> {
    const [row] = await this.run((db) => db.select({ id: agents.id }).from(agents).where(eq(agents.isDefault, true)));
    return row!.id;
  }

  async sandboxMailboxId(): Promise<string> {
    const [row] = await this.run((db) => db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.kind, 'sandbox')));
    return row!.id;
  }
}
