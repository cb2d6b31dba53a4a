import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { WEBHOOK_ENDPOINT_KINDS, type WebhookEndpointKind, type WebhookProvider } from '../../shared/enums.js';
import { generateSecret, generateTokenId } from '../crypto/tokens.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { queryRows, type Database, type Db } from '../db/database.js';
import { webhookEndpoints } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';

/**
 * The inbound webhooks of a workspace (Cal.com, Calendly, Instantly, and the generic inbound-email
 * webhook): one URL and one secret each, all in `webhook_endpoints`.
 *
 * How a delivery finds its workspace: by the token in its path, `/api/webhooks/<provider>/<token>`
 * (120 random bits, one per workspace and provider). The token only routes; the secret
 * authenticates — Cal.com and Calendly sign each body with it (HMAC-SHA256), Instantly (which has
 * no signature scheme) sends it back in a header. So another workspace's valid signature never
 * reaches this workspace: it is checked against the secret of the workspace the token names.
 *
 * We generate the secret (so it is strong) and the admin pastes it into the provider: Cal.com's
 * webhook form has a "Secret" field, Calendly takes a `signing_key` when the subscription is
 * created through its API, Instantly custom headers. It is sealed at rest and shown only on an
 * admin's explicit reveal (logged as an event), or once right after a rotation.
 *
 * The inbound-email webhook is the exception on both counts, kept from before it lived here: its
 * URL names the workspace in `?workspace=` (its token is unused), and its secret is `whsec_…`,
 * returned by `GET /api/admin/settings/inbound-webhook` to the admin who calls it.
 */
export type WebhookEndpointView = {
  provider: WebhookEndpointKind;
  url: string;
  /** The header Instantly must send the secret in (null: the provider signs with it instead). */
  secretHeader: string | null;
  secretLast4: string;
  rotatedAt: Date | null;
  lastReceivedAt: Date | null;
  /**
   * The subscription we created through the provider's API (Calendly), null when none.
   * `secretRotatedSince`: it still signs with the old secret, so it must be registered again.
   */
  remoteSubscription: { scope: string; createdAt: Date; secretRotatedSince: boolean } | null;
};

export const INSTANTLY_SECRET_HEADER = 'x-sales-machine-secret';
const TOKEN = /^[a-z2-9]{32}$/;

type Row = typeof webhookEndpoints.$inferSelect;

export function webhookUrlOf(origin: string, row: Pick<Row, 'provider' | 'token' | 'workspaceId'>): string {
  const base = origin.replace(/\/+$/, '');
  if (row.provider === 'inbound_email') return `${base}/api/webhooks/inbound-email?workspace=${row.workspaceId}`;
  return `${base}/api/webhooks/${row.provider}/${row.token}`;
}
const urlOf = webhookUrlOf;

/** `whsec_…` for the inbound-email webhook (the format its settings endpoint always handed out). */
export function newWebhookSecret(kind: WebhookEndpointKind): string {
  return kind === 'inbound_email' ? `whsec_${randomBytes(24).toString('base64url')}` : generateSecret();
}

function present(origin: string, secretBox: SecretBox, row: Row): WebhookEndpointView {
  return {
    provider: row.provider,
    url: urlOf(origin, row),
    secretHeader: row.provider === 'instantly' ? INSTANTLY_SECRET_HEADER : null,
    secretLast4: secretBox.open(row.secretCiphertext).slice(-4),
    rotatedAt: row.rotatedAt,
    lastReceivedAt: row.lastReceivedAt,
    remoteSubscription:
      row.remoteSubscriptionUri && row.remoteSubscribedAt
        ? { scope: row.remoteSubscriptionScope ?? 'user', createdAt: row.remoteSubscribedAt, secretRotatedSince: Boolean(row.rotatedAt && row.rotatedAt > row.remoteSubscribedAt) }
        : null,
  };
}

/** Every provider's endpoint, creating the missing ones (a fresh token and secret each). */
export async function listWebhookEndpoints(db: Db, secretBox: SecretBox, input: { workspaceId: string; origin: string }): Promise<WebhookEndpointView[]> {
  const rows = await db.select().from(webhookEndpoints);
  const missing = WEBHOOK_ENDPOINT_KINDS.filter((provider) => !rows.some((row) => row.provider === provider));
  if (missing.length) {
    const created = await db
      .insert(webhookEndpoints)
      .values(missing.map((provider) => ({ workspaceId: input.workspaceId, provider, token: generateTokenId(32), ...seal(secretBox, newWebhookSecret(provider)) })))
      .onConflictDoNothing()
      .returning();
    rows.push(...created);
  }
  return WEBHOOK_ENDPOINT_KINDS.flatMap((provider) => rows.filter((row) => row.provider === provider).map((row) => present(input.origin, secretBox, row)));
}

function seal(secretBox: SecretBox, secret: string) {
  const sealed = secretBox.seal(secret);
  return { secretCiphertext: sealed.ciphertext, keyId: sealed.keyId };
}

