import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEYS, startFakeHttpApi, type FakeHttpApi } from '../../../tests/fakes/fake-http-api.js';
import { createCalcomClient } from './calcom.js';
import { createCalendlyClient } from './calendly.js';
import { guardedLookup, httpRequest, IntegrationError } from './http.js';
import { createInstantlyClient } from './instantly.js';
import { createLlmClient, verifyLlm } from './llm.js';
import { createPhantomBusterClient } from './phantombuster.js';
import { isPrivateAddress, urlProblem } from './url-guard.js';
import { sendWebhook, verifyWebhook } from './webhook.js';

let fake: FakeHttpApi;
/** A port with nothing listening (a server opened and closed). */
let closedPort: number;
beforeAll(async () => {
  fake = await startFakeHttpApi();
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(() => fake.close());

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IntegrationError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('service clients against the fake APIs', () => {
  it('PhantomBuster: the key goes in X-Phantombuster-Key; a wrong key is "refused"', async () => {
    const good = createPhantomBusterClient({ apiKey: FAKE_KEYS.phantombuster, baseUrl: fake.baseUrl('phantombuster') });
    expect(await good.verify()).toEqual({ account: '2 agents' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/phantombuster/api/v2/agents/fetch-all' });
    const bad = createPhantomBusterClient({ apiKey: 'pb-wrong-key-9999', baseUrl: fake.baseUrl('phantombuster') });
    const error = await failure(bad.verify());
    expect(error.message).toBe('The API key was refused');
    expect(error.status).toBe(401);
  });

  it('Cal.com, Calendly and Instantly: Bearer key, the account they answer with, 401 on a wrong key', async () => {
    expect(await createCalcomClient({ apiKey: FAKE_KEYS.calcom, baseUrl: fake.baseUrl('calcom') }).verify()).toEqual({ account: 'alice@cal.example' });
    expect(await createCalendlyClient({ apiKey: FAKE_KEYS.calendly, baseUrl: fake.baseUrl('calendly') }).verify()).toEqual({ account: 'bob@calendly.example' });
    expect(await createInstantlyClient({ apiKey: FAKE_KEYS.instantly, baseUrl: fake.baseUrl('instantly') }).verify()).toEqual({ account: 'sender@instantly.example' });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/instantly/api/v2/accounts?limit=1' });
    for (const client of [
      createCalcomClient({ apiKey: 'cal_wrong', baseUrl: fake.baseUrl('calcom') }),
      createCalendlyClient({ apiKey: 'wrong', baseUrl: fake.baseUrl('calendly') }),
      createInstantlyClient({ apiKey: 'wrong', baseUrl: fake.baseUrl('instantly') }),
    ]) {
      expect((await failure(client.verify())).message).toBe('The API key was refused');
    }
  });

  it('says "Could not connect to <host>" when nothing listens, and names a wrong base URL', async () => {
    const refused = createCalcomClient({ apiKey: 'x', baseUrl: `http://127.0.0.1:${closedPort}/v2` });
    expect((await failure(refused.verify())).message).toBe(`Could not connect to 127.0.0.1:${closedPort}`);
    const wrongPath = createCalendlyClient({ apiKey: FAKE_KEYS.calendly, baseUrl: `${fake.url}/nowhere` });
    expect((await failure(wrongPath.verify())).message).toMatch(/answered "not found" \(HTTP 404\): check the base URL/);
  });

  it('gives up after the timeout with a clear message', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as AddressInfo).port;
    const error = await failure(httpRequest({ url: `http://127.0.0.1:${port}/`, allowPrivate: true, timeoutMs: 300 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`127.0.0.1:${port} did not answer within 300 ms`);
    silent.closeAllConnections();
    silent.close();
  });

  it('decodes gzip answers (the OpenAI SDK asks for them)', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ object: 'list', data: [{ id: 'zipped-model', object: 'model', created: 1, owned_by: 'x' }] })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    expect(await verifyLlm({ apiKey: null, baseUrl, model: 'zipped-model', allowPrivate: true })).toEqual({ account: expect.stringContaining('zipped-model') });
    server.close();
  });
});

describe('LLM (OpenAI-compatible, through the openai SDK)', () => {
  it('lists models with the key as Bearer; a wrong key is refused without echoing the key', async () => {
    expect(await verifyLlm({ apiKey: FAKE_KEYS.openai, baseUrl: fake.baseUrl('openai'), model: 'gpt-4o-mini', allowPrivate: true })).toEqual({
      account: `${new URL(fake.url).host} · gpt-4o-mini`,
    });
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${FAKE_KEYS.openai}`);
    const error = await failure(verifyLlm({ apiKey: 'sk-wrong-key-abcdef', baseUrl: fake.baseUrl('openai'), model: 'gpt-4o-mini', allowPrivate: true }));
    expect(error.message).toBe('The API key was refused');
    expect(error.message).not.toContain('sk-wrong');
  });

  it('works with a local Ollama-like server and no key: no Authorization header at all', async () => {
    expect(await verifyLlm({ apiKey: null, baseUrl: fake.baseUrl('ollama'), model: 'llama3', allowPrivate: true })).toMatchObject({ account: expect.stringContaining('llama3') });
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
    const client = await createLlmClient({ apiKey: null, baseUrl: fake.baseUrl('ollama'), model: 'llama3', allowPrivate: true });
    fake.chatReply = () => 'Bonjour';
    const completion = await client.chat.completions.create({ model: 'llama3', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Bonjour');
  });

  it('says when the configured model is not served there', async () => {
    const error = await failure(verifyLlm({ apiKey: null, baseUrl: fake.baseUrl('ollama'), model: 'mistral', allowPrivate: true }));
    expect(error.message).toMatch(/^The model "mistral" is not available at .* \(available: gpt-4o-mini, gpt-4o, llama3:latest\)$/);
  });

  it('connection refused comes through the SDK as our message', async () => {
    const error = await failure(verifyLlm({ apiKey: null, baseUrl: `http://127.0.0.1:${closedPort}/v1`, model: 'x', allowPrivate: true }));
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${closedPort}`);
  });

  it('refuses a private base URL when private networks are not allowed', async () => {
    const error = await failure(verifyLlm({ apiKey: null, baseUrl: fake.baseUrl('ollama'), model: 'llama3', allowPrivate: false }));
    expect(error.kind).toBe('unsafe');
    expect(error.message).toMatch(/private network address \(127\.0\.0\.1\): set ALLOW_PRIVATE_NETWORK_URLS=true/);
  });
});

describe('outgoing webhook', () => {
  it('POSTs the JSON test notification with a Slack-friendly text and an HMAC signature', async () => {
    const now = new Date('2026-01-02T03:04:05Z');
    await sendWebhook({ url: `${fake.url}/webhook/n8n`, secret: 'whsec-123', allowPrivate: true, now, payload: { type: 'test', text: 'hello' } });
    const request = fake.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/webhook/n8n' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ type: 'test', text: 'hello' });
    const t = Math.floor(now.getTime() / 1000);
    const expected = createHmac('sha256', 'whsec-123').update(`${t}.${request.body}`).digest('hex');
    expect(request.headers['x-sales-machine-signature']).toBe(`t=${t},v1=${expected}`);
    expect(await verifyWebhook({ url: `${fake.url}/webhook/zap`, allowPrivate: true, workspaceName: 'Acme' })).toEqual({ account: new URL(fake.url).host });
    expect(JSON.parse(fake.requests.at(-1)!.body)).toMatchObject({ type: 'test', text: 'Sales Machine: test notification from Acme' });
  });

  it('reports a non-2xx answer and does not follow a redirect (it could lead inside the network)', async () => {
    const host = new URL(fake.url).host;
    expect((await failure(verifyWebhook({ url: `${fake.url}/webhook/fail`, allowPrivate: true, workspaceName: 'A' }))).message).toBe(`The webhook at ${host} answered HTTP 500`);
    const before = fake.requests.length;
    expect((await failure(verifyWebhook({ url: `${fake.url}/webhook/redirect`, allowPrivate: true, workspaceName: 'A' }))).message).toMatch(/redirected \(HTTP 302\)/);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('refuses loopback, private and metadata addresses when private networks are not allowed', async () => {
    for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://10.0.0.5/', 'http://[::ffff:127.0.0.1]/', 'http://printer/']) {
      const error = await failure(verifyWebhook({ url, allowPrivate: false, workspaceName: 'A' }));
      expect(error.kind, url).toBe('unsafe');
    }
  });
});

describe('url guard', () => {
  it('classifies addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:7f00:1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    // IPv6 forms that carry or reach an IPv4 address, and the non-global ranges.
    for (const address of ['::7f00:1', '::ffff:0:7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::7f00:1', '2002:7f00:1::', '2001::1', '2001:db8::1', 'fec0::1', 'ff02::1', '100::1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('checks the address a name resolves to, at connect time', async () => {
    const resolve = (allowPrivate: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; addresses: unknown }>((done) =>
        guardedLookup(allowPrivate)('localhost', { all: true }, (error, addresses) => done({ error, addresses })),
      );
    const refused = await resolve(false);
    expect(refused.error?.code).toBe('EPRIVATE');
    const allowed = await resolve(true);
    expect(allowed.error).toBeNull();
    expect(allowed.addresses).toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) })]));
  });

  it('accepts only http(s) URLs, and private ones only when allowed', () => {
    expect(urlProblem('ftp://example.com/', { allowPrivate: true })).toBe('must start with http:// or https://');
    expect(urlProblem('file:///etc/passwd', { allowPrivate: true })).toBe('must start with http:// or https://');
    expect(urlProblem('not a url', { allowPrivate: true })).toBe('must be a valid URL');
    expect(urlProblem('https://api.openai.com/v1', { allowPrivate: false })).toBeNull();
    expect(urlProblem('http://localhost:11434/v1', { allowPrivate: true })).toBeNull();
    expect(urlProblem('http://localhost:11434/v1', { allowPrivate: false })).toMatch(/private network address/);
    expect(urlProblem('http://ollama.internal/v1', { allowPrivate: false })).toMatch(/private network address/);
    // The URL parser turns decimal, octal and hex forms into the dotted address the guard checks.
    for (const url of ['http://2130706433/', 'http://0177.0.0.1/', 'http://0x7f.1/', 'http://0/', 'http://[::127.0.0.1]/']) {
      expect(urlProblem(url, { allowPrivate: false }), url).toMatch(/private network address/);
    }
  });
});
