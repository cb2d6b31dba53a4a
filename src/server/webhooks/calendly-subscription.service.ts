import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { loadCredential } from '../credentials/credentials.service.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { webhookEndpoints } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import { createCalendlyClient, type CalendlyClient, type CalendlyScope, type CalendlyWebhookSubscription } from '../integrations/calendly.js';
import { IntegrationError } from '../integrations/http.js';
import { endpointOf, webhookUrlOf } from './webhook-endpoints.service.js';

/**
 * "Register with Calendly": Calendly has no webhook form, only `POST /webhook_subscriptions`, so
 * we make the call with the workspace's personal access token, passing our per-workspace URL and
 * our secret as `signing_key`. Organization scope first (every member's bookings); a token
 * without organization admin rights gets 403 there, so user scope next; 403 at user scope too
 * means the plan has no webhooks (free plan).
 *
 * The signing key is write-only on Calendly's side: a subscription we did not just create, or
 * created before the secret was rotated, may sign with a key we no longer hold. So an existing
 * subscription for our URL counts as registered only when it is the one we recorded and the
 * secret has not changed since; otherwise it is deleted and created again.
 */
export type CalendlyRegistration = {
  registered: boolean;
  scope: CalendlyScope | null;
  /** When Calendly created the subscription. */
  createdAt: Date | null;
};

type Deps = { secretBox: SecretBox; config: Config };
type Input = { workspaceId: string; origin: string; actorUserId: string };
type EndpointRow = typeof webhookEndpoints.$inferSelect;

async function calendlyClientFor(db: Db, deps: Deps): Promise<CalendlyClient> {
  const credential = await loadCredential(db, deps.secretBox, 'calendly');
  const token = credential?.secrets.apiKey;
  if (!token) {
    throw new AppError('UNPROCESSABLE_CONTENT', 'Save a Calendly personal access token in Settings → API keys first', { reason: 'credential.not_saved', params: { service: 'calendly' } });
  }
  return createCalendlyClient({ apiKey: token, baseUrl: deps.config.apiUrls.calendly });
}

/** Calendly's refusals as the sentences the card shows. */
function asAppError(error: unknown): unknown {
  if (!(error instanceof IntegrationError)) return error;
  if (error.status === 401) return new AppError('UNPROCESSABLE_CONTENT', 'Calendly refused the access token (401): save a valid personal access token', { reason: 'calendly.token_refused', cause: error });
  if (error.status === 403) return new AppError('UNPROCESSABLE_CONTENT', 'Calendly webhooks need a paid plan', { reason: 'calendly.paid_plan_required', cause: error });
  // A 4xx, not 502: a 5xx envelope hides its reason, and the card must say what Calendly did.
  return new AppError('UNPROCESSABLE_CONTENT', `Calendly: ${error.message}`, { reason: 'calendly.request_failed', params: { detail: error.message }, cause: error });
}

const isStatus = (error: unknown, status: number) => error instanceof IntegrationError && error.status === status;

function secretRotatedSince(row: EndpointRow): boolean {
  return Boolean(row.rotatedAt && row.remoteSubscribedAt && row.rotatedAt > row.remoteSubscribedAt);
}

async function subscribeAt(
  client: CalendlyClient,
  row: EndpointRow,
  request: { url: string; organization: string; user: string; scope: CalendlyScope; signingKey: string },
): Promise<CalendlyWebhookSubscription> {
  try {
    return await client.createWebhookSubscription(request);
  } catch (error) {
    if (!isStatus(error, 409)) throw error;
  }
  // 409: Calendly already has a subscription for this URL at this scope.
  const existing = (await client.listWebhookSubscriptions(request)).find((subscription) => subscription.callback_url === request.url);
  if (!existing) throw new AppError('CONFLICT', 'Calendly answered 409 but lists no subscription for this URL', { reason: 'calendly.subscription_conflict' });
  if (existing.uri === row.remoteSubscriptionUri && !secretRotatedSince(row)) return existing;
  await client.deleteWebhookSubscription(existing.uri);
  return client.createWebhookSubscription(request);
}

