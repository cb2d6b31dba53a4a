import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../db/database.js';
import { inboundEmailSecrets, markWebhookReceived } from './webhook-endpoints.service.js';
import { verifyInboundEmailSignature, type HeaderValue, type SignatureFailure } from '../integrations/webhook-signatures.js';
import type { PayloadIssue } from '../integrations/payload-text.js';
import { parseInboundWebhookBody } from '../replies/inbound-webhook-body.js';
import { ingestInboundMail, type IngestResult } from '../replies/ingest.service.js';

/**
 * `POST /api/webhooks/inbound-email`: the signature (`X-Signature: sha256=<HMAC of the raw
 * body>`) is checked against the workspace's secret (a `webhook_endpoints` row of kind
 * `inbound_email`) BEFORE the body is parsed; a bad or missing one stores nothing. The URL we hand
 * out names the workspace (`?workspace=`); without it every workspace's secret is tried
 * (constant-time each), so the bare path works too.
 */
export type InboundWebhookOutcome =
  | { kind: 'unauthorized'; reason: SignatureFailure }
  | { kind: 'invalid'; issues: PayloadIssue[] }
  | { kind: 'ingested'; workspaceId: string; result: IngestResult };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function receiveInboundWebhook(
  deps: { database: Database; secretBox: SecretBox },
  request: { rawBody: Buffer; signature: HeaderValue; workspaceHint: string | null },
): Promise<InboundWebhookOutcome> {
  const hint = request.workspaceHint && UUID.test(request.workspaceHint) ? request.workspaceHint : null;
  const candidates = await inboundEmailSecrets(deps.database, deps.secretBox, hint);
  let endpoint: { id: string; workspaceId: string } | null = null;
  let failure: SignatureFailure = 'not_configured';
  for (const candidate of candidates) {
    const check = verifyInboundEmailSignature({ rawBody: request.rawBody, header: request.signature, secret: candidate.secret });
    if (check.ok) {
      endpoint = candidate;
      break;
    }
    failure = check.reason;
    if (check.reason === 'missing' || check.reason === 'malformed') break;
  }
  if (!endpoint) return { kind: 'unauthorized', reason: failure };
  let json: unknown;
  try {
    json = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return { kind: 'invalid', issues: [{ path: '', message: 'The body is not valid JSON' }] };
  }
  const parsed = parseInboundWebhookBody(json, request.rawBody.byteLength);
  if (!parsed.ok) return { kind: 'invalid', issues: parsed.issues };
  const { id: endpointId, workspaceId: owner } = endpoint;
  const result = await deps.database.withWorkspace(owner, async (db) => {
    await markWebhookReceived(db, endpointId);
    return ingestInboundMail(db, { rawSource: request.rawBody }, parsed.mail, { kind: 'webhook' });
  });
  return { kind: 'ingested', workspaceId: owner, result };
}
