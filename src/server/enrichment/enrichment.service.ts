import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ENRICHMENT_TASK_STATUSES } from '../../shared/enums.js';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { campaigns, enrichmentTasks, prospects } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import { requestCampaignEnrichment, requestEnrichment, type EnrichmentRequest } from './enrichment-requests.js';
import { getEnrichmentLimits, resolveEnrichmentProvider, saveEnrichmentLimits, type EnrichmentLimits } from './enrichment-settings.js';

/** What the enrichment endpoints do beyond validating: look-ups, settings, and requests. */

export const taskOutput = z
  .object({
    status: z.enum(ENRICHMENT_TASK_STATUSES),
    error: z.string().nullable(),
    attempts: z.number().int(),
    requestedAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .nullable();

export async function prospectEnrichmentTask(db: Db, prospectId: string): Promise<z.infer<typeof taskOutput>> {
  const [prospect] = await db.select({ id: prospects.id }).from(prospects).where(eq(prospects.id, prospectId));
  if (!prospect) throw notFound('Prospect');
  const [task] = await db
    .select({ status: enrichmentTasks.status, error: enrichmentTasks.error, attempts: enrichmentTasks.attempts, requestedAt: enrichmentTasks.requestedAt, finishedAt: enrichmentTasks.finishedAt })
    .from(enrichmentTasks)
    .where(eq(enrichmentTasks.prospectId, prospectId));
  return task ?? null;
}

export const settingsOutput = z.object({
  concurrency: z.number().int(),
  perMinute: z.number().int(),
  /** `offline` when no LLM is configured: the UI labels results "offline enrichment". */
  provider: z.enum(['llm', 'offline']),
  model: z.string(),
});

export async function enrichmentSettings(db: Db, workspaceId: string, services: { config: Config; secretBox: SecretBox }, changes?: EnrichmentLimits): Promise<z.infer<typeof settingsOutput>> {
  const limits = changes ? await saveEnrichmentLimits(db, workspaceId, changes) : await getEnrichmentLimits(db, workspaceId);
  const provider = await resolveEnrichmentProvider(db, services);
  return { ...limits, provider: provider.kind, model: provider.kind === 'llm' ? provider.settings.model : provider.model };
}

async function requireCampaign(db: Db, campaignId: string) {
  const [campaign] = await db.select({ id: campaigns.id, enrichOnArrival: campaigns.enrichOnArrival }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

export async function setEnrichOnArrival(db: Db, campaignId: string, enrichOnArrival: boolean): Promise<{ campaignId: string; enrichOnArrival: boolean }> {
  await requireCampaign(db, campaignId);
  await db.update(campaigns).set({ enrichOnArrival }).where(eq(campaigns.id, campaignId));
  return { campaignId, enrichOnArrival };
}

export async function campaignEnrichOnArrival(db: Db, campaignId: string): Promise<boolean> {
  return (await requireCampaign(db, campaignId)).enrichOnArrival;
}

export async function triggerCampaignEnrichment(db: Db, workspaceId: string, input: { campaignId: string; scope: 'pending' | 'failed' | 'all' }): Promise<EnrichmentRequest> {
  await requireCampaign(db, input.campaignId);
  return requestCampaignEnrichment(db, { workspaceId, ...input });
}

/** The bulk action: only ids of this workspace's prospects are queued (RLS), unknown ones are ignored. */
export function enrichProspects(db: Db, workspaceId: string, prospectIds: string[]): Promise<EnrichmentRequest> {
  return requestEnrichment(db, { workspaceId, prospectIds });
}
