import type { IncomingMessage, ServerResponse } from 'node:http';
import { agentDecideJob } from '../agent/jobs.js';
import { AppError } from '../errors.js';
import { runJobNow } from '../jobs/run-now.js';
import { INBOUND_WEBHOOK_LIMITS } from '../replies/inbound-webhook-body.js';
import { receiveInboundWebhook } from '../webhooks/inbound-email.service.js';
import type { AppServices } from '../services.js';
import { sendError, sendJson } from './body.js';

export const INBOUND_EMAIL_WEBHOOK_PATH = '/api/webhooks/inbound-email';

async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large', { reason: 'request.too_large', params: { limitKib: Math.round(limit / 1024) } });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large', { reason: 'request.too_large', params: { limitKib: Math.round(limit / 1024) } });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The generic inbound-mail webhook: signed raw body → ingestion → the agent decides at once. */
export async function handleInboundEmailWebhook(req: IncomingMessage, res: ServerResponse, url: URL, services: AppServices): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  if (req.method !== 'POST') return sendError(res, 405, { code: 'METHOD_NOT_SUPPORTED', message: 'Use POST', reason: 'request.method_not_allowed', params: { method: req.method ?? 'GET' } }, { Allow: 'POST' });
  let rawBody: Buffer;
  try {
    rawBody = await readRaw(req, INBOUND_WEBHOOK_LIMITS.bodyBytes);
  } catch (error) {
    if (error instanceof AppError) return sendError(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: error.message, reason: 'request.too_large', params: { limitKib: Math.round(INBOUND_WEBHOOK_LIMITS.bodyBytes / 1024) } });
    throw error;
  }
  const outcome = await receiveInboundWebhook(services, { rawBody, signature: req.headers['x-signature'], workspaceHint: url.searchParams.get('workspace') });
  if (outcome.kind === 'unauthorized') {
    return sendError(res, 401, { code: 'UNAUTHORIZED', message: `Invalid webhook signature (${outcome.reason})`, reason: 'inbound_webhook.bad_signature', params: { problem: outcome.reason } });
  }
  if (outcome.kind === 'invalid') {
    return sendError(res, 400, { code: 'BAD_REQUEST', message: 'The body is not a valid inbound message', reason: 'inbound_webhook.invalid_body', issues: outcome.issues.map((issue) => ({ path: issue.path.split('.').filter(Boolean), message: issue.message, code: 'custom' })) });
  }
  const { result } = outcome;
  sendJson(res, 200, { status: result.status, messageId: result.messageId ?? null, reason: result.reason ?? null });
  // Decided now rather than at the next poll: arrival to decision stays within seconds.
  if (result.decisionJobId) {
    const jobId = result.decisionJobId;
    void runJobNow(services, agentDecideJob, jobId).catch((error: unknown) => services.logger.error({ err: error, jobId }, 'could not run the reply decision'));
  }
}
