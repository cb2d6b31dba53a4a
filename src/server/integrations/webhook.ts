import { createHmac } from 'node:crypto';
import { httpRequest, IntegrationError } from './http.js';

/**
 * The outgoing notification webhook (n8n, Zapier, Slack…): one JSON POST per notification.
 * Every payload carries `text` (a one-line summary) so a Slack incoming webhook shows something.
 * With a signing secret, `X-Sales-Machine-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret,
 * "<t>.<body>")>` lets the receiver check the sender, like Calendly's scheme.
 * The URL is user-provided: the SSRF guard applies unless private networks are allowed.
 */
export type WebhookPayload = { type: string; text: string; [key: string]: unknown };

export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export async function sendWebhook(options: {
  url: string;
  secret?: string;
  payload: WebhookPayload;
  allowPrivate: boolean;
  timeoutMs?: number;
  now?: Date;
}): Promise<{ status: number }> {
  const body = JSON.stringify(options.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-sales-machine-event': options.payload.type,
  };
  if (options.secret) {
    const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
    headers['x-sales-machine-signature'] = signWebhookBody(options.secret, body, timestamp);
  }
  const response = await httpRequest({ method: 'POST', url: options.url, headers, body, allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs });
  // The URL itself is a secret: messages name the host only.
  const host = new URL(options.url).host;
  if (response.status >= 300 && response.status < 400) {
    throw new IntegrationError(`The webhook at ${host} redirected (HTTP ${response.status}): use the final URL`, 'http', response.status);
  }
  if (response.status < 200 || response.status >= 300) {
    throw new IntegrationError(`The webhook at ${host} answered HTTP ${response.status}`, 'http', response.status);
  }
  return { status: response.status };
}

/** The cheap call behind "Test connection": a `{"type":"test"}` notification; 2xx = ok. */
export async function verifyWebhook(options: { url: string; secret?: string; allowPrivate: boolean; workspaceName: string; timeoutMs?: number }) {
  const now = new Date();
  await sendWebhook({
    url: options.url,
    secret: options.secret,
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs,
    now,
    payload: {
      type: 'test',
      text: `Sales Machine: test notification from ${options.workspaceName}`,
      workspace: options.workspaceName,
      sentAt: now.toISOString(),
    },
  });
  return { account: new URL(options.url).host };
}
