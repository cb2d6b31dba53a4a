import { AppError } from '../errors.js';
import { IntegrationError } from '../integrations/http.js';
import { sendWebhook, type WebhookPayload } from '../integrations/webhook.js';
import type { AppServices } from '../services.js';
import { loadCredential, type LoadedCredential } from './credentials.service.js';

export type NotificationOutcome = { sent: true } | { sent: false; reason: 'not_configured' } | { sent: false; reason: 'failed'; error: string };

/**
 * For the engines: posts a notification (`{type, text, ...}`) to the workspace's webhook when one
 * is configured and active. The credential is read in one transaction and the POST happens after
 * it closes. A failed delivery is returned, not thrown: a notification must not fail the work
 * that triggered it.
 */
export async function sendNotification(
  services: Pick<AppServices, 'config' | 'database' | 'secretBox'>,
  workspaceId: string,
  payload: WebhookPayload,
): Promise<NotificationOutcome> {
  let credential: LoadedCredential | null;
  try {
    credential = await services.database.withWorkspace(workspaceId, (db) => loadCredential(db, services.secretBox, 'webhook'));
  } catch (error) {
    // Sealed by a key this server no longer has: a failed delivery too, not a failed job.
    if (error instanceof AppError) return { sent: false, reason: 'failed', error: error.message };
    throw error;
  }
  if (!credential?.secrets.url) return { sent: false, reason: 'not_configured' };
  try {
    await sendWebhook({ url: credential.secrets.url, secret: credential.secrets.secret, payload, allowPrivate: services.config.allowPrivateNetworkUrls });
    return { sent: true };
  } catch (error) {
    if (error instanceof IntegrationError) return { sent: false, reason: 'failed', error: error.message };
    throw error;
  }
}
