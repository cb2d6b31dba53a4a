import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { addProspect, importCsvText, signedIn, type ListJson } from './prospects.test-helpers.js';

/** Every way in applies the ICP exclusions and one person per email and per LinkedIn profile (issue 8 #9, #15, #16). */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function excluding(client: Awaited<ReturnType<typeof signedIn>>['client'], icp: { excludedDomains?: string[]; excludedCompanies?: string[] }) {
  const res = await client.request('PUT', '/api/admin/settings/icp', { json: icp });
  expect(res.status).toBe(200);
}

const emailsOf = async (client: Awaited<ReturnType<typeof signedIn>>['client']) =>
  (await client.request<ListJson>('GET', '/api/admin/prospects?limit=200')).body.items.map((p) => p.email ?? p.linkedinUrl).sort();

describe('ICP exclusions on every way in', () => {
  it('refuses to create an excluded prospect (domain, subdomain, company) with the reason, and creates the others', async () => {
    const { client } = await signedIn(t);
    await excluding(client, { excludedDomains: ['competitor.com'], excludedCompanies: ['Rival Corp'] });
    const byEmail = await addProspect(client, { email: 'exc@competitor.com' });
    expect(byEmail.status).toBe(422);
    expect(byEmail.body.error).toMatchObject({ reason: 'prospect.excluded_domain', params: { domain: 'competitor.com' }, message: 'The domain competitor.com is excluded by your ICP' });
    const bySubdomain = await addProspect(client, { email: 'x@eu.competitor.com' });
    expect(bySubdomain.body.error).toMatchObject({ reason: 'prospect.excluded_domain' });
    const byCompanyDomain = await addProspect(client, { linkedinUrl: 'linkedin.com/in/someone', companyDomain: 'https://www.competitor.com/about' });
    expect(byCompanyDomain.status).toBe(422);
    const byCompany = await addProspect(client, { email: 'ceo@rival.example', company: 'RIVAL Corp.' });
    expect(byCompany.body.error).toMatchObject({ reason: 'prospect.excluded_company', params: { company: 'Rival Corp' } });
    expect((await addProspect(client, { email: 'ok@customer.example', company: 'Customer' })).status).toBe(201);
    expect(await emailsOf(client)).toEqual(['ok@customer.example']);
  });

  it('skips excluded rows of a CSV import with the reason in the summary, and imports the rest', async () => {
    const { client } = await signedIn(t);
    await excluding(client, { excludedDomains: ['competitor.com'], excludedCompanies: ['Rival Corp'] });
    const csv = ['email,company,company_domain', 'exc@competitor.com,Competitor,', 'buyer@customer.example,Customer,', 'boss@rival.example,Rival Corp,', 'ok@other.example,Other,sub.competitor.com'].join('\n');
    const res = await importCsvText(client, csv);
    expect(res.body).toMatchObject({
      status: 'completed',
      totalRows: 4,
      imported: 1,
      skipped: 3,
      errorCount: 0,
      errors: [
        { row: 2, code: 'row.excluded_domain', params: { domain: 'competitor.com' } },
        { row: 4, code: 'row.excluded_company', params: { company: 'Rival Corp' } },
        { row: 5, code: 'row.excluded_domain', params: { domain: 'competitor.com' } },
      ],
    });
    expect(await emailsOf(client)).toEqual(['buyer@customer.example']);
  });
});