/** Our recorded subscription, if it still exists on Calendly with our current URL and secret. */
async function recordedSubscription(client: CalendlyClient, row: EndpointRow, who: { organization: string; user: string }, url: string): Promise<CalendlyWebhookSubscription | null> {
  if (!row.remoteSubscriptionUri) return null;
  const scope: CalendlyScope = row.remoteSubscriptionScope === 'organization' ? 'organization' : 'user';
  const listed = (await client.listWebhookSubscriptions({ ...who, scope })).find((subscription) => subscription.uri === row.remoteSubscriptionUri);
  if (!listed) return null;
  if (listed.callback_url === url && !secretRotatedSince(row)) return listed;
  // Another URL (the app moved) or a rotated secret: this one cannot deliver to us any more.
  await client.deleteWebhookSubscription(listed.uri).catch((error: unknown) => {
    if (!isStatus(error, 404)) throw error;
  });
  return null;
}

export async function registerCalendlyWebhook(db: Db, deps: Deps, input: Input): Promise<CalendlyRegistration> {
  const client = await calendlyClientFor(db, deps);
  const row = await endpointOf(db, deps.secretBox, { ...input, provider: 'calendly' });
  const url = webhookUrlOf(input.origin, row);
  const signingKey = deps.secretBox.open(row.secretCiphertext);
  let subscription: CalendlyWebhookSubscription;
  try {
    const who = await client.currentUser();
    const kept = await recordedSubscription(client, row, who, url);
    if (kept) {
      subscription = kept;
    } else {
      try {
        subscription = await subscribeAt(client, row, { url, ...who, scope: 'organization', signingKey });
      } catch (error) {
        // No organization admin rights: the token can still subscribe to its own user's events.
        if (!isStatus(error, 403)) throw error;
        subscription = await subscribeAt(client, row, { url, ...who, scope: 'user', signingKey });
      }
    }
  } catch (error) {
    throw asAppError(error);
  }
  const createdAt = new Date(subscription.created_at);
  const subscribedAt = Number.isNaN(createdAt.getTime()) ? new Date() : createdAt;
  const scope: CalendlyScope = subscription.scope === 'organization' ? 'organization' : 'user';
  await db
    .update(webhookEndpoints)
    .set({ remoteSubscriptionUri: subscription.uri, remoteSubscriptionScope: scope, remoteSubscribedAt: subscribedAt, updatedAt: sql`now()` })
    .where(eq(webhookEndpoints.id, row.id));
  await recordEvent(db, { workspaceId: input.workspaceId, type: 'webhook.calendly_registered', actorUserId: input.actorUserId, data: { scope } });
  return { registered: true, scope, createdAt: subscribedAt };
}

/** Deletes our subscription on Calendly (already gone there counts as removed). */
export async function removeCalendlyWebhook(db: Db, deps: Deps, input: Input): Promise<CalendlyRegistration> {
  const row = await endpointOf(db, deps.secretBox, { ...input, provider: 'calendly' });
  if (row.remoteSubscriptionUri) {
    const client = await calendlyClientFor(db, deps);
    try {
      await client.deleteWebhookSubscription(row.remoteSubscriptionUri);
    } catch (error) {
      if (!isStatus(error, 404)) throw asAppError(error);
    }
  }
  await db
    .update(webhookEndpoints)
    .set({ remoteSubscriptionUri: null, remoteSubscriptionScope: null, remoteSubscribedAt: null, updatedAt: sql`now()` })
    .where(eq(webhookEndpoints.id, row.id));
  await recordEvent(db, { workspaceId: input.workspaceId, type: 'webhook.calendly_removed', actorUserId: input.actorUserId });
  return { registered: false, scope: null, createdAt: null };
}
