import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database, Db } from '../db/database.js';
import { inboundWebhookSecrets } from '../db/schema/index.js';
import { verifyInboundEmailSignature, type HeaderValue, type SignatureFailure } from '../integrations/webhook-signatures.js';
import type { PayloadIssue } from '../integrations/payload-text.js';
import { parseInboundWebhookBody } from './inbound-webhook-body.js';
import { ingestInboundMail, type IngestResult } from './ingest.service.js';

/**
 * `POST /api/webhooks/inbound-email`: the signature (`X-Signature: sha256=<HMAC of the raw
 * body>`) is checked against the workspace's secret BEFORE the body is parsed; a bad or missing
 * one stores nothing. The URL we hand out names the workspace (`?workspace=`); without it every
 * workspace's secret is tried (constant-time each), so the bare path works too.
 */
export type InboundWebhookOutcome =
  | { kind: 'unauthorized'; reason: SignatureFailure }
  | { kind: 'invalid'; issues: PayloadIssue[] }
  | { kind: 'ingested'; workspaceId: string; result: IngestResult };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export async function receiveInboundWebhook(
  deps: { database: Database; secretBox: SecretBox },
  request: { rawBody: Buffer; signature: HeaderValue; workspaceHint: string | null },
): Promise<InboundWebhookOutcome> {
  const hint = request.workspaceHint && UUID.test(request.workspaceHint) ? request.workspaceHint : null;
  // The workspace is not known before the signature says whose secret signed: a system look-up.
  const rows = await deps.database.asSystem((db) =>
    db
      .select({ workspaceId: inboundWebhookSecrets.workspaceId, secret: inboundWebhookSecrets.secretCiphertext })
      .from(inboundWebhookSecrets)
      .where(hint ? eq(inboundWebhookSecrets.workspaceId, hint) : undefined)
      .limit(1000),
  );
  let workspaceId: string | null = null;
  let failure: SignatureFailure = 'not_configured';
  for (const row of rows) {
    let secret: string;
    try {
      secret = deps.secretBox.open(row.secret);
    } catch {
      continue;
    }
    const check = verifyInboundEmailSignature({ rawBody: request.rawBody, header: request.signature, secret });
    if (check.ok) {
      workspaceId = row.workspaceId;
      break;
    }
    failure = check.reason;
    if (check.reason === 'missing' || check.reason === 'malformed') break;
  }
  if (!workspaceId) return { kind: 'unauthorized', reason: failure };
  let json: unknown;
  try {
    json = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return { kind: 'invalid', issues: [{ path: '', message: 'The body is not valid JSON' }] };
  }
  const parsed = parseInboundWebhookBody(json, request.rawBody.byteLength);
  if (!parsed.ok) return { kind: 'invalid', issues: parsed.issues };
  const owner = workspaceId;
  const result = await deps.database.withWorkspace(owner, (db) => ingestInboundMail(db, { rawSource: request.rawBody }, parsed.mail, { kind: 'webhook' }));
  return { kind: 'ingested', workspaceId: owner, result };
}

/** The workspace's secret, created on first use. */
export async function inboundWebhookSecret(db: Db, secretBox: SecretBox, workspaceId: string, options: { rotate?: boolean } = {}): Promise<string> {
  const [row] = await db.select().from(inboundWebhookSecrets).where(eq(inboundWebhookSecrets.workspaceId, workspaceId));
  if (row && !options.rotate) {
    try {
      return secretBox.open(row.secretCiphertext);
    } catch {
      // Sealed with a key that is gone: a new secret is the only way forward.
    }
  }
  const secret = newWebhookSecret();
  const sealed = secretBox.seal(secret);
  await db
    .insert(inboundWebhookSecrets)
    .values({ workspaceId, secretCiphertext: sealed.ciphertext, keyId: sealed.keyId })
    .onConflictDoUpdate({ target: inboundWebhookSecrets.workspaceId, set: { secretCiphertext: sealed.ciphertext, keyId: sealed.keyId, rotatedAt: new Date() } });
  return secret;
}

export function inboundWebhookUrl(appUrl: string, workspaceId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/api/webhooks/inbound-email?workspace=${workspaceId}`;
}