describe('one person per email and per LinkedIn profile', () => {
  it('refuses to create a prospect whose LinkedIn profile exists, however it is spelt, even when the existing one has an email', async () => {
    const { client } = await signedIn(t);
    expect((await addProspect(client, { email: 'jose@acme.example', linkedinUrl: 'https://www.linkedin.com/in/jose-garcia' })).status).toBe(201);
    for (const spelling of ['http://fr.linkedin.com/in/Jose-Garcia/?trk=x', 'linkedin.com/in/JOSE-GARCIA#about']) {
      const again = await addProspect(client, { linkedinUrl: spelling });
      expect(again.status, spelling).toBe(409);
      expect(again.body.error).toMatchObject({ reason: 'prospect.duplicate_linkedin', params: { linkedinUrl: 'https://www.linkedin.com/in/jose-garcia' } });
    }
    const otherEmail = await addProspect(client, { email: 'jose.perso@mail.example', linkedinUrl: 'https://uk.linkedin.com/in/jose-garcia' });
    expect(otherEmail.status).toBe(409);
    const sameEmail = await addProspect(client, { email: 'JOSE@acme.example' });
    expect(sameEmail.body.error).toMatchObject({ reason: 'prospect.duplicate_email', params: { email: 'jose@acme.example' } });
    expect(await emailsOf(client)).toEqual(['jose@acme.example']);
  });

  it('counts an import row with a known LinkedIn profile and no email as a duplicate, and an edit onto a taken profile is a 409', async () => {
    const { client } = await signedIn(t);
    await addProspect(client, { email: 'lea@acme.example', linkedinUrl: 'linkedin.com/in/lea-martin' });
    const res = await importCsvText(client, ['email,linkedin_url,first_name', ',https://fr.linkedin.com/in/Lea-Martin/,Léa', 'paul@acme.example,https://www.linkedin.com/in/paul-d,Paul', ',linkedin.com/in/PAUL-D?trk=1,Paul again'].join('\n'));
    expect(res.body).toMatchObject({ imported: 1, duplicates: 2, skipped: 0, errorCount: 0 });
    const paul = (await client.request<ListJson>('GET', '/api/admin/prospects?q=paul')).body.items[0]!;
    const edit = await client.trpc().prospects.update.mutate({ id: paul.id, linkedinUrl: 'https://www.linkedin.com/in/lea-martin' }).catch((error: unknown) => error);
    expect(String(edit)).toContain('A prospect with the LinkedIn URL https://www.linkedin.com/in/lea-martin already exists');
  });
});

describe('import ids per workspace', () => {
  it('lets another workspace use an import id taken here, without telling either of the other', async () => {
    const a = await signedIn(t);
    const b = await signedIn(t);
    const importId = crypto.randomUUID();
    expect((await importCsvText(a.client, 'email\na@one.example\n', `?importId=${importId}`)).body).toMatchObject({ importId, imported: 1 });
    const other = await importCsvText(b.client, 'email\nb@two.example\nc@two.example\n', `?importId=${importId}`);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ importId, imported: 2 });
    expect((await a.client.request('GET', `/api/admin/prospects/imports/${importId}`)).body).toMatchObject({ imported: 1 });
    expect((await b.client.request('GET', `/api/admin/prospects/imports/${importId}`)).body).toMatchObject({ imported: 2 });
    // The same id twice in one workspace is still refused.
    expect((await importCsvText(b.client, 'email\nd@two.example\n', `?importId=${importId}`)).status).toBe(409);
    const unknown = await a.client.request('GET', `/api/admin/prospects/imports/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
  });
});

describe('tag options', () => {
  it('list the tags in use, kept current by create, edit, import, bulk tag/untag and delete', async () => {
    const { client } = await signedIn(t);
    const trpc = client.trpc();
    const tags = () => trpc.prospects.tags.query();
    const first = await addProspect(client, { email: 'one@tags.example', tags: ['vip', 'warm'] });
    expect(await tags()).toEqual(['vip', 'warm']);
    await trpc.prospects.update.mutate({ id: first.body.id, tags: ['warm', 'q3'] });
    expect(await tags()).toEqual(['q3', 'warm']);
    await importCsvText(client, 'email,tags\ntwo@tags.example,"imported, warm"\nthree@tags.example,imported\n');
    expect(await tags()).toEqual(['imported', 'q3', 'warm']);
    await trpc.prospects.bulk.mutate({ filter: { tag: 'imported' }, action: 'tag', tag: 'batch' });
    expect(await tags()).toEqual(['batch', 'imported', 'q3', 'warm']);
    await trpc.prospects.bulk.mutate({ filter: {}, action: 'untag', tag: 'warm' });
    expect(await tags()).toEqual(['batch', 'imported', 'q3']);
    await trpc.prospects.bulk.mutate({ filter: { tag: 'imported' }, action: 'delete' });
    expect(await tags()).toEqual(['q3']);
    // Another workspace's tags never show.
    const other = await signedIn(t);
    await addProspect(other.client, { email: 'x@other.example', tags: ['theirs'] });
    expect(await tags()).toEqual(['q3']);
  });
});
