import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * A local Instantly API v2 over a real socket: `POST /api/v2/leads` creates a lead in a campaign
 * (answering the lead with its `id`, like developer.instantly.ai's create-lead example) and
 * honours `skip_if_in_campaign`; `GET /api/v2/accounts` answers the connection test. A wrong key
 * gets 401; `rateLimit(n, retryAfter)` makes the next n calls answer 429 with Retry-After;
 * `failNext(n)` makes them answer 500.
 *
 *   INSTANTLY_API_URL = fake.baseUrl  (…/api/v2)
 */
export type FakeInstantlyLead = { id: string; campaign: string; email: string; body: Record<string, unknown> };

export type FakeInstantly = {
  url: string;
  baseUrl: string;
  apiKey: string;
  leads: FakeInstantlyLead[];
  calls: { method: string; path: string; status: number }[];
  rateLimit(times: number, retryAfter: string): void;
  failNext(times: number): void;
  close(): Promise<void>;
};

export async function startFakeInstantly(apiKey = 'instantly-fake-key-0001'): Promise<FakeInstantly> {
  const leads: FakeInstantlyLead[] = [];
  const calls: FakeInstantly['calls'] = [];
  let limited = 0;
  let limitedRetryAfter = '1';
  let failing = 0;

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
      if (req.method === 'GET' && path === '/api/v2/accounts') return answer(200, { items: [{ email: 'sender@instantly.example' }], next_starting_after: null });
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
    calls,
    rateLimit(times, retryAfter) {
      limited = times;
      limitedRetryAfter = retryAfter;
    },
    failNext(times) {
      failing = times;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
