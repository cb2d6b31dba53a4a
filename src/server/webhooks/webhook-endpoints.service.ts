import { eq, sql } from 'drizzle-orm';
import { WEBHOOK_PROVIDERS, type WebhookProvider } from '../../shared/enums.js';
import { generateSecret, generateTokenId } from '../crypto/tokens.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { queryRows, type Database, type Db } from '../db/database.js';
import { webhookEndpoints } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';

/**
 * The inbound webhooks of a workspace (Cal.com, Calendly, Instantly): one URL and one secret each.
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
 */
export type WebhookEndpointView = {
  provider: WebhookProvider;
  url: string;
  /** The header Instantly must send the secret in (null: the provider signs with it instead). */
  secretHeader: string | null;
  secretLast4: string;
  rotatedAt: Date | null;
  lastReceivedAt: Date | null;
};

export const INSTANTLY_SECRET_HEADER = 'x-sales-machine-secret';
const TOKEN = /^[a-z2-9]{32}$/;

type Row = typeof webhookEndpoints.$inferSelect;

function urlOf(origin: string, row: Pick<Row, 'provider' | 'token'>): string {
  return `${origin.replace(/\/+$/, '')}/api/webhooks/${row.provider}/${row.token}`;
}

function present(origin: string, secretBox: SecretBox, row: Row): WebhookEndpointView {
  return {
    provider: row.provider,
    url: urlOf(origin, row),
    secretHeader: row.provider === 'instantly' ? INSTANTLY_SECRET_HEADER : null,
    secretLast4: secretBox.open(row.secretCiphertext).slice(-4),
    rotatedAt: row.rotatedAt,
    lastReceivedAt: row.lastReceivedAt,
  };
}

/** Every provider's endpoint, creating the missing ones (a fresh token and secret each). */
export async function listWebhookEndpoints(db: Db, secretBox: SecretBox, input: { workspaceId: string; origin: string }): Promise<WebhookEndpointView[]> {
  const rows = await db.select().from(webhookEndpoints);
  const missing = WEBHOOK_PROVIDERS.filter((provider) => !rows.some((row) => row.provider === provider));
  if (missing.length) {
    const created = await db
      .insert(webhookEndpoints)
      .values(missing.map((provider) => ({ workspaceId: input.workspaceId, provider, token: generateTokenId(32), ...seal(secretBox, generateSecret()) })))
      .onConflictDoNothing()
      .returning();
    rows.push(...created);
  }
  return WEBHOOK_PROVIDERS.flatMap((provider) => rows.filter((row) => row.provider === provider).map((row) => present(input.origin, secretBox, row)));
}

function seal(secretBox: SecretBox, secret: string) {
  const sealed = secretBox.seal(secret);
  return { secretCiphertext: sealed.ciphertext, keyId: sealed.keyId };
}

async function endpointOf(db: Db, secretBox: SecretBox, input: { workspaceId: string; origin: string; provider: WebhookProvider }): Promise<Row> {
  await listWebhookEndpoints(db, secretBox, input);
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.provider, input.provider));
  return row!;
}

/** The secret in clear, for an admin who asked to see it (recorded as an event). */
export async function revealWebhookSecret(
  db: Db,
  secretBox: SecretBox,
  input: { workspaceId: string; origin: string; provider: WebhookProvider; actorUserId: string },
): Promise<{ provider: WebhookProvider; url: string; secret: string }> {
  const row = await endpointOf(db, secretBox, input);
  await recordEvent(db, { workspaceId: input.workspaceId, type: 'webhook.secret_revealed', actorUserId: input.actorUserId, data: { provider: input.provider } });
  return { provider: row.provider, url: urlOf(input.origin, row), secret: secretBox.open(row.secretCiphertext) };
}

/** A new secret (the URL stays): the old one stops working at once. Returned once, to paste into the provider. */
export async function rotateWebhookSecret(
  db: Db,
  secretBox: SecretBox,
  input: { workspaceId: string; origin: string; provider: WebhookProvider; actorUserId: string },
): Promise<{ provider: WebhookProvider; url: string; secret: string }> {
  const row = await endpointOf(db, secretBox, input);
  const secret = generateSecret();
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
