import type { Config } from '../config.js';
import { loadCredential } from '../credentials/credentials.service.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { createPhantomBusterClient, type PhantomBusterClient } from '../integrations/phantombuster.js';

export type ScrapeServices = { config: Config; secretBox: SecretBox };

/** A large result (thousands of profiles with summaries) takes a while to download. */
const PHANTOMBUSTER_TIMEOUT_MS = 60_000;

/** The workspace's PhantomBuster client (Settings → API keys), or null when no active key is saved. */
export async function phantomBusterFor(db: Db, services: ScrapeServices): Promise<PhantomBusterClient | null> {
  const credential = await loadCredential(db, services.secretBox, 'phantombuster');
  const apiKey = credential?.secrets.apiKey;
  if (!apiKey) return null;
  return createPhantomBusterClient({
    apiKey,
    baseUrl: services.config.apiUrls.phantombuster,
    s3BaseUrl: services.config.apiUrls.phantombusterS3,
    timeoutMs: PHANTOMBUSTER_TIMEOUT_MS,
  });
}

export async function hasPhantomBusterKey(db: Db, services: ScrapeServices): Promise<boolean> {
  return (await phantomBusterFor(db, services)) !== null;
}
