import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpApi, type FakeHttpApi } from '../../../tests/fakes/fake-http-api.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { queryRows } from '../db/database.js';
import { mailboxes, sendingDomains } from '../db/schema/index.js';
import { appRouter } from '../router.js';

/**
 * No response of any endpoint or tRPC query may contain a stored secret or its ciphertext. The
 * endpoints come from /api/openapi.json and the queries from the app router, so endpoints added
 * later are covered without touching this test.
 */
let fake: FakeHttpApi;
let t: TestApp;
let admin: TestClient;
let workspaceId: string;
const secrets: string[] = [];
let apiToken: string;

const distinct = (label: string) => {
  const value = `${label}-${randomBytes(9).toString('base64url')}`;
  secrets.push(value);
  return value;
};

type Hit = { where: string; secret: string };
const hits: Hit[] = [];
let calls = 0;

function scan(where: string, text: string) {
  calls += 1;
  for (const secret of secrets) if (text.includes(secret)) hits.push({ where, secret: `${secret.slice(0, 12)}…` });
}

async function call(method: string, pathname: string, client: TestClient): Promise<{ status: number; text: string }> {
  const headers = client.headers({}, method);
  const response = await fetch(new URL(pathname, t.url), { method, headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  scan(`${method} ${pathname}`, text + JSON.stringify([...response.headers]));
  return { status: response.status, text };
}

beforeAll(async () => {
  fake = await startFakeHttpApi();
  t = await startTestApp(fake.env());
  admin = t.client();
  workspaceId = (await admin.signUp()).workspace.id;

  // Credentials for every service, through the API; every save/verify answer is scanned too.
  const bodies: Record<string, unknown> = {
    openai: { apiKey: distinct('sk-openai'), baseUrl: fake.baseUrl('openai'), model: 'gpt-4o-mini' },
    phantombuster: { apiKey: distinct('pb') },
    calcom: { apiKey: distinct('cal'), extra: { bookingUrl: 'https://cal.com/a/b' } },
    calendly: { apiKey: distinct('calendly'), extra: { schedulingUrl: 'https://calendly.com/a' } },
    instantly: { apiKey: distinct('inst') },
    webhook: { extra: { url: `${fake.url}/webhook/${distinct('hookpath')}`, secret: distinct('hooksig') } },
  };
  for (const [service, json] of Object.entries(bodies)) {
    const saved = await admin.request('PUT', `/api/admin/settings/credentials/${service}`, { json });
    expect(saved.status, saved.text).toBe(200);
    scan(`PUT ${service}`, saved.text);
    scan(`POST ${service}/verify`, (await admin.request('POST', `/api/admin/settings/credentials/${service}/verify`)).text);
  }

  // Mailbox passwords and a DKIM key, sealed the way the mailbox engine stores them.
  const box = t.app.services.secretBox;
  const smtp = box.seal(distinct('smtp-password'));
  const imap = box.seal(distinct('imap-password'));
  const dkim = box.seal(distinct('-----BEGIN PRIVATE KEY-----dkim'));
  await t.database.withWorkspace(workspaceId, async (db) => {
    await db.insert(mailboxes).values({
      workspaceId,
      fromName: 'Sam Sender',
      fromEmail: 'sam@sender.example',
      smtpHost: '127.0.0.1',
      smtpPort: 2525,
      smtpUser: 'sam',
      smtpPasswordCiphertext: smtp.ciphertext,
      imapHost: '127.0.0.1',
      imapPort: 1143,
      imapUser: 'sam',
      imapPasswordCiphertext: imap.ciphertext,
      keyId: smtp.keyId,
    });
    await db.insert(sendingDomains).values({ workspaceId, domain: 'sender.example', dkimSelector: 'sm1', dkimPrivateKeyCiphertext: dkim.ciphertext, dkimKeyId: dkim.keyId });
  });

  // The API token's secret must not come back either.
  const created = await admin.request<{ token: string }>('POST', '/api/admin/api-tokens', { json: { name: 'scanner' } });
  apiToken = created.body.token;
  secrets.push(apiToken.split('.')[1]!);

  // Every ciphertext, whole and its encrypted body, read raw from the database.
  const sealed = await t.database.asSystem((db) =>
    queryRows<{ v: string }>(
      db,
      sql`select secret_ciphertext as v from api_credentials where secret_ciphertext is not null
          union all select smtp_password_ciphertext from mailboxes where smtp_password_ciphertext is not null
          union all select imap_password_ciphertext from mailboxes where imap_password_ciphertext is not null
          union all select dkim_private_key_ciphertext from sending_domains where dkim_private_key_ciphertext is not null`,
    ),
  );
  expect(sealed.length).toBe(6 + 3);
  for (const { v } of sealed) secrets.push(v, v.split('.')[3]!);
}, 60_000);
afterAll(async () => {
  await t.stop();
  await fake.close();
});

type OpenApiParameter = { name: string; in: string; required?: boolean; schema?: { enum?: string[]; type?: string } };
type OpenApiDoc = { paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> };

/** Ids seen in list answers, to fill `{id}` in detail routes. */
function idsIn(text: string): string[] {
  try {
    const body = JSON.parse(text) as unknown;
    const items = Array.isArray(body) ? body : Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items : [];
    return items.map((item) => (item as { id?: unknown }).id).filter((id): id is string => typeof id === 'string').slice(0, 3);
  } catch {
    return [];
  }
}

function sampleValue(parameter: OpenApiParameter): string {
  const schema = parameter.schema ?? {};
  if (schema.enum?.length) return schema.enum[0]!;
  if (schema.type === 'integer' || schema.type === 'number') return '1';
  if (schema.type === 'boolean') return 'true';
  return 'x';
}

describe('no response contains a stored secret', () => {
  it('every GET endpoint of the OpenAPI document, as the admin (session and API token)', async () => {
    const doc = (await admin.request<OpenApiDoc>('GET', '/api/openapi.json')).body;
    const bearer = t.client();
    bearer.bearer = apiToken;
    bearer.origin = null;
    const listIds = new Map<string, string[]>();
    const getPaths = Object.keys(doc.paths)
      .filter((p) => doc.paths[p]!.get)
      .sort((a, b) => a.split('/').length - b.split('/').length);
    expect(getPaths).toContain('/admin/settings/credentials');
    let visited = 0;
    for (const template of getPaths) {
      const parameters = doc.paths[template]!.get!.parameters ?? [];
      const pathParams = parameters.filter((p) => p.in === 'path');
      const query = new URLSearchParams();
      for (const p of parameters.filter((p) => p.in === 'query' && p.required)) query.set(p.name, sampleValue(p));
      // Expand path parameters: every enum value, ids from the parent list, or a random uuid.
      let urls = [template];
      for (const param of pathParams) {
        const parent = template.slice(0, template.indexOf(`/{${param.name}}`));
        const values = param.schema?.enum ?? listIds.get(parent) ?? [crypto.randomUUID()];
        urls = urls.flatMap((url) => (values.length ? values : [crypto.randomUUID()]).map((value) => url.replace(`{${param.name}}`, encodeURIComponent(value))));
      }
      for (const url of urls) {
        const pathname = `/api${url}${query.size ? `?${query}` : ''}`;
        const response = await call('GET', pathname, admin);
        await call('GET', pathname, bearer);
        visited += 1;
        if (pathParams.length === 0 && response.status === 200) listIds.set(template, idsIn(response.text));
      }
    }
    expect(visited).toBeGreaterThanOrEqual(getPaths.length);
    expect(hits).toEqual([]);
  });

  it('every tRPC query of the app router', async () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const queries = Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.type === 'query')
      .map(([path]) => path);
    expect(queries).toContain('credentials.list');
    for (const path of queries) {
      for (const input of [undefined, {}, { id: crypto.randomUUID() }]) {
        const encoded = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
        await call('GET', `/trpc/${path}${encoded}`, admin);
      }
    }
    expect(calls).toBeGreaterThan(queries.length * 3);
    expect(hits).toEqual([]);
  });

  it('the scan does catch a secret (the check itself works)', () => {
    const before = hits.length;
    scan('self-test', `{"x":"${secrets[0]}"}`);
    expect(hits.length).toBe(before + 1);
    hits.splice(before);
  });
});
