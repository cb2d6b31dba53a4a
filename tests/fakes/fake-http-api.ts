import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real local HTTP server speaking the parts of the PhantomBuster, OpenAI-compatible, Cal.com,
 * Calendly and Instantly APIs that the app calls, plus a webhook receiver. Each service lives
 * under its own prefix, so one server stands in for all of them:
 *
 *   PHANTOMBUSTER_API_URL = <url>/phantombuster/api/v2     OPENAI_BASE_URL  = <url>/openai/v1
 *   CALCOM_API_URL        = <url>/calcom/v2                CALENDLY_API_URL = <url>/calendly
 *   INSTANTLY_API_URL     = <url>/instantly/api/v2         an Ollama-like server (no key): <url>/ollama/v1
 *   webhook receiver      = <url>/webhook/<anything> (POST; `/webhook/fail` answers 500)
 *
 * Only the keys in `keys` are accepted; any other key gets the service's real 401 shape.
 */
export type FakeService = 'phantombuster' | 'openai' | 'calcom' | 'calendly' | 'instantly';

export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

export const FAKE_KEYS: Record<FakeService, string> = {
  phantombuster: 'pb-good-key-0001',
  openai: 'sk-good-key-0001',
  calcom: 'cal_good_key_0001',
  calendly: 'calendly-good-token-0001',
  instantly: 'instantly-good-key-0001',
};

export type FakeHttpApi = {
  url: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  keys: Record<FakeService, string>;
  /** Models listed by /openai/v1/models and /ollama/v1/models. */
  models: string[];
  /** What /chat/completions answers (the message content). */
  chatReply: (body: unknown) => string;
  /** Base URLs to pass as environment to the app. */
  env(): Record<string, string>;
  baseUrl(service: FakeService | 'ollama'): string;
  close(): Promise<void>;
};

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer (.+)$/.exec(String(headers.authorization ?? ''))?.[1];
}

export async function startFakeHttpApi(): Promise<FakeHttpApi> {
  const requests: RecordedRequest[] = [];
  const fake = {
    requests,
    keys: { ...FAKE_KEYS },
    models: ['gpt-4o-mini', 'gpt-4o', 'llama3:latest'],
    chatReply: (() => 'Hello from the fake model') as (body: unknown) => string,
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', path: path + url.search, headers: req.headers, body });
      const h = req.headers;

      // PhantomBuster v2
      if (path === '/phantombuster/api/v2/agents/fetch-all' && req.method === 'GET') {
        if (h['x-phantombuster-key'] !== fake.keys.phantombuster) return send(res, 401, { status: 'error', error: 'Unauthorized' });
        return send(res, 200, [
          { id: '1111', name: 'Sales Navigator Search Export', scriptId: 7, lastEndType: 'finished' },
          { id: '2222', name: 'LinkedIn Profile Scraper', scriptId: 8, lastEndType: null },
        ]);
      }

      // OpenAI-compatible (/openai requires the key, /ollama accepts none)
      const llm = /^\/(openai|ollama)\/v1\/(models|chat\/completions)$/.exec(path);
      if (llm) {
        const [, flavour, endpoint] = llm;
        if (flavour === 'openai' && bearer(h) !== fake.keys.openai) {
          return send(res, 401, {
            error: { message: `Incorrect API key provided: ${bearer(h) ?? ''}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
          });
        }
        if (endpoint === 'models') {
          return send(res, 200, { object: 'list', data: fake.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
        }
        const parsed = body ? (JSON.parse(body) as { model?: string }) : {};
        return send(res, 200, {
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: parsed.model ?? 'fake',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: fake.chatReply(parsed), refusal: null } }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        });
      }

      // Cal.com v2
      if (path === '/calcom/v2/me' && req.method === 'GET') {
        if (bearer(h) !== fake.keys.calcom) return send(res, 401, { status: 'error', error: { code: 'UnauthorizedException', message: 'Invalid API Key' } });
        return send(res, 200, { status: 'success', data: { id: 42, username: 'alice', email: 'alice@cal.example', name: 'Alice' } });
      }

      // Calendly v2
      if (path === '/calendly/users/me' && req.method === 'GET') {
        if (bearer(h) !== fake.keys.calendly) return send(res, 401, { title: 'Unauthenticated', message: 'The access token is invalid' });
        return send(res, 200, { resource: { uri: 'https://api.calendly.com/users/AAA', name: 'Bob', email: 'bob@calendly.example' } });
      }

      // Instantly v2
      if (path === '/instantly/api/v2/accounts' && req.method === 'GET') {
        if (bearer(h) !== fake.keys.instantly) return send(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' });
        return send(res, 200, { items: [{ email: 'sender@instantly.example' }], next_starting_after: null });
      }

      // Webhook receiver
      if (path.startsWith('/webhook/') && req.method === 'POST') {
        if (path === '/webhook/fail') return send(res, 500, { error: 'boom' });
        if (path === '/webhook/redirect') {
          res.statusCode = 302;
          res.setHeader('location', 'http://169.254.169.254/latest/meta-data');
          return res.end();
        }
        return send(res, 200, { ok: true });
      }

      send(res, 404, { error: `fake: no route ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bases: Record<FakeService | 'ollama', string> = {
    phantombuster: `${url}/phantombuster/api/v2`,
    openai: `${url}/openai/v1`,
    ollama: `${url}/ollama/v1`,
    calcom: `${url}/calcom/v2`,
    calendly: `${url}/calendly`,
    instantly: `${url}/instantly/api/v2`,
  };
  return Object.assign(fake, {
    url,
    baseUrl: (service: FakeService | 'ollama') => bases[service],
    env: () => ({
      PHANTOMBUSTER_API_URL: bases.phantombuster,
      OPENAI_BASE_URL: bases.openai,
      CALCOM_API_URL: bases.calcom,
      CALENDLY_API_URL: bases.calendly,
      INSTANTLY_API_URL: bases.instantly,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
