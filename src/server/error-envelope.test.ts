import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../tests/helpers/test-app.js';
import type { ErrorEnvelope } from './error-envelope.js';

type ErrorBody = { error: ErrorEnvelope };

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  // Private addresses refused, as in production, so the SSRF rule shows in the envelope.
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'false' });
  admin = t.client();
  await admin.signUp({ email: 'envelope@example.com' });
});
afterAll(async () => {
  await t.stop();
});

async function rejection(promise: Promise<unknown>): Promise<TRPCClientError<never>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<never>;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the error envelope', () => {
  it('keeps the English message and adds a stable reason, on REST and on tRPC alike', async () => {
    const rest = await t.client().request<ErrorBody>('POST', '/api/auth/sign-in', { json: { email: 'envelope@example.com', password: 'not the password' } });
    expect(rest.status).toBe(401);
    expect(rest.body.error).toEqual({ code: 'UNAUTHORIZED', message: 'Invalid email or password', reason: 'auth.invalid_credentials' });

    const trpc = await rejection(t.client().trpc().auth.signIn.mutate({ email: 'nobody@example.com', password: 'not the password' }));
    expect(trpc.message).toBe('Invalid email or password');
    expect(trpc.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, reason: 'auth.invalid_credentials' });
  });

  it('carries the params a reason names', async () => {
    const taken = await t.client().request<ErrorBody>('POST', '/api/auth/sign-up', {
      json: { email: 'envelope@example.com', password: 'correct horse battery staple', name: 'Eve', workspaceName: 'Again' },
    });
    expect(taken.body.error).toMatchObject({ code: 'CONFLICT', reason: 'auth.email_taken' });
    const missing = await admin.request<ErrorBody>('GET', '/api/admin/nothing-here');
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'request.unknown_endpoint', params: { method: 'GET', path: '/api/admin/nothing-here' } });
    const notJson = await admin.request<ErrorBody>('POST', '/api/admin/campaigns', { body: '{"name":', contentType: 'application/json' });
    expect(notJson.body.error).toEqual({ code: 'BAD_REQUEST', message: 'The body is not valid JSON', reason: 'request.invalid_json' });
  });

  it('gives each refused field zod’s issue code and params beside the message', async () => {
    const res = await admin.request<ErrorBody>('POST', '/api/admin/campaigns', { json: { name: 'x'.repeat(121), sendDays: [] } });
    expect(res.status).toBe(400);
    expect(res.body.error.reason).toBe('input.invalid');
    expect(res.body.error.message).toContain('name: Name must be at most 120 characters');
    expect(res.body.error.issues).toContainEqual({
      path: ['name'],
      message: 'Name must be at most 120 characters',
      code: 'too_big',
      params: { origin: 'string', maximum: 120, inclusive: true, exact: false },
    });
    expect(res.body.error.issues).toContainEqual(expect.objectContaining({ path: ['sendDays'], code: 'too_small', params: expect.objectContaining({ origin: 'array', minimum: 1 }) }));

    const trpc = await rejection(admin.trpc().campaigns.create.mutate({ name: '' }));
    expect(trpc.data).toMatchObject({ reason: 'input.invalid', issues: [{ path: ['name'], code: 'too_small', params: { origin: 'string', minimum: 1 } }] });
  });

  it('names the rule a service check refused a field for (the webhook URL)', async () => {
    const put = (url: string) => admin.request<ErrorBody>('PUT', '/api/admin/settings/credentials/webhook', { json: { extra: { url } } });
    const invalid = await put('not a url');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      message: 'extra.url: must be a valid URL',
      reason: 'input.invalid',
      issues: [{ path: ['extra', 'url'], code: 'custom', params: { rule: 'url.invalid' } }],
    });
    const ftp = await put('ftp://hooks.example.com/x');
    expect(ftp.body.error.issues?.[0]?.params).toEqual({ rule: 'url.http' });
    const local = await put('http://127.0.0.1:9/hook');
    expect(local.body.error.issues?.[0]?.params).toEqual({ rule: 'url.private', host: '127.0.0.1' });
  });

  it('is documented in the OpenAPI document, with every reason', async () => {
    const doc = await t.client().request<{ components: { schemas: { Error: { properties: { error: { required: string[]; properties: { reason: { enum: string[] } } } } } } } }>(
      'GET',
      '/api/openapi.json',
    );
    const error = doc.body.components.schemas.Error.properties.error;
    expect(error.required).toEqual(['code', 'message', 'reason']);
    expect(error.properties.reason.enum).toEqual(expect.arrayContaining(['auth.invalid_credentials', 'input.invalid', 'mailbox.in_use']));
  });
});
