import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_OPENAI_KEY, startFakeOpenAi, type FakeOpenAi } from '../../../tests/fakes/openai.js';
import { completeStructured, LlmAuthError, LlmBadRequestError, type StructuredRequest } from './llm-structured.js';
import { failureDisposition, PermanentIntegrationError, RateLimitedError, TransientIntegrationError } from './retryable-errors.js';

const SCHEMA = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
let fake: FakeOpenAi;
let request: StructuredRequest;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.responder = () => ({ answer: '42' });
  fake.latencyMs = 0;
  request = {
    baseUrl: fake.baseUrl,
    apiKey: FAKE_OPENAI_KEY,
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Answer in JSON.' },
      { role: 'user', content: 'What is six times seven?' },
    ],
    schemaName: 'answer',
    jsonSchema: SCHEMA,
    strict: true,
    timeoutMs: 5000,
    allowPrivate: true,
    now: () => new Date('2026-03-02T10:00:00Z'),
  };
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a rejection');
}

describe('completeStructured (real openai SDK against the fake, over a socket)', () => {
  it('sends the messages and the json_schema response format with the key, and returns the text and token counts', async () => {
    const result = await completeStructured(request);
    expect(result).toEqual({ content: '{"answer":"42"}', refusal: null, finishReason: 'stop', tokensIn: expect.any(Number), tokensOut: 4, model: 'gpt-4o-mini' });
    expect(result.tokensIn).toBeGreaterThan(5);
    const sent = fake.chats.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
    expect(sent.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: request.messages,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: SCHEMA, strict: true } },
    });
  });

  it('429: one request only (no SDK retries), RateLimitedError with Retry-After in seconds or retry-after-ms', async () => {
    const before = fake.chats.length;
    fake.script({ kind: 'rateLimited', retryAfter: '7' });
    const seconds = await rejection(completeStructured(request));
    expect(fake.chats.length).toBe(before + 1);
    expect(seconds).toBeInstanceOf(RateLimitedError);
    expect((seconds as RateLimitedError).retryAfterMs).toBe(7000);
    expect(failureDisposition(seconds)).toMatchObject({ action: 'retry', retryAfterMs: 7000 });

    fake.script({ kind: 'rateLimited', retryAfter: '7', retryAfterMs: '1500' });
    expect(((await rejection(completeStructured(request))) as RateLimitedError).retryAfterMs).toBe(1500);
    fake.script({ kind: 'rateLimited' });
    expect(((await rejection(completeStructured(request))) as RateLimitedError).retryAfterMs).toBeNull();
    // Then the server answers again.
    expect((await completeStructured(request)).content).toBe('{"answer":"42"}');
  });

  it('401 is LlmAuthError (not retried) and never echoes the key', async () => {
    const error = await rejection(completeStructured({ ...request, apiKey: 'sk-wrong-key-abcdef' }));
    expect(error).toBeInstanceOf(LlmAuthError);
    expect(error.message).toBe('The API key was refused');
    expect(failureDisposition(error).action).toBe('fail');
  });

  it('5xx is transient, once; 400 is a bad request naming the server\'s reason', async () => {
    const before = fake.chats.length;
    fake.script({ kind: 'serverError', status: 503 });
    const unavailable = await rejection(completeStructured(request));
    expect(unavailable).toBeInstanceOf(TransientIntegrationError);
    expect(fake.chats.length).toBe(before + 1);

    fake.script({ kind: 'badRequest', message: "Invalid schema for response_format 'answer': 'minLength' is not permitted." });
    const bad = await rejection(completeStructured(request));
    expect(bad).toBeInstanceOf(LlmBadRequestError);
    expect(bad.message).toMatch(/refused the request \(HTTP 400\): Invalid schema for response_format 'answer'/);
    expect(failureDisposition(bad).action).toBe('fail');
  });

  it('a slow answer past timeoutMs is a transient timeout, promptly', async () => {
    fake.script({ kind: 'slow', delayMs: 3000 });
    const started = performance.now();
    const error = await rejection(completeStructured({ ...request, timeoutMs: 300 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(TransientIntegrationError);
    expect(error).toMatchObject({ kind: 'timeout', message: `${new URL(fake.url).host} did not answer within 300 ms` });
  });

  it('a configured model latency under the timeout is waited for', async () => {
    fake.latencyMs = 200;
    const started = performance.now();
    expect((await completeStructured(request)).content).toBe('{"answer":"42"}');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('a cancelled request (shutdown) is transient and says so', async () => {
    fake.script({ kind: 'slow', delayMs: 3000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(completeStructured({ ...request, signal: controller.signal }));
    expect(error).toBeInstanceOf(TransientIntegrationError);
    expect(error.message).toBe(`The request to ${new URL(fake.url).host} was cancelled`);
  });

  it('connection refused is transient; a private URL the user gave is refused for good', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = await rejection(completeStructured({ ...request, baseUrl: `http://127.0.0.1:${port}/v1` }));
    expect(refused).toBeInstanceOf(TransientIntegrationError);
    expect(refused.message).toBe(`Could not connect to 127.0.0.1:${port}`);

    const unsafe = await rejection(completeStructured({ ...request, allowPrivate: false }));
    expect(unsafe).toBeInstanceOf(PermanentIntegrationError);
    expect(unsafe).toMatchObject({ kind: 'unsafe' });
  });

  it('a local server without a key gets no Authorization header; an empty answer comes back as empty content', async () => {
    const local = await startFakeOpenAi({ apiKey: null, responder: () => '' });
    try {
      const result = await completeStructured({ ...request, baseUrl: local.baseUrl, apiKey: null, model: 'llama3.1:8b', strict: false });
      expect(result.content).toBe('');
      expect(local.chats[0]!.headers.authorization).toBeUndefined();
      expect(local.chats[0]!.body.response_format?.json_schema?.strict).toBe(false);
    } finally {
      await local.close();
    }
  });
});
