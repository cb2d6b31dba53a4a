import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { campaigns, prospects } from '../db/schema/index.js';
import type { InstantlyReplyHandler, InstantlyReplySource } from '../replies/instantly-reply.adapter.js';
import type { InstantlyWebhookResult } from '../replies/instantly-webhook.js';
import { handleBounce } from '../sending/bounces.service.js';
import { unsubscribe } from '../sending/unsubscribe.service.js';

/**
 * What a verified Instantly event does: a reply goes to the reply pipeline (the same one as IMAP,
 * through the adapter), a bounce to the email engine's bounce handler (suppressed, stopped,
 * `bounced`), an unsubscribe to the suppression list (stopped, `unsubscribed`). Instantly's own
 * lead labels are acknowledged and left to our classifier.
 */
type InstantlyEvent = Extract<InstantlyWebhookResult, { kind: 'reply' | 'bounce' | 'unsubscribe' | 'lead_status' }>;

export type InstantlyEventOutcome = 'reply_ingested' | 'reply_not_wired' | 'bounce_recorded' | 'unsubscribed' | 'ignored';

async function sourceOf(database: Database, workspaceId: string, event: InstantlyEvent): Promise<InstantlyReplySource> {
  return database.withWorkspace(workspaceId, async (db) => {
    const instantlyCampaignId = event.context.campaignId;
    const [campaign] = instantlyCampaignId
      ? await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.instantlyCampaignId, instantlyCampaignId)).limit(1)
      : [];
    const [prospect] = await db.select({ id: prospects.id }).from(prospects).where(sql`lower(${prospects.email}) = ${event.leadEmail}`).limit(1);
    return {
      kind: 'instantly',
      workspaceId,
      campaignId: campaign?.id ?? null,
      prospectId: prospect?.id ?? null,
      leadEmail: event.leadEmail,
      instantlyCampaignId,
      emailAccount: event.context.emailAccount,
      emailId: event.context.emailId,
    };
  });
}

export async function applyInstantlyEvent(
  database: Database,
  input: { workspaceId: string; event: InstantlyEvent; onReply: InstantlyReplyHandler | null; now: Date },
): Promise<InstantlyEventOutcome> {
  const { event, workspaceId } = input;
  switch (event.kind) {
    case 'reply': {
      if (!input.onReply) return 'reply_not_wired';
      await input.onReply(event.mail, await sourceOf(database, workspaceId, event));
      return 'reply_ingested';
    }
    case 'bounce':
      await database.withWorkspace(workspaceId, (db) =>
        handleBounce(db, { email: event.leadEmail, kind: 'hard', diagnostic: 'Instantly reported a bounce (email_bounced)', at: event.context.occurredAt ?? input.now }),
      );
      return 'bounce_recorded';
    case 'unsubscribe':
      await unsubscribe(database, { workspaceId, email: event.leadEmail }, 'instantly');
      return 'unsubscribed';
    case 'lead_status':
      return 'ignored';
  }
}
