import { z } from 'zod';
import { loadCredential } from '../credentials/credentials.service.js';
import type { Db } from '../db/database.js';
import { defineJob, failPermanently, retryAt } from '../jobs/definitions.js';
import { enqueue } from '../jobs/queue.js';
import { createInstantlyClient } from '../integrations/instantly.js';
import { failureDisposition, RateLimitedError } from '../integrations/retryable-errors.js';
import { INSTANTLY_PUSH_BATCH, instantlyLeadOf, instantlyLinkOf, pendingLeads, recordPushedLead, recordPushFinished } from './instantly-push.service.js';

/** Without a Retry-After, a 429 waits this long before the batch resumes. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * Pushes a campaign's enrolled prospects to its Instantly campaign, a batch of
 * INSTANTLY_PUSH_BATCH per run (family `send`): what was pushed is recorded lead by lead, so a
 * crash, a 429 or a retry resumes where it stopped. A refused key fails the job at once (the
 * settings page says so); a 429 waits for its Retry-After without spending an attempt.
 */
export const instantlyPushJob = defineJob({
  name: 'sending.instantly_push',
  family: 'send',
  scope: 'workspace',
  payload: z.object({ campaignId: z.uuid() }),
  attempts: 5,
  async handler(ctx) {
    const batch = await ctx.inWorkspace(async (db) => {
      const link = await instantlyLinkOf(db, ctx.payload.campaignId);
      if (!link) return null;
      const credential = await loadCredential(db, ctx.services.secretBox, 'instantly');
      return { link, apiKey: credential?.secrets.apiKey ?? null, leads: await pendingLeads(db, link, INSTANTLY_PUSH_BATCH + 1) };
    });
    if (!batch) return { pushed: 0, skipped: 'not_linked' };
    if (!batch.apiKey) return failPermanently('No Instantly API key: add it in Settings → API keys');
    const { link } = batch;
    const client = createInstantlyClient({ apiKey: batch.apiKey, baseUrl: ctx.services.config.apiUrls.instantly, timeoutMs: ctx.services.config.instantlyTimeoutMs });
    const leads = batch.leads.slice(0, INSTANTLY_PUSH_BATCH);
    let pushed = 0;
    try {
      for (const lead of leads) {
        if (ctx.signal.aborted) break;
        const created = await client.createLead(link.instantlyCampaignId, instantlyLeadOf(lead));
        await ctx.inWorkspace((db) => recordPushedLead(db, link, lead.prospectId, created.id));
        pushed++;
        await ctx.reportProgress(pushed, leads.length, 'leads pushed to Instantly');
      }
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await ctx.inWorkspace((db) => recordPushFinished(db, link, pushed));
        return retryAt(new Date(Date.now() + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS)), error.message);
      }
      const disposition = failureDisposition(error);
      await ctx.inWorkspace((db) => recordPushFinished(db, link, pushed));
      if (disposition.action === 'fail') return failPermanently(disposition.message);
      throw error;
    }
    await ctx.inWorkspace((db) => recordPushFinished(db, link, pushed));
    if (batch.leads.length > INSTANTLY_PUSH_BATCH) return retryAt(new Date(), `Pushed ${pushed} leads; more to push`);
    return { pushed };
  },
});

/** Queues a push for the campaign (one queued push per campaign at a time). */
export async function enqueueInstantlyPush(db: Db, workspaceId: string, campaignId: string): Promise<void> {
  await enqueue(db, instantlyPushJob, { campaignId }, { workspaceId, campaignId, dedupeKey: `instantly.push:${campaignId}` });
}
