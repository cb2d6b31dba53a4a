import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * A local Instantly API v2 over a real socket: `POST /api/v2/leads` creates a lead in a campaign
 * (answering the lead with its `id`, like developer.instantly.ai's create-lead example) and
 * honours `skip_if_in_campaign`; `GET /api/v2/accounts` answers the connection test;
 * `POST /api/v2/emails/reply` (`{eaccount, reply_to_uuid, subject, body: {text?, html?}}`, the
 * api-reference's "Reply to an email") records the answer in `replies` and answers the Email it
 * created (`id`, `message_id`…); an `eaccount` that is not one of `accounts` gets 400. A wrong key
 * gets 401; `rateLimit(n, retryAfter)` makes the next n calls answer 429 with Retry-After;
 * `failNext(n)` makes them answer 500; `hangNext(n)` makes them never answer (a timeout).
 *
 *   INSTANTLY_API_URL = fake.baseUrl  (…/api/v2)
 */
export type FakeInstantlyLead = { id: string; campaign: string; email: string; body: Record<string, unknown> };

/** An answer Instantly sent (`POST /emails/reply` answered 200). */
export type FakeInstantlyReply = { id: string; messageId: string; eaccount: string; replyToUuid: string; subject: string; text: string | null; html: string | null };

export type FakeInstantly = {
  url: string;
  baseUrl: string;
  apiKey: string;
  leads: FakeInstantlyLead[];
  replies: FakeInstantlyReply[];
  /** The workspace's sending accounts (`eaccount` must be one of them). */
  accounts: string[];
  /** Every request, answered or not (a hung one has status 0). */
  calls: { method: string; path: string; status: number }[];
  rateLimit(times: number, retryAfter: string): void;
  failNext(times: number): void;
  hangNext(times: number): void;
  close(): Promise<void>;
};

export async function startFakeInstantly(apiKey = 'instantly-fake-key-0001'): Promise<FakeInstantly> {
  const leads: FakeInstantlyLead[] = [];
  const calls: FakeInstantly['calls'] = [];
  const replies: FakeInstantlyReply[] = [];
  const accounts = ['sender@instantly.example'];
  let limited = 0;
  let limitedRetryAfter = '1';
  let failing = 0;
  let hanging = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        calls.push({ method: req.method ?? 'GET', path, status });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' });
      if (limited > 0) {
        limited--;
        return answer(429, { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' }, { 'retry-after': limitedRetryAfter });
      }
      if (failing > 0) {
        failing--;
        return answer(500, { statusCode: 500, error: 'Internal Server Error' });
      }
      if (hanging > 0) {
        hanging--;
        calls.push({ method: req.method ?? 'GET', path, status: 0 });
        return;
      }
      if (req.method === 'GET' && path === '/api/v2/accounts') return answer(200, { items: accounts.map((email) => ({ email })), next_starting_after: null });
      if (req.method === 'POST' && path === '/api/v2/emails/reply') {
        let body: { eaccount?: unknown; reply_to_uuid?: unknown; subject?: unknown; body?: { text?: unknown; html?: unknown } };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return answer(400, { statusCode: 400, error: 'Bad Request', message: 'Invalid JSON' });
        }
        const text = typeof body.body?.text === 'string' ? body.body.text : null;
        const html = typeof body.body?.html === 'string' ? body.body.html : null;
        if (typeof body.eaccount !== 'string' || typeof body.reply_to_uuid !== 'string' || !body.reply_to_uuid || typeof body.subject !== 'string' || (!text && !html)) {
          return answer(400, { statusCode: 400, error: 'Bad Request', message: 'body must have eaccount, reply_to_uuid, subject and body.text or body.html' });
        }
        if (!accounts.includes(body.eaccount)) return answer(400, { statusCode: 400, error: 'Bad Request', message: `Email account ${body.eaccount} is not connected to this workspace` });
        const id = randomUUID();
        const reply = { id, messageId: `<${id}@instantly-fake.example>`, eaccount: body.eaccount, replyToUuid: body.reply_to_uuid, subject: body.subject, text, html };
        replies.push(reply);
        return answer(200, { id, message_id: reply.messageId, subject: reply.subject, eaccount: reply.eaccount, from_address_email: reply.eaccount, body: { text, html }, timestamp_created: new Date().toISOString() });
      }
      if (req.method === 'POST' && path === '/api/v2/leads') {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return answer(400, { statusCode: 400, error: 'Bad Request', message: 'Invalid JSON' });
        }
        const email = typeof body.email === 'string' ? body.email.toLowerCase() : '';
        const campaign = typeof body.campaign === 'string' ? body.campaign : '';
        if (!email || !campaign) return answer(400, { statusCode: 400, error: 'Bad Request', message: 'body must have email and campaign' });
        const existing = leads.find((lead) => lead.campaign === campaign && lead.email === email);
        if (existing && body.skip_if_in_campaign) return answer(200, { id: existing.id, email, campaign });
        const lead = { id: randomUUID(), campaign, email, body };
        leads.push(lead);
        return answer(200, { id: lead.id, email, campaign, first_name: body.first_name ?? null });
      }
      return answer(404, { statusCode: 404, error: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/api/v2`,
    apiKey,
    leads,
    replies,
    accounts,
    calls,
    rateLimit(times, retryAfter) {
      limited = times;
      limitedRetryAfter = retryAfter;
    },
    failNext(times) {
      failing = times;
    },
    hangNext(times) {
      hanging = times;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A hung request keeps its socket open: close it too.
        server.closeAllConnections();
      }),
  };
}
