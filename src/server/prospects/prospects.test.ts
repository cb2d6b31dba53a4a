import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { addProspect, allPages, createCampaign, eventsOf, importCsvText, signedIn, type ErrorBody, type ListJson, type ProspectJson } from './prospects.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('manual add', () => {
  it('creates a prospect (201) with a normalised email and LinkedIn URL, source manual, and records an event', async () => {
    const { client, workspaceId } = await signedIn(t);
    const res = await addProspect(client, {
      email: '  Jane.Doe@Example.COM ',
      firstName: 'Jane',
      lastName: 'Doe',
      linkedinUrl: 'https://fr.linkedin.com/in/Jane-Doe/?trk=x',
      company: 'Acme',
      title: 'CEO',
      companyDomain: 'https://www.Acme.example/about',
      tags: ['vip', 'vip', ' q3 '],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'jane.doe@example.com',
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe',
      companyDomain: 'acme.example',
      firstName: 'Jane',
      stage: 'new',
      source: 'manual',
      tags: ['vip', 'q3'],
      campaignId: null,
    });
    const byId = await client.request<ProspectJson>('GET', `/api/admin/prospects/${res.body.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.email).toBe('jane.doe@example.com');
    expect((await eventsOf(t, workspaceId)).map((e) => e.type)).toContain('prospect.created');
  });

  it.each([
    [{ email: 'not-an-email' }, 'email', 'Email is not a valid address'],
    [{ linkedinUrl: 'https://evil.example/in/x' }, 'linkedinUrl', 'LinkedIn URL must be a linkedin.com address'],
    [{ firstName: 'Ann' }, 'email', 'Give an email or a LinkedIn URL'],
    [{ email: 'a@b.example', title: 'x'.repeat(301) }, 'title', 'Title must be at most 300 characters'],
    [{ email: 'a@b.example', tags: ['x'.repeat(51)] }, 'tags', 'A tag must be at most 50 characters'],
    // Postgres cannot store NUL: refused as bad input, not a 500.
    [{ email: 'a@b.example', company: 'Ac\u0000me' }, 'company', 'Company must not contain a NUL character'],
  ])('refuses %j with 400 naming the field', async (json, field, message) => {
    const { client } = await signedIn(t);
    const res = await addProspect(client, json);
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.[0]).toMatchObject({ path: expect.arrayContaining([field]), message });
  });

  it('answers 409 for the same email (whatever its case) or the same LinkedIn URL without email', async () => {
    const { client } = await signedIn(t);
    expect((await addProspect(client, { email: 'dup@example.com' })).status).toBe(201);
    const again = await addProspect(client, { email: 'DUP@example.com ' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('A prospect with the email dup@example.com already exists');
    expect((await addProspect(client, { linkedinUrl: 'linkedin.com/in/solo' })).status).toBe(201);
    const sameUrl = await addProspect(client, { linkedinUrl: 'https://www.linkedin.com/in/Solo/' });
    expect(sameUrl.status).toBe(409);
    expect(sameUrl.body.error.message).toContain('https://www.linkedin.com/in/solo');
  });

  it('puts the prospect in a campaign of the workspace, and 404s on another workspace’s campaign', async () => {
    const a = await signedIn(t);
    const b = await signedIn(t);
    const mine = await createCampaign(t, a.workspaceId, 'Mine');
    const theirs = await createCampaign(t, b.workspaceId, 'Theirs');
    const ok = await addProspect(a.client, { email: 'in-campaign@example.com', campaignId: mine });
    expect(ok.body).toMatchObject({ campaignId: mine, campaignName: 'Mine' });
    const refused = await addProspect(a.client, { email: 'other@example.com', campaignId: theirs });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe('Campaign not found');
  });
});

describe('authentication and workspace isolation', () => {
  it('answers 401 without a session on every REST endpoint', async () => {
    const anonymous = t.client();
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: [string, string, Record<string, unknown>][] = [
      ['GET', '/api/admin/prospects', {}],
      ['GET', `/api/admin/prospects/${id}`, {}],
      ['GET', '/api/admin/prospects/export', {}],
      ['POST', '/api/admin/prospects', { json: { email: 'a@b.example' } }],
      ['POST', '/api/admin/prospects/bulk', { json: { ids: [id], action: 'delete' } }],
      ['POST', '/api/admin/prospects/import', { body: 'email\na@b.example', contentType: 'text/csv' }],
    ];
    for (const [method, path, options] of calls) {
      const res = await anonymous.request<ErrorBody>(method, path, options);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    await expect(anonymous.trpc().prospects.tags.query()).rejects.toThrow(/Sign in/);
  });

  it('never shows, exports, edits or deletes another workspace’s prospects (404 by id)', async () => {
    const a = await signedIn(t);
    const b = await signedIn(t);
    const theirs = (await addProspect(b.client, { email: 'secret@b.example', firstName: 'Secret', tags: ['shared'] })).body;
    await addProspect(a.client, { email: 'mine@a.example', tags: ['shared'] });

    expect((await a.client.request('GET', `/api/admin/prospects/${theirs.id}`)).status).toBe(404);
    const list = await a.client.request<ListJson>('GET', '/api/admin/prospects?q=secret');
    expect(list.body.items).toEqual([]);
    const all = await a.client.request<ListJson>('GET', '/api/admin/prospects');
    expect(all.body.items.map((p) => p.email)).toEqual(['mine@a.example']);
    const csv = await a.client.request('GET', '/api/admin/prospects/export');
    expect(csv.text).not.toContain('secret@b.example');

    const trpc = a.client.trpc();
    expect(await trpc.prospects.count.query({ tag: 'shared' })).toEqual({ total: 1 });
    expect(await trpc.prospects.tags.query()).toEqual(['shared']);
    await expect(trpc.prospects.update.mutate({ id: theirs.id, firstName: 'Hacked' })).rejects.toThrow('Prospect not found');
    await expect(trpc.prospects.setStage.mutate({ id: theirs.id, stage: 'won' })).rejects.toThrow('Prospect not found');
    await expect(trpc.prospects.detail.query({ id: theirs.id })).rejects.toThrow('Prospect not found');

    const byIds = await a.client.request<{ affected: number }>('POST', '/api/admin/prospects/bulk', { json: { ids: [theirs.id], action: 'delete' } });
    expect(byIds.body.affected).toBe(0);
    const byFilter = await a.client.request<{ affected: number }>('POST', '/api/admin/prospects/bulk', { json: { filter: { tag: 'shared' }, action: 'untag', tag: 'shared' } });
    expect(byFilter.body.affected).toBe(1);
    const still = await b.client.request<ProspectJson>('GET', `/api/admin/prospects/${theirs.id}`);
    expect(still.body).toMatchObject({ firstName: 'Secret', tags: ['shared'], stage: 'new' });
  });
});

describe('list: filters, sorting and keyset pagination', () => {
  let client: TestClient;
  let campaignId: string;
  beforeAll(async () => {
    const account = await signedIn(t);
    client = account.client;
    campaignId = await createCampaign(t, account.workspaceId, 'Spring');
    // One import = one transaction per batch: these 30 rows share one created_at, the hard case for a keyset.
    const rows = Array.from({ length: 30 }, (_, i) => {
      const company = ['Zeta', 'alpha', 'Mid', ''][i % 4];
      const tags = i % 3 === 0 ? 'hot' : i % 3 === 1 ? 'hot;cold' : '';
      return `p${String(i).padStart(2, '0')}@list.example,Person${i % 5},Last${i},${company},${i % 2 ? 'CEO' : 'Engineer 100%'},${tags}`;
    });
    const res = await importCsvText(client, ['email,first_name,last_name,company,title,tags', ...rows].join('\n'), `?campaignId=${campaignId}`);
    expect(res.body.imported).toBe(30);
    await addProspect(client, { email: 'manual@list.example', firstName: 'Manual', company: 'Solo', stage: 'interested' });
    const trpc = client.trpc();
    const first = (await client.request<ListJson>('GET', '/api/admin/prospects?q=p01@list')).body.items[0]!;
    await trpc.prospects.setStage.mutate({ id: first.id, stage: 'replied' });
  });

  it('filters by stage, tag, source, campaign and free text (name, email, company, title), AND-ing them', async () => {
    const q = async (query: string) => (await client.request<ListJson>('GET', `/api/admin/prospects?${query}&limit=200`)).body.items;
    expect((await q('stage=interested')).map((p) => p.email)).toEqual(['manual@list.example']);
    expect((await q('stage=replied')).map((p) => p.email)).toEqual(['p01@list.example']);
    expect(await q('tag=hot')).toHaveLength(20);
    expect(await q('tag=cold')).toHaveLength(10);
    expect(await q('source=manual')).toHaveLength(1);
    expect(await q('source=csv')).toHaveLength(30);
    const inCampaign = await q(`campaignId=${campaignId}`);
    expect(inCampaign).toHaveLength(30);
    expect(inCampaign[0]).toMatchObject({ campaignId, campaignName: 'Spring' });
    expect(await q('q=ZETA')).toHaveLength(8);
    expect(await q('q=person3 last13')).toHaveLength(1);
    expect(await q('q=p07@list')).toHaveLength(1);
    expect(await q('q=ceo')).toHaveLength(15);
    // % and _ are literal characters, not wildcards.
    expect(await q('q=100%25')).toHaveLength(15);
    expect(await q('q=_')).toHaveLength(0);
    expect(await q('tag=hot&q=zeta&source=csv')).toHaveLength(6);
    const count = await client.trpc().prospects.count.query({ tag: 'hot' });
    expect(count.total).toBe(20);
  });

  it.each([
    ['createdAt', 'desc'],
    ['createdAt', 'asc'],
    ['name', 'asc'],
    ['name', 'desc'],
    ['company', 'asc'],
    ['stage', 'desc'],
  ])('pages by %s %s with no duplicates or omissions across equal sort keys', async (sort, order) => {
    const full = (await client.request<ListJson>('GET', `/api/admin/prospects?sort=${sort}&order=${order}&limit=200`)).body.items;
    expect(full).toHaveLength(31);
    const paged = await allPages(client, `sort=${sort}&order=${order}&limit=4`);
    expect(paged.pages).toBe(8);
    expect(paged.items.map((p) => p.id)).toEqual(full.map((p) => p.id));
    expect(new Set(paged.items.map((p) => p.id)).size).toBe(31);
  });

  it('sorts names and companies without case, empty companies first when ascending', async () => {
    const byCompany = (await client.request<ListJson>('GET', '/api/admin/prospects?sort=company&order=asc&limit=200')).body.items;
    const companies = byCompany.map((p) => (p.company ?? '').toLowerCase());
    expect(companies).toEqual([...companies].sort());
    expect(companies[0]).toBe('');
    const byStage = (await client.request<ListJson>('GET', '/api/admin/prospects?sort=stage&order=desc&limit=3')).body.items;
    expect(byStage.map((p) => p.stage)).toEqual(['interested', 'replied', 'new']);
  });

  it('refuses a tampered cursor, a cursor from another sort and bad query values with 400', async () => {
    const page = await client.request<ListJson>('GET', '/api/admin/prospects?limit=2');
    const otherSort = await client.request<ErrorBody>('GET', `/api/admin/prospects?sort=name&cursor=${page.body.nextCursor}`);
    expect(otherSort.status).toBe(400);
    expect(otherSort.body.error.issues?.[0]?.path).toEqual(['cursor']);
    expect((await client.request('GET', '/api/admin/prospects?cursor=garbage')).status).toBe(400);
    // Well-formed cursors whose value the query could not cast: refused before they reach the database.
    const forged = (s: string, v: string) =>
      Buffer.from(JSON.stringify({ s, o: 'asc', v, id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    for (const [sort, value] of [['stage', 'hot'], ['createdAt', '2024'], ['name', 'a\u0000b']] as const) {
      const res = await client.request<ErrorBody>('GET', `/api/admin/prospects?sort=${sort}&order=asc&cursor=${forged(sort, value)}`);
      expect(res.status, sort).toBe(400);
      expect(res.body.error.issues?.[0]?.path, sort).toEqual(['cursor']);
    }
    const badStage = await client.request<ErrorBody>('GET', '/api/admin/prospects?stage=nope');
    expect(badStage.status).toBe(400);
    expect(badStage.body.error.issues?.[0]?.path).toEqual(['stage']);
    const nulSearch = await client.request<ErrorBody>('GET', '/api/admin/prospects?q=a%00b');
    expect(nulSearch.status).toBe(400);
    expect(nulSearch.body.error.issues?.[0]?.path).toEqual(['q']);
    const badLimit = await client.request<ErrorBody>('GET', '/api/admin/prospects?limit=5000');
    expect(badLimit.body.error.issues?.[0]?.path).toEqual(['limit']);
  });

  it('lists the distinct tags and the campaigns for the filter bar', async () => {
    const trpc = client.trpc();
    expect(await trpc.prospects.tags.query()).toEqual(['cold', 'hot']);
    expect((await trpc.prospects.campaignOptions.query()).map((c) => c.name)).toEqual(['Spring']);
  });
});

describe('edit and stage', () => {
  it('edits fields, clears one with null, records an event, and 409s on an email already used', async () => {
    const { client, workspaceId } = await signedIn(t);
    const trpc = client.trpc();
    const p = (await addProspect(client, { email: 'edit@example.com', title: 'Old', company: 'Co' })).body;
    await addProspect(client, { email: 'taken@example.com' });
    const updated = await trpc.prospects.update.mutate({ id: p.id, title: 'New', company: null, tags: ['a'] });
    expect(updated).toMatchObject({ title: 'New', company: null, tags: ['a'], email: 'edit@example.com' });
    await expect(trpc.prospects.update.mutate({ id: p.id, email: 'TAKEN@example.com' })).rejects.toThrow('A prospect with the email taken@example.com already exists');
    await expect(trpc.prospects.update.mutate({ id: p.id, email: null })).rejects.toThrow('Give an email or a LinkedIn URL');
    await expect(trpc.prospects.update.mutate({ id: p.id, email: 'bad' })).rejects.toThrow('Email is not a valid address');
    // The refused edits changed nothing.
    expect((await trpc.prospects.detail.query({ id: p.id })).prospect.email).toBe('edit@example.com');
    const updatedEvent = (await eventsOf(t, workspaceId)).find((e) => e.type === 'prospect.updated');
    expect(updatedEvent?.data).toEqual({ fields: ['title', 'company', 'tags'] });
  });

  it('moves a prospect to another stage and shows the change in its timeline', async () => {
    const { client } = await signedIn(t);
    const trpc = client.trpc();
    const p = (await addProspect(client, { email: 'stage@example.com' })).body;
    expect(await trpc.prospects.setStage.mutate({ id: p.id, stage: 'interested' })).toEqual({ id: p.id, stage: 'interested', previousStage: 'new' });
    const detail = await trpc.prospects.detail.query({ id: p.id });
    expect(detail.prospect.stage).toBe('interested');
    const stageEvent = detail.timeline.find((item) => item.kind === 'event' && item.type === 'prospect.stage_changed');
    expect(stageEvent).toMatchObject({ data: { from: 'new', to: 'interested' }, actorName: 'Test User' });
  });
});

describe('bulk actions', () => {
  it('tags, untags and deletes by ids or by filter; counts only what changed', async () => {
    const { client, workspaceId } = await signedIn(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await addProspect(client, { email: `bulk${i}@example.com`, company: i < 3 ? 'Keep' : 'Drop' })).body.id);
    const bulk = (json: unknown) => client.request<{ affected: number } & ErrorBody>('POST', '/api/admin/prospects/bulk', { json });
    expect((await bulk({ ids: ids.slice(0, 2), action: 'tag', tag: 'vip' })).body.affected).toBe(2);
    expect((await bulk({ filter: { q: 'keep' }, action: 'tag', tag: 'vip' })).body.affected).toBe(1);
    expect((await client.request<ListJson>('GET', '/api/admin/prospects?tag=vip')).body.items).toHaveLength(3);
    expect((await bulk({ filter: {}, action: 'untag', tag: 'vip' })).body.affected).toBe(3);
    expect((await bulk({ filter: { q: 'drop' }, action: 'delete' })).body.affected).toBe(2);
    const left = (await client.request<ListJson>('GET', '/api/admin/prospects')).body.items;
    expect(left.map((p) => p.email).sort()).toEqual(['bulk0@example.com', 'bulk1@example.com', 'bulk2@example.com']);
    const types = (await eventsOf(t, workspaceId)).map((e) => e.type);
    expect(types.filter((type) => type === 'prospects.bulk_updated')).toHaveLength(3);
    expect(types).toContain('prospect.deleted');
  });

  it('refuses a tag action without a tag, both ids and a filter, and bad ids, naming the field', async () => {
    const { client } = await signedIn(t);
    const bulk = (json: unknown) => client.request<ErrorBody>('POST', '/api/admin/prospects/bulk', { json });
    expect((await bulk({ filter: {}, action: 'tag' })).body.error.issues?.[0]?.path).toEqual(['tag']);
    expect((await bulk({ action: 'delete' })).body.error.issues?.[0]?.path).toEqual(['ids']);
    expect((await bulk({ ids: ['x'], action: 'delete' })).body.error.issues?.[0]?.path).toEqual(['ids', 0]);
    expect((await bulk({ ids: [], filter: {}, action: 'delete' })).status).toBe(400);
  });
});

describe('openapi', () => {
  it('documents the REST endpoints with the CSV bodies', async () => {
    const res = await t.client().request<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> }>('GET', '/api/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/admin/prospects', '/admin/prospects/{id}', '/admin/prospects/import', '/admin/prospects/export', '/admin/prospects/bulk']),
    );
    expect(Object.keys(res.body.paths['/admin/prospects/import']!.post!.requestBody!.content)).toEqual(['text/csv']);
  });
});
