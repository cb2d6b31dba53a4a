import { eq } from 'drizzle-orm';
import type { Database, Db } from '../db/database.js';
import { aiDecisions, campaigns, enrollments, mailboxes, meetings, messages, prospects, sequenceSteps, stepVariants } from '../db/schema/index.js';

/**
 * A small campaign with known numbers for the reports' tests (API and browser): 10 people, two
 * steps with an A/B variant on step 1, two mailboxes, a bounce, replies, a positive reply, a meeting
 * and an unsubscribe. Test-only. `EXPECTED` is what the report must show.
 */

const DAY = 86_400_000;

export const EXPECTED = {
  funnel: { prospects: 10, contacted: 9, replied: 3, positive: 1, meetings: 1 },
  /** step (0-based), variant → attempted / sent / bounced / replied / unsubscribed */
  steps: [
    { stepPosition: 0, variantIndex: 0, attempted: 5, sent: 5, bounced: 0, replied: 1, positive: 0, unsubscribed: 0, leading: false },
    { stepPosition: 0, variantIndex: 1, attempted: 5, sent: 4, bounced: 1, replied: 2, positive: 1, unsubscribed: 0, leading: true },
    { stepPosition: 1, variantIndex: 0, attempted: 3, sent: 3, bounced: 0, replied: 0, positive: 0, unsubscribed: 0, leading: false },
    { stepPosition: 1, variantIndex: 1, attempted: 2, sent: 2, bounced: 0, replied: 0, positive: 0, unsubscribed: 1, leading: false },
  ],
  totals: { attempted: 15, sent: 14, bounced: 1, replied: 3, positive: 1, unsubscribed: 1, meetings: 1 },
  mailboxes: { 'alice@reports.example': 9, 'bob@reports.example': 5 },
} as const;

export async function seedReportCampaign(database: Database, workspaceId: string, now = new Date()): Promise<{ campaignId: string }> {
  return database.withWorkspace(workspaceId, (db) => seed(db, workspaceId, now));
}

async function seed(db: Db, workspaceId: string, now: Date): Promise<{ campaignId: string }> {
  const [campaign] = await db.insert(campaigns).values({ workspaceId, name: 'Report campaign', status: 'active' }).returning({ id: campaigns.id });
  const campaignId = campaign!.id;
  const [step0] = await db
    .insert(sequenceSteps)
    .values([
      { workspaceId, campaignId, position: 0, subjectTemplate: 'Quick question, {{firstName}}', bodyTemplate: 'Hi' },
      { workspaceId, campaignId, position: 1, delayDays: 2, subjectTemplate: '', bodyTemplate: 'Following up' },
    ])
    .returning({ id: sequenceSteps.id });
  await db.insert(stepVariants).values({ workspaceId, stepId: step0!.id, variantIndex: 1, subjectTemplate: 'An idea for {{company}}', bodyTemplate: 'Hello' });
  const [alice, bob] = await db
    .insert(mailboxes)
    .values([
      { workspaceId, kind: 'smtp', fromName: 'Alice', fromEmail: 'alice@reports.example' },
      { workspaceId, kind: 'smtp', fromName: 'Bob', fromEmail: 'bob@reports.example' },
    ])
    .returning({ id: mailboxes.id });
  const people = await db
    .insert(prospects)
    .values(Array.from({ length: 10 }, (_, i) => ({ workspaceId, campaignId, email: `person${i}@reports-prospect.example`, firstName: `P${i}`, company: 'Acme', stage: 'contacted' as const })))
    .returning({ id: prospects.id });
  const enrolled = await db
    .insert(enrollments)
    .values(people.map((p) => ({ workspaceId, campaignId, prospectId: p.id, state: 'active' as const, currentStep: 1 })))
    .returning({ id: enrollments.id, prospectId: enrollments.prospectId });

  // An offset in minutes never moves an event to another (UTC) day: run just after midnight, "an
  // hour before now" would land yesterday and leave today's range empty.
  const at = (daysAgo: number, minutes = 0) => {
    const day = new Date(now.getTime() - daysAgo * DAY);
    const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    return new Date(Math.min(start + DAY - 1, Math.max(start, day.getTime() + minutes * 60_000)));
  };
  const outbound = (i: number, step: number, daysAgo: number, bounce = false) => ({
    workspaceId,
    campaignId,
    prospectId: people[i]!.id,
    enrollmentId: enrolled[i]!.id,
    mailboxId: i < 6 ? alice!.id : bob!.id,
    direction: 'outbound' as const,
    state: bounce ? ('failed' as const) : ('sent' as const),
    isBounce: bounce,
    stepPosition: step,
    variantIndex: i % 2,
    subject: 'Hello',
    sentAt: at(daysAgo, i),
  });
  await db.insert(messages).values([...people.map((_, i) => outbound(i, 0, 3, i === 9)), ...[2, 4, 6].map((i) => outbound(i, 1, 1)), ...[5, 7].map((i) => outbound(i, 1, 1))]);
  const replies = await db
    .insert(messages)
    .values([0, 1, 3].map((i) => ({ workspaceId, campaignId, prospectId: people[i]!.id, direction: 'inbound' as const, state: 'received' as const, subject: 'Re: Hello', receivedAt: at(2, i) })))
    .returning({ id: messages.id, prospectId: messages.prospectId });
  const positiveReply = replies.find((r) => r.prospectId === people[1]!.id)!;
  await db.insert(aiDecisions).values({ workspaceId, messageId: positiveReply.id, prospectId: people[1]!.id, intent: 'interested', confidence: 0.9, action: 'review', provider: 'offline', createdAt: at(2, 30) });
  await db.insert(meetings).values({ workspaceId, prospectId: people[1]!.id, campaignId, provider: 'manual', startsAt: at(-2), createdAt: at(1) });
  await db.update(enrollments).set({ state: 'stopped', stoppedReason: 'unsubscribed', updatedAt: at(0, -60) }).where(eq(enrollments.id, enrolled[7]!.id));
  return { campaignId };
}
