import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';

/**
 * Walks every operation of the OpenAPI document with malformed paths, query strings and bodies,
 * signed in as an admin (API token), and asserts that none answers 5xx. This is the fuzzing that
 * found deep JSON, lone surrogates, reserved keys, broken %-escapes and an empty PATCH as 500s.
 */

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; $ref?: string };
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { name: string; in: string }[] };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const LONG = 'x'.repeat(200_000);
const DEEP = `${'{"a":'.repeat(7000)}1${'}'.repeat(7000)}`;
const DEEP_ARRAY = `${'['.repeat(7000)}${']'.repeat(7000)}`;

const PATH_VALUES = ['%E0%A4%A', '%', '%ED%A0%80', '%00', '..', '__proto__', 'constructor', LONG.slice(0, 5000), '00000000-0000-4000-8000-000000000000', '%2e%2e%2f'];
const QUERIES = [
  '?a=%',
  '?q=%ED%A0%80&cursor=%E0%A4%A',
  '?__proto__=x&constructor=y&prototype=z',
  `?q=${LONG.slice(0, 50_000)}`,
  '?limit=abc&cursor=zzz&stage=nope&tags=%00',
  '?ids=not-a-uuid,,,&limit=-1',
  '?input=%7B%7D',
];
const RAW_BODIES = [
  DEEP,
  DEEP_ARRAY,
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"name":"\\ud800","email":"\\udc00@x.example"}',
  '{"a":',
  '[]',
  '"just a string"',
  'null',
  `{"k":"${LONG}"}`,
];
const WRONG_VALUES: unknown[] = [{}, [[[]]], 1e300, true, null, LONG, '\ud800', { __proto__: null, constructor: 'x' }, -1, 'x'.repeat(10)];

function propertiesOf(doc: Document, schema: Schema | undefined): string[] {
  if (!schema) return [];
  const resolved = schema.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
  return Object.keys(resolved?.properties ?? {});
}

function fill(template: string, value: string): string {
  return template.replace(/\{[^}]+\}/g, value);
}

let t: TestApp;
let client: TestClient;
let doc: Document;
beforeAll(async () => {
  t = await startTestApp();
  const admin = t.client();
  await admin.signUp();
  const token = await admin.request<{ token: string }>('POST', '/api/admin/api-tokens', { json: { name: 'fuzz' } });
  // A script's credentials: the fuzzing cannot sign its own session out.
  client = t.client();
  client.bearer = token.body.token;
  client.origin = null;
  doc = (await client.request<Document>('GET', '/api/openapi.json')).body;
});
afterAll(() => t.stop());

type Probe = { method: string; path: string; body?: string; contentType?: string };

async function statusOf(probe: Probe): Promise<number> {
  const headers: Record<string, string> = { authorization: `Bearer ${client.bearer}` };
  if (probe.contentType) headers['content-type'] = probe.contentType;
  // Raw paths: fetch would normalise `..` and re-encode what we mean to send broken.
  const response = await fetch(`${t.url}${probe.path}`, { method: probe.method, headers, body: probe.body });
  await response.arrayBuffer();
  return response.status;
}

async function runAll(probes: Probe[], concurrency = 4): Promise<{ probe: Probe; status: number }[]> {
  const failures: { probe: Probe; status: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < probes.length) {
        const probe = probes[next++]!;
        const status = await statusOf(probe).catch(() => 599);
        if (status >= 500) failures.push({ probe: { ...probe, body: probe.body?.slice(0, 120) }, status });
      }
    }),
  );
  return failures;
}

describe('fuzzing every OpenAPI operation', () => {
  it('answers no 5xx to malformed paths, query strings and bodies', async () => {
    const probes: Probe[] = [];
    const operations = Object.entries(doc.paths).flatMap(([template, methods]) => Object.entries(methods).map(([method, operation]) => ({ template, method: method.toUpperCase(), operation })));
    expect(operations.length).toBeGreaterThan(30);
    for (const { template, method, operation } of operations) {
      const valid = fill(`/api${template}`, '00000000-0000-4000-8000-000000000000');
      for (const value of PATH_VALUES) if (template.includes('{')) probes.push({ method, path: fill(`/api${template}`, value) });
      for (const query of QUERIES) probes.push({ method, path: `${valid}${query}` });
      if (method === 'GET' || method === 'DELETE') continue;
      const content = operation.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      for (const body of RAW_BODIES) probes.push({ method, path: valid, body, contentType: 'application/json' });
      probes.push({ method, path: valid, body: 'email,first_name\n\ud800,"unterminated', contentType: 'text/csv' });
      probes.push({ method, path: valid, body: '{}', contentType: 'text/plain' });
      for (const property of propertiesOf(doc, jsonSchema)) {
        for (const value of WRONG_VALUES) probes.push({ method, path: valid, body: JSON.stringify({ [property]: value }), contentType: 'application/json' });
        probes.push({ method, path: valid, body: `{"${property}":${DEEP}}`, contentType: 'application/json' });
      }
    }
    // tRPC gets the same treatment on a few procedures.
    for (const procedure of ['campaigns.create', 'prospects.list', 'prospects.create', 'mailboxes.update', 'auth.signIn']) {
      probes.push({ method: 'GET', path: `/trpc/${procedure}?input=${encodeURIComponent(DEEP)}` });
      probes.push({ method: 'GET', path: `/trpc/${procedure}%ED%A0%80` });
      probes.push({ method: 'POST', path: `/trpc/${procedure}`, body: `{"json":${DEEP}}`, contentType: 'application/json' });
      probes.push({ method: 'POST', path: `/trpc/${procedure}`, body: '{"json":{"name":"\\ud800","__proto__":{"x":1}}}', contentType: 'application/json' });
      probes.push({ method: 'POST', path: `/trpc/${procedure}`, body: '{"json":{"constructor":{"prototype":1}}}', contentType: 'application/json' });
    }
    const failures = await runAll(probes);
    expect(failures, `${failures.length} of ${probes.length} probes answered 5xx`).toEqual([]);
  }, 600_000);
});