export async function endpointOf(db: Db, secretBox: SecretBox, input: { workspaceId: string; origin: string; provider: WebhookEndpointKind }): Promise<Row> {
  await listWebhookEndpoints(db, secretBox, input);
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.provider, input.provider));
  return row!;
}

/** The secret in clear, for an admin who asked to see it (recorded as an event). */
export async function revealWebhookSecret(
  db: Db,
  secretBox: SecretBox,
  input: { workspaceId: string; origin: string; provider: WebhookEndpointKind; actorUserId: string },
): Promise<{ provider: WebhookEndpointKind; url: string; secret: string }> {
  const row = await endpointOf(db, secretBox, input);
  await recordEvent(db, { workspaceId: input.workspaceId, type: 'webhook.secret_revealed', actorUserId: input.actorUserId, data: { provider: input.provider } });
  return { provider: row.provider, url: urlOf(input.origin, row), secret: secretBox.open(row.secretCiphertext) };
}

/** A new secret (the URL stays): the old one stops working at once. Returned once, to paste into the provider. */
export async function rotateWebhookSecret(
  db: Db,
  secretBox: SecretBox,
  input: { workspaceId: string; origin: string; provider: WebhookEndpointKind; actorUserId: string | null },
): Promise<{ provider: WebhookEndpointKind; url: string; secret: string }> {
  const row = await endpointOf(db, secretBox, input);
  const secret = newWebhookSecret(row.provider);
  await db.update(webhookEndpoints).set({ ...seal(secretBox, secret), rotatedAt: sql`now()` }).where(eq(webhookEndpoints.id, row.id));
  await recordEvent(db, { workspaceId: input.workspaceId, type: 'webhook.secret_rotated', actorUserId: input.actorUserId, data: { provider: input.provider } });
  return { provider: row.provider, url: urlOf(input.origin, row), secret };
}

/** The workspace and secret a delivery's path token names; null for a malformed or unknown token. */
export async function findWebhookEndpoint(database: Database, secretBox: SecretBox, provider: WebhookProvider, token: string): Promise<{ id: string; workspaceId: string; secret: string } | null> {
  if (!TOKEN.test(token)) return null;
  // The workspace is not known before the token is read: a system look-up of this one row.
  const [row] = await database.asSystem((db) =>
    queryRows<{ id: string; workspace_id: string; secret_ciphertext: string }>(
      db,
      sql`select id, workspace_id, secret_ciphertext from webhook_endpoints where provider = ${provider} and token = ${token} limit 1`,
    ),
  );
  if (!row) return null;
  let secret = '';
  try {
    secret = secretBox.open(row.secret_ciphertext);
  } catch {
    // Sealed by a key this server no longer has: no secret, so every delivery is refused until rotated.
  }
  return { id: row.id, workspaceId: row.workspace_id, secret };
}

export async function markWebhookReceived(db: Db, endpointId: string): Promise<void> {
  await db.update(webhookEndpoints).set({ lastReceivedAt: sql`now()` }).where(eq(webhookEndpoints.id, endpointId));
}

/**
 * The URL and secret in clear, created on first use, without an event: what
 * `GET /api/admin/settings/inbound-webhook` has always answered its admin. A secret sealed by a key
 * that is gone is replaced (nothing could verify with it anyway).
 */
export async function webhookSecretInClear(db: Db, secretBox: SecretBox, input: { workspaceId: string; origin: string; provider: WebhookEndpointKind }): Promise<{ url: string; secret: string }> {
  const row = await endpointOf(db, secretBox, input);
  try {
    return { url: urlOf(input.origin, row), secret: secretBox.open(row.secretCiphertext) };
  } catch {
    const rotated = await rotateWebhookSecret(db, secretBox, { ...input, actorUserId: null });
    return { url: rotated.url, secret: rotated.secret };
  }
}

/**
 * The inbound-email secrets to try on a delivery: the hinted workspace's (`?workspace=`), or every
 * workspace's for the bare path. A system look-up: whose secret signed is not known yet. A secret
 * no key opens is left out (it can verify nothing).
 */
export async function inboundEmailSecrets(database: Database, secretBox: SecretBox, workspaceHint: string | null): Promise<{ id: string; workspaceId: string; secret: string }[]> {
  const rows = await database.asSystem((db) =>
    queryRows<{ id: string; workspace_id: string; secret_ciphertext: string }>(
      db,
      sql`select id, workspace_id, secret_ciphertext from webhook_endpoints
          where provider = 'inbound_email' ${workspaceHint ? sql`and workspace_id = ${workspaceHint}` : sql``}
          order by created_at limit 1000`,
    ),
  );
  return rows.flatMap((row) => {
    try {
      return [{ id: row.id, workspaceId: row.workspace_id, secret: secretBox.open(row.secret_ciphertext) }];
    } catch {
      return [];
    }
  });
}
