import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server over a real socket, for the real `openai` SDK:
 * `POST /v1/chat/completions` and `GET /v1/models`. The answer's `message.content` comes from
 * `responder(request)` — a test function that reads the prompt and returns the text (or an object,
 * sent as JSON text, as a model honouring `response_format: json_schema` does). `usage` counts
 * about one token per 4 characters, deterministically.
 *
 * One-shot behaviours are queued with `script(...)` and consumed by the next chat requests in
 * order: 429 with Retry-After, 401, 5xx, 400, a malformed answer (any content), a slow answer.
 * `latencyMs` delays every answer (a model's thinking time), for benches and timeouts.
 *
 *   OPENAI_BASE_URL = fake.baseUrl   (…/v1)
 */

export type ChatMessage = { role: string; content: string | null | { type: string; text?: string }[] };
export type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean | null } };
  [key: string]: unknown;
};

export type Responder = (request: ChatRequest) => string | Record<string, unknown>;

export type ScriptedAnswer =
  | { kind: 'rateLimited'; retryAfter?: string; retryAfterMs?: string }
  | { kind: 'unauthorized' }
  | { kind: 'serverError'; status?: number }
  | { kind: 'badRequest'; message: string }
  /** This content instead of the responder's (invalid JSON, or JSON violating the schema). */
  | { kind: 'content'; content: string }
  | { kind: 'slow'; delayMs: number };

export type RecordedChat = { body: ChatRequest; headers: IncomingHttpHeaders; answeredWith: ScriptedAnswer['kind'] | 'responder' };

export type FakeOpenAi = {
  url: string;
  baseUrl: string;
  apiKey: string | null;
  models: string[];
  /** Every chat completion request received, oldest first (answered or not). */
  chats: RecordedChat[];
  responder: Responder;
  latencyMs: number;
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
};

export const FAKE_OPENAI_KEY = 'sk-fake-openai-0001';

/** The user-visible text of a message, whatever its content shape. */
export function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (Array.isArray(message.content)) return message.content.map((part) => part.text ?? '').join('');
  return '';
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_fake_${Date.now().toString(36)}`, ...headers });
  res.end(JSON.stringify(body));
}

const apiError = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });

export async function startFakeOpenAi(options: { apiKey?: string | null; models?: string[]; responder?: Responder; latencyMs?: number } = {}): Promise<FakeOpenAi> {
  const queue: ScriptedAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const fake = {
    apiKey: options.apiKey === undefined ? FAKE_OPENAI_KEY : options.apiKey,
    models: options.models ?? ['gpt-4o-mini', 'gpt-4.1-mini', 'llama3.1:8b'],
    chats: [] as RecordedChat[],
    responder: options.responder ?? ((() => 'Hello from the fake model')),
    latencyMs: options.latencyMs ?? 0,
  };

  const later = (ms: number, run: () => void) => {
    if (ms <= 0) return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  function complete(body: ChatRequest, res: http.ServerResponse, scripted: ScriptedAnswer | undefined) {
    let content: string;
    try {
      const answer = scripted?.kind === 'content' ? scripted.content : fake.responder(body);
      content = typeof answer === 'string' ? answer : JSON.stringify(answer);
    } catch (error) {
      return sendJson(res, 500, apiError(`fake responder failed: ${error instanceof Error ? error.message : String(error)}`, 'server_error', null));
    }
    const promptTokens = estimateTokens(body.messages.map(messageText).join('\n'));
    const completionTokens = estimateTokens(content);
    sendJson(res, 200, {
      id: `chatcmpl-fake-${fake.chats.length}`,
      object: 'chat.completion',
      created: 1_772_000_000,
      model: body.model,
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  function chat(body: ChatRequest, headers: IncomingHttpHeaders, res: http.ServerResponse) {
    const scripted = queue.shift();
    fake.chats.push({ body, headers, answeredWith: scripted?.kind ?? 'responder' });
    if (!scripted) return later(fake.latencyMs, () => complete(body, res, undefined));
    switch (scripted.kind) {
      case 'rateLimited': {
        const retry: Record<string, string> = {};
        if (scripted.retryAfter !== undefined) retry['retry-after'] = scripted.retryAfter;
        if (scripted.retryAfterMs !== undefined) retry['retry-after-ms'] = scripted.retryAfterMs;
        return sendJson(res, 429, apiError('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'), retry);
      }
      case 'unauthorized':
        return sendJson(res, 401, apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      case 'serverError':
        return sendJson(res, scripted.status ?? 500, apiError('The server had an error while processing your request.', 'server_error', null));
      case 'badRequest':
        return sendJson(res, 400, apiError(scripted.message, 'invalid_request_error', null));
      case 'content':
        return later(fake.latencyMs, () => complete(body, res, scripted));
      case 'slow':
        return later(scripted.delayMs, () => complete(body, res, undefined));
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (fake.apiKey !== null && req.headers.authorization !== `Bearer ${fake.apiKey}`) {
        return sendJson(res, 401, apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      }
      if (path === '/v1/models' && req.method === 'GET') {
        return sendJson(res, 200, { object: 'list', data: fake.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
      }
      if (path === '/v1/chat/completions' && req.method === 'POST') {
        let body: ChatRequest;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
        } catch {
          return sendJson(res, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error', null));
        }
        if (typeof body.model !== 'string' || !Array.isArray(body.messages)) {
          return sendJson(res, 400, apiError("Missing required parameter: 'model' or 'messages'.", 'invalid_request_error', null));
        }
        return chat(body, req.headers, res);
      }
      sendJson(res, 404, apiError(`Unknown request URL: ${req.method} ${path}`, 'invalid_request_error', 'unknown_url'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url,
    baseUrl: `${url}/v1`,
    script: (...answers: ScriptedAnswer[]) => void queue.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
