import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookProvider } from '../../shared/enums.js';
import { AppError, type ErrorIssue } from '../errors.js';
import type { PayloadIssue } from '../integrations/payload-text.js';
import { verifyCalcomSignature, verifyCalendlySignature, verifyInstantlySecret, type SignatureCheck } from '../integrations/webhook-signatures.js';
import { parseCalcomWebhook } from '../meetings/calcom-webhook.js';
import { parseCalendlyWebhook } from '../meetings/calendly-webhook.js';
import { applyMeetingEvent } from '../meetings/meetings.service.js';
import type { InstantlyReplyHandler } from '../replies/instantly-reply.adapter.js';
import { parseInstantlyWebhook } from '../replies/instantly-webhook.js';
import type { AppServices } from '../services.js';
import { applyInstantlyEvent } from '../webhooks/instantly-events.service.js';
import { findWebhookEndpoint, INSTANTLY_SECRET_HEADER, markWebhookReceived } from '../webhooks/webhook-endpoints.service.js';
import { sendError, sendJson } from './body.js';

/**
 * `POST /api/webhooks/{calcom|calendly|instantly}/{token}`: public (no session), authenticated by
 * the provider's signature (Cal.com, Calendly) or our shared secret (Instantly) — checked on the
 * raw bytes, with the secret of the workspace the token names, before anything is parsed or
 * stored. Refused: 401 and nothing stored. A redelivery changes nothing (idempotent on the
 * provider's id). Never 410: Calendly deletes a subscription that answers it.
 */
export const PROVIDER_WEBHOOK_PATH = /^\/api\/webhooks\/(calcom|calendly|instantly)\/([^/]+)$/;

export type ProviderWebhookOptions = {
  /** The reply pipeline's entry for Instantly replies (replies/instantly-reply.adapter.ts); null until wired. */
  onInstantlyReply: InstantlyReplyHandler | null;
};

async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${Math.round(limit / 1024)} KiB`, { reason: 'request.too_large', params: { limitKib: Math.round(limit / 1024) } });
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function verify(provider: WebhookProvider, req: IncomingMessage, url: URL, rawBody: Buffer, secret: string, now: Date): SignatureCheck {
  switch (provider) {
    case 'calcom':
      return verifyCalcomSignature({ rawBody, header: req.headers['x-cal-signature-256'], secret });
    case 'calendly':
      return verifyCalendlySignature({ rawBody, header: req.headers['calendly-webhook-signature'], signingKey: secret, now });
    case 'instantly':
      // A header when the webhook was created through Instantly's API (`headers`), else `?secret=` in the URL.
      return verifyInstantlySecret({ provided: req.headers[INSTANTLY_SECRET_HEADER] ?? url.searchParams.get('secret'), secret });
  }
}

const wireIssues = (issues: readonly PayloadIssue[]): ErrorIssue[] => issues.map((issue) => ({ path: issue.path.split('.'), message: issue.message, code: 'custom' }));

const unauthorized = (res: ServerResponse, failure: string) =>
  sendError(res, 401, { code: 'UNAUTHORIZED', message: `Webhook refused: ${failure.replaceAll('_', ' ')}`, reason: 'webhook.unauthorized' });

export function createProviderWebhookHandler(services: AppServices, options: ProviderWebhookOptions) {
  const { database, secretBox, config, logger } = services;

  return async function handleProviderWebhook(req: IncomingMessage, res: ServerResponse, url: URL, provider: WebhookProvider, token: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, { code: 'METHOD_NOT_ALLOWED', message: `${req.method ?? 'GET'} is not allowed here`, reason: 'request.method_not_allowed', params: { method: req.method ?? 'GET' } });
    }
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(req, config.maxBodyBytes);
    } catch (error) {
      if (error instanceof AppError) return sendError(res, 413, { code: error.code, message: error.message, reason: 'request.too_large', params: { limitKib: Math.round(config.maxBodyBytes / 1024) } });
      throw error;
    }
    const endpoint = await findWebhookEndpoint(database, secretBox, provider, token);
    if (!endpoint) return sendError(res, 404, { code: 'NOT_FOUND', message: 'Unknown webhook address', reason: 'webhook.unknown' });
    const now = new Date();
    const check = verify(provider, req, url, rawBody, endpoint.secret, now);
    if (!check.ok) {
      logger.warn({ provider, workspaceId: endpoint.workspaceId, failure: check.reason }, 'webhook refused');
      return unauthorized(res, check.reason);
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return sendError(res, 400, { code: 'BAD_REQUEST', message: 'The request is not valid JSON', reason: 'request.invalid_json' });
    }
    const log = logger.child({ provider, workspaceId: endpoint.workspaceId });

    if (provider === 'instantly') {
      const result = parseInstantlyWebhook(json, rawBody.byteLength);
      if (result.kind === 'invalid') return sendError(res, 400, { code: 'BAD_REQUEST', message: 'Not an Instantly webhook event', reason: 'webhook.invalid_payload', issues: wireIssues(result.issues) });
      await database.withWorkspace(endpoint.workspaceId, (db) => markWebhookReceived(db, endpoint.id));
      if (result.kind === 'ignored') return sendJson(res, 200, { status: 'ignored', reason: result.reason });
      const outcome = await applyInstantlyEvent(database, { workspaceId: endpoint.workspaceId, event: result, onReply: options.onInstantlyReply, now });
      if (outcome === 'reply_not_wired') log.warn('Instantly reply received but the reply pipeline is not wired: not ingested');
      return sendJson(res, 200, { status: outcome });
    }

    const result = provider === 'calcom' ? parseCalcomWebhook(json) : parseCalendlyWebhook(json);
    if (result.kind === 'invalid') {
      return sendError(res, 400, { code: 'BAD_REQUEST', message: `Not a ${provider === 'calcom' ? 'Cal.com' : 'Calendly'} booking event`, reason: 'webhook.invalid_payload', issues: wireIssues(result.issues) });
    }
    if (result.kind === 'ignored') {
      await database.withWorkspace(endpoint.workspaceId, (db) => markWebhookReceived(db, endpoint.id));
      return sendJson(res, 200, { status: 'ignored', reason: result.reason });
    }
    const outcome = await database.withWorkspace(endpoint.workspaceId, async (db) => {
      await markWebhookReceived(db, endpoint.id);
      return applyMeetingEvent(db, endpoint.workspaceId, result.event, now);
    });
    log.info({ outcome: outcome.kind }, 'meeting webhook applied');
    return sendJson(res, 200, { status: outcome.kind, ...('meetingId' in outcome ? { meetingId: outcome.meetingId } : {}) });
  };
}
