import type { AppServices } from '../trpc/context.js';
import { IntegrationError } from '../integrations/http.js';
import { sendWebhook, type WebhookPayload } from '../integrations/webhook.js';
import { loadCredential } from './credentials.service.js';

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
  const credential = await services.database.withWorkspace(workspaceId, (db) => loadCredential(db, services.secretBox, 'webhook'));
  const url = credential?.secrets.url;
  if (!url) return { sent: false, reason: 'not_configured' };
  try {
    await sendWebhook({ url, secret: credential.secrets.secret, payload, allowPrivate: services.config.allowPrivateNetworkUrls });
    return { sent: true };
  } catch (error) {
    if (error instanceof IntegrationError) return { sent: false, reason: 'failed', error: error.message };
    throw error;
  }
}
