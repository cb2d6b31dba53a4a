import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { presetForBaseUrl } from '../../shared/llm-presets.js';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { resolveLlmSettings } from '../credentials/connection-test.js';
import { loadCredential } from '../credentials/credentials.service.js';
import type { Db } from '../db/database.js';
import { workspaces } from '../db/schema/index.js';
import type { LlmSettings } from './llm-enrichment.js';
import { OFFLINE_MODEL } from './offline-provider.js';

/**
 * Which provider a workspace's enrichment uses, and its limits. An LLM is "configured" when the
 * `openai` credential (Settings → API keys) is active and has a key or a base URL of its own (a
 * local Ollama needs no key); otherwise the offline provider fills the fields from the ICP rules.
 */

export const DEFAULT_ENRICHMENT_CONCURRENCY = 5;
export const DEFAULT_ENRICHMENT_PER_MINUTE = 120;
/** One model answer; the corrected retry gets as long again. */
export const LLM_TIMEOUT_MS = 45_000;

export const enrichmentSettingsInput = z.object({
  concurrency: z.number().int('Concurrency must be a whole number').min(1, 'Concurrency must be between 1 and 20').max(20, 'Concurrency must be between 1 and 20'),
  perMinute: z.number().int('The budget must be a whole number').min(1, 'The budget must be between 1 and 10000 calls a minute').max(10_000, 'The budget must be between 1 and 10000 calls a minute'),
});
export type EnrichmentLimits = z.infer<typeof enrichmentSettingsInput>;

export type EnrichmentProvider = { kind: 'llm'; settings: LlmSettings } | { kind: 'offline'; model: typeof OFFLINE_MODEL };

export async function getEnrichmentLimits(db: Db, workspaceId: string): Promise<EnrichmentLimits> {
  const [row] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const saved = row?.settings.enrichment;
  return { concurrency: saved?.concurrency ?? DEFAULT_ENRICHMENT_CONCURRENCY, perMinute: saved?.perMinute ?? DEFAULT_ENRICHMENT_PER_MINUTE };
}

export async function saveEnrichmentLimits(db: Db, workspaceId: string, limits: EnrichmentLimits): Promise<EnrichmentLimits> {
  await db
    .update(workspaces)
    .set({ settings: sql`${workspaces.settings} || jsonb_build_object('enrichment', ${JSON.stringify(limits)}::jsonb)` })
    .where(eq(workspaces.id, workspaceId));
  return getEnrichmentLimits(db, workspaceId);
}

export async function resolveEnrichmentProvider(db: Db, services: { config: Config; secretBox: SecretBox }): Promise<EnrichmentProvider> {
  const credential = await loadCredential(db, services.secretBox, 'openai');
  if (!credential || (!credential.secrets.apiKey && !credential.config.baseUrl)) return { kind: 'offline', model: OFFLINE_MODEL };
  const resolved = resolveLlmSettings(services.config, credential);
  return {
    kind: 'llm',
    settings: {
      baseUrl: resolved.baseUrl,
      apiKey: resolved.apiKey,
      model: resolved.model,
      strict: presetForBaseUrl(resolved.baseUrl).strictSchema,
      allowPrivate: resolved.allowPrivate,
      timeoutMs: LLM_TIMEOUT_MS,
    },
  };
}
