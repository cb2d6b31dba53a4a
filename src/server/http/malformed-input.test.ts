import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { prospects } from '../db/schema/index.js';
import { mailboxBody } from '../mailboxes/mailboxes.test-helpers.js';
import { addProspect, importCsvText, signedIn, type ErrorBody, type ProspectJson } from '../prospects/prospects.test-helpers.js';

/** Inputs an outside review turned into 500s: each must be a clear 400 (or a no-op), never a 500. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

/** JSON text nested `depth` objects deep (JSON.stringify itself would overflow). */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
}

describe('malformed percent-encoding in a path', () => {
  it.each(['/api/admin/campaigns/%E0%A4%A', '/api/admin/campaigns/%', '/api/admin/campaigns/%ED%A0%80', '/trpc/campaigns.byId%E0%A4%A', '/trpc/%ED%A0%80'])(
    '%s answers 400 request.malformed_url',
    async (pathname) => {
      const { client } = await signedIn(t);
      const res = await client.request<ErrorBody>('GET', pathname);
      expect(res.status).toBe(400);
      expect(res.body.error.reason).toBe('request.malformed_url');
    },
  );
});

describe('deeply nested JSON', () => {
  it('is refused with 400 before any recursion, over REST and tRPC', async () => {
    const { client } = await signedIn(t);
    const rest = await client.request<ErrorBody>('POST', '/api/admin/campaigns', { body: `{"name":"Deep","extra":${nested(7000)}}`, contentType: 'application/json' });
    expect(rest.status).toBe(400);
    expect(rest.body.error).toMatchObject({ reason: 'request.too_deep', params: { maxDepth: 64 } });

    const body = `{"json":{"name":"Deep","extra":${nested(7000)}}}`;
    const trpc = await fetch(`${t.url}/trpc/campaigns.create`, { method: 'POST', headers: { ...client.headers({}, 'POST'), 'content-type': 'application/json' }, body });
    expect(trpc.status).toBe(400);
    expect(JSON.stringify(await trpc.json())).toContain('request.too_deep');
  });

  it('still accepts ordinary nesting', async () => {
    const { client } = await signedIn(t);
    expect((await client.request('POST', '/api/admin/campaigns', { json: { name: 'Shallow' } })).status).toBe(201);
  });
});

describe('lone UTF-16 surrogates', () => {
  it('are refused with 400 naming the field, over REST and tRPC', async () => {
    const { client } = await signedIn(t);
    // JSON.stringify writes a lone surrogate as the escape "\ud800", as an attacker would send it.
    const rest = await client.request<ErrorBody>('POST', '/api/admin/campaigns', { json: { name: 'Bad \ud800 name' } });
    expect(rest.status).toBe(400);
    expect(rest.body.error.issues).toEqual([expect.objectContaining({ path: ['name'], code: 'custom', params: { rule: 'text.surrogate' } })]);
    expect(rest.body.error.issues![0]!.message).toMatch(/^Name must not contain an unpaired UTF-16 surrogate/);

    const tags = await addProspect(client, { email: 'sur@example.com', tags: ['ok', 'x\udc00'] });
    expect(tags.status).toBe(400);
    expect(tags.body.error.issues![0]!.path).toEqual(['tags', 1]);
    const custom = await addProspect(client, { email: 'sur2@example.com', customFields: { 'note\ud800': 'x' } });
    expect(custom.status).toBe(400);

    await expect(client.trpc().campaigns.create.mutate({ name: 'x\ud800' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', issues: [{ path: ['name'] }] } });
  });

  it('accepts a paired surrogate (an emoji)', async () => {
    const { client } = await signedIn(t);
    const res = await client.request<{ name: string }>('POST', '/api/admin/campaigns', { json: { name: 'Launch 🚀' } });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Launch 🚀');
  });
});

describe('an empty PATCH of a mailbox', () => {
  it('is a no-op 200 returning the mailbox', async () => {
    const { client } = await signedIn(t);
    const created = await client.request<{ id: string; fromName: string }>('POST', '/api/admin/mailboxes', { json: mailboxBody() });
    expect(created.status).toBe(201);
    const res = await client.request<{ id: string; fromName: string }>('PATCH', `/api/admin/mailboxes/${created.body.id}`, { json: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, fromName: created.body.fromName });
  });
});

describe('reserved object keys (__proto__, constructor, prototype)', () => {
  it.each(['constructor', '__proto__', 'prototype'])('a custom field named %j is refused with 400', async (key) => {
    const { client } = await signedIn(t);
    const body = `{"email":"k${Math.random().toString(36).slice(2)}@example.com","customFields":{${JSON.stringify(key)}:"x"}}`;
    const res = await client.request<ErrorBody>('POST', '/api/admin/prospects', { body, contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues![0]).toMatchObject({ path: ['customFields', key], code: 'custom', params: { rule: 'key.reserved', key } });
  });

  it('a custom field named " constructor " (trimmed to a reserved name) is refused too', async () => {
    const { client } = await signedIn(t);
    const res = await addProspect(client, { email: 'trim-key@example.com', customFields: { ' constructor ': 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues![0]!.path[0]).toBe('customFields');
  });

  it('a CSV header named constructor is kept under a safe name, and the list stays readable', async () => {
    const { client } = await signedIn(t);
    const imported = await importCsvText(client, 'email,constructor,__proto__\ncsv-key@example.com,a,b\n');
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(1);
    const list = await client.trpc().prospects.list.query({});
    expect(list.items[0]!.customFields).toEqual({ 'constructor (column)': 'a', '__proto__ (column)': 'b' });
  });

  it('a row already stored with such keys does not make list, byId or detail unreadable', async () => {
    const { client, workspaceId } = await signedIn(t);
    const ok = await addProspect(client, { email: 'fine@example.com' });
    const [row] = await t.database.withWorkspace(workspaceId, (db) =>
      db
        .insert(prospects)
        .values({ workspaceId, email: 'stored-bad@example.com', customFields: JSON.parse('{"constructor":"c","__proto__":"p","prototype":"q"}') as Record<string, string> })
        .returning({ id: prospects.id }),
    );
    const trpc = client.trpc();
    const list = await trpc.prospects.list.query({});
    expect(list.items.map((p) => p.email).sort()).toEqual(['fine@example.com', 'stored-bad@example.com']);
    const bad = list.items.find((p) => p.email === 'stored-bad@example.com')!;
    expect(Object.values(bad.customFields).sort()).toEqual(expect.arrayContaining(['c', 'q']));
    expect((await trpc.prospects.byId.query({ id: row!.id })).email).toBe('stored-bad@example.com');
    expect((await trpc.prospects.detail.query({ id: row!.id })).prospect.email).toBe('stored-bad@example.com');
    expect((await client.request<ProspectJson>('GET', `/api/admin/prospects/${ok.body.id}`)).status).toBe(200);
    expect((await client.request('GET', `/api/admin/prospects/${row!.id}`)).status).toBe(200);
  });
});
