import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { prospectImports, prospects } from '../db/schema/index.js';
import { APOLLO_CSV, PHANTOMBUSTER_SEARCH_CSV, PLAIN_CSV, SALES_NAVIGATOR_CSV } from './csv-fixtures.test-data.js';
import { enqueue } from '../jobs/queue.js';
import { IMPORT_BATCH_SIZE } from './csv-import-run.js';
import { WAIT_FOR_ROWS } from './csv-import.js';
import { importsSweepJob } from './jobs.js';
import { createCampaign, eventsOf, importCsvText, signedIn, type ImportJson, type ListJson, type ProspectJson } from './prospects.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  // A small upload limit, so the 413 test sends 1 MiB rather than 50.
  t = await startTestApp({ MAX_UPLOAD_BYTES: String(1024 * 1024) });
});
afterAll(() => t.stop());

async function listAll(client: Awaited<ReturnType<typeof signedIn>>['client']): Promise<ProspectJson[]> {
  return (await client.request<ListJson>('GET', '/api/admin/prospects?limit=200&sort=name&order=asc')).body.items;
}

describe('CSV import', () => {
  it('imports the good rows, reports bad ones by row number, and counts duplicates in the file and in the workspace', async () => {
    const { client, workspaceId } = await signedIn(t);
    await client.request('POST', '/api/admin/prospects', { json: { email: 'existing@example.com' } });
    const csv = [
      'email,first_name,last_name,company,linkedin_url,title',
      'ok1@example.com,Ok,One,Acme,,CEO', // row 2
      'not-an-email,Bad,Email,Acme,,', // row 3
      ',No,Contact,Acme,,', // row 4
      'EXISTING@example.com,Already,There,Acme,,', // row 5: in the workspace
      'ok1@example.com,Ok,Again,Acme,,', // row 6: earlier in the file
      `long@example.com,Long,Title,Acme,,${'x'.repeat(301)}`, // row 7
      ',Li,Only,Acme,https://www.linkedin.com/in/li-only/,', // row 8
      ',Li,Again,Acme,linkedin.com/in/LI-ONLY,', // row 9: same profile
      ',Bad,Url,Acme,https://example.com/in/x,', // row 10
      ',,,,,', // row 11: an empty row (Excel leaves them): counted as skipped
      'shifted@example.com,Shift,Ed,Acme, Inc,,CEO', // row 12: an unquoted comma shifts the columns
      'trailing@example.com,Trail,Ing,Acme,,CEO,,', // row 13: empty trailing cells are fine
    ].join('\n');
    const res = await importCsvText(client, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      totalRows: 12,
      imported: 3,
      duplicates: 3,
      skipped: 1,
      errorCount: 5,
      errors: [
        { row: 3, message: 'Email is not a valid address' },
        { row: 4, message: 'No email and no LinkedIn URL' },
        { row: 7, message: 'Title must be at most 300 characters' },
        { row: 10, message: 'LinkedIn URL must be a linkedin.com address' },
        { row: 11, code: 'row.empty', message: 'Empty row: skipped' },
        { row: 12, message: 'The row has 7 values but the header has 6 columns (a delimiter in an unquoted value?)' },
      ],
    });
    const emails = (await listAll(client)).map((p) => p.email ?? p.linkedinUrl);
    expect(emails.sort()).toEqual(['existing@example.com', 'https://www.linkedin.com/in/li-only', 'ok1@example.com', 'trailing@example.com']);
    const types = (await eventsOf(t, workspaceId)).filter((e) => e.type === 'prospects.imported');
    expect(types).toHaveLength(1);
    expect(types[0]!.data).toMatchObject({ importId: res.body.importId, status: 'completed', imported: 3, duplicates: 3, skipped: 1, errorCount: 5, totalRows: 12 });
  });

  it('reports a row with a NUL character as that row’s error and imports the others', async () => {
    const { client } = await signedIn(t);
    const csv = 'email,first_name,notes\nfine@example.com,Fine,ok\nnul@example.com,N\u0000ul,ok\nnote@example.com,Note,a\u0000b\n';
    const res = await importCsvText(client, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      imported: 1,
      errors: [
        { row: 3, message: 'First name must not contain a NUL character' },
        { row: 4, message: 'Column "notes" must not contain a NUL character' },
      ],
    });
  });

  it('reads Sales Navigator exports: public profile URL first, lead URL by its lead id, extra columns as custom fields', async () => {
    const { client } = await signedIn(t);
    const res = await importCsvText(client, SALES_NAVIGATOR_CSV);
    expect(res.body).toMatchObject({ imported: 3, duplicates: 0, errors: [] });
    const [chloe, jeanne, paul] = await listAll(client);
    expect(jeanne).toMatchObject({
      email: null,
      firstName: 'Jeanne',
      lastName: 'Martin',
      fullName: 'Jeanne Martin',
      company: 'Acme SAS',
      title: 'Head of Sales',
      industry: 'Software',
      location: 'Lyon, Auvergne-Rhône-Alpes, France',
      linkedinUrl: 'https://www.linkedin.com/in/jeanne-martin-42',
      source: 'csv',
    });
    expect(jeanne!.customFields).toMatchObject({ companyLocation: 'Paris, France', summary: 'Builds things, ships them', vmid: 'ACwAAA', connectionDegree: '2nd' });
    expect(paul!.linkedinUrl).toBe('https://www.linkedin.com/in/paul-durand');
    expect(chloe!.linkedinUrl).toBe('https://www.linkedin.com/sales/lead/ACwCCC3');
  });

  it('reads PhantomBuster LinkedIn Search exports (job → title)', async () => {
    const { client } = await signedIn(t);
    const res = await importCsvText(client, PHANTOMBUSTER_SEARCH_CSV);
    expect(res.body).toMatchObject({ imported: 2, errors: [] });
    const [alice] = await listAll(client);
    expect(alice).toMatchObject({ firstName: 'Alice', title: 'Founder at Hooli', location: 'Berlin', linkedinUrl: 'https://www.linkedin.com/in/alice-b' });
    expect(alice!.customFields).toMatchObject({ connectionDegree: '2nd', sharedConnections: '4' });
  });

  it('reads Apollo exports: email lower-cased, website → domain, city/state/country joined', async () => {
    const { client } = await signedIn(t);
    const res = await importCsvText(client, APOLLO_CSV);
    expect(res.body).toMatchObject({ imported: 2, errors: [] });
    const [marc, sara] = await listAll(client);
    expect(marc).toMatchObject({
      email: 'marc.leroy@umbrella.example',
      title: 'Directeur Commercial',
      company: 'Umbrella',
      companyDomain: 'umbrella.example',
      industry: 'Biotech',
      location: 'Bordeaux, Nouvelle-Aquitaine, France',
      linkedinUrl: 'https://www.linkedin.com/in/marcleroy',
    });
    expect(marc!.customFields).toMatchObject({ 'Email Status': 'Verified', 'First Phone': '+33 1 23 45 67 89', Technologies: 'Salesforce, HubSpot', 'Company City': 'Bordeaux' });
    expect(sara).toMatchObject({ location: 'Madrid, Spain', linkedinUrl: null, companyDomain: 'wayne.example' });
  });

  it('reads plain files with tags, and keeps unknown columns as custom fields', async () => {
    const { client } = await signedIn(t);
    const res = await importCsvText(client, PLAIN_CSV);
    expect(res.body).toMatchObject({ imported: 2, errors: [] });
    const [ann] = await listAll(client);
    expect(ann).toMatchObject({ email: 'ann@plain.example', tags: ['vip', 'q3'], customFields: { favourite_colour: 'green' } });
  });

  it('handles a BOM, ; delimiters, CRLF and quoted fields with newlines; a full name alone gives a first name', async () => {
    const { client } = await signedIn(t);
    const csv = '\uFEFFE-mail;Nom complet;Notes\r\nclaire@example.com;Claire de Lune;"Met at VivaTech\r\nwants a demo"\r\nhugo@example.com;Hugo;"He said ""hi"""\r\n';
    const res = await importCsvText(client, csv);
    expect(res.body).toMatchObject({ imported: 2, errors: [] });
    const [claire, hugo] = await listAll(client);
    expect(claire).toMatchObject({ fullName: 'Claire de Lune', firstName: 'Claire', lastName: 'de Lune', customFields: { Notes: 'Met at VivaTech\r\nwants a demo' } });
    expect(hugo!.customFields).toEqual({ Notes: 'He said "hi"' });
  });

  it('applies a corrected mapping (query string or tRPC) and refuses one of the wrong length', async () => {
    const { client } = await signedIn(t);
    const csv = 'mail,who,secret\nm@example.com,Mia,s3cret\n';
    const res = await importCsvText(client, csv, '?mapping=email,firstName,ignore');
    expect(res.body.imported).toBe(1);
    const [mia] = await listAll(client);
    expect(mia).toMatchObject({ firstName: 'Mia', customFields: {} });
    const viaTrpc = await client.trpc().prospects.import.mutate({ body: 'x,y\nn@example.com,Ned\n', mapping: ['email', 'fullName'] });
    expect(viaTrpc).toMatchObject({ status: 'completed', imported: 1 });
    const wrong = await importCsvText(client, csv, '?mapping=email');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues).toEqual([{ path: ['mapping'], message: 'The mapping has 1 columns but the file has 3', code: 'custom', params: { rule: 'import.mapping' } }]);
    expect(wrong.body.error).toMatchObject({ reason: 'import.mapping_length', params: { mappingColumns: 1, fileColumns: 3 } });
    const noContact = await importCsvText(client, 'name\nBob\n');
    expect(noContact.body.error.message).toBe('Map a column to Email or LinkedIn URL');
  });

  it('puts imported prospects in a campaign of the workspace; another workspace’s campaign is 404', async () => {
    const a = await signedIn(t);
    const b = await signedIn(t);
    const mine = await createCampaign(t, a.workspaceId, 'Imported');
    const theirs = await createCampaign(t, b.workspaceId, 'Theirs');
    const ok = await importCsvText(a.client, PLAIN_CSV, `?campaignId=${mine}`);
    expect(ok.body.imported).toBe(2);
    expect((await listAll(a.client)).every((p) => p.campaignId === mine)).toBe(true);
    const refused = await importCsvText(a.client, 'email\nx@example.com\n', `?campaignId=${theirs}`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe('Campaign not found');
    expect((await listAll(a.client)).map((p) => p.email)).not.toContain('x@example.com');
  });

  it('refuses an empty body (400), a non-CSV content type (415) and a body over MAX_UPLOAD_BYTES (413)', async () => {
    const { client } = await signedIn(t);
    expect((await importCsvText(client, '\uFEFF  \n')).body.error.message).toBe('The file is empty');
    const json = await client.request('POST', '/api/admin/prospects/import', { json: { body: 'email' } });
    expect(json.status).toBe(415);
    const big = await importCsvText(client, `email\n${'a'.repeat(t.config.maxUploadBytes)}`);
    expect(big.status).toBe(413);
  });

  it('previews the beginning of a file and reports import progress by id', async () => {
    const { client } = await signedIn(t);
    const other = await signedIn(t);
    const trpc = client.trpc();
    const preview = await trpc.prospects.previewImport.mutate({ text: APOLLO_CSV.slice(0, 700), truncated: true });
    expect(preview).toMatchObject({ format: 'apollo', delimiter: ',' });
    expect(preview.headers).toHaveLength(26);
    expect(preview.rows).toHaveLength(1);
    const importId = crypto.randomUUID();
    const res = await importCsvText(client, PLAIN_CSV, `?importId=${importId}&fileName=plain.csv`);
    expect(res.body.importId).toBe(importId);
    expect(await trpc.prospects.importStatus.query({ id: importId })).toMatchObject({
      status: 'completed',
      totalRows: 2,
      processedRows: 2,
      imported: 2,
      fileName: 'plain.csv',
      errorCount: 0,
    });
    await expect(other.client.trpc().prospects.importStatus.query({ id: importId })).rejects.toThrow('Import not found');
    expect((await importCsvText(client, PLAIN_CSV, `?importId=${importId}`)).status).toBe(409);
  });
});

describe('CSV import in batches, as a job', () => {
  const header = 'email,first_name,company';
  const fileOf = (total: number, prefix: string) => [header, ...Array.from({ length: total }, (_, i) => `${prefix}${i}@example.com,First${i},Co${i % 7}`)].join('\n');
  const importRow = (workspaceId: string, importId: string) =>
    t.database.withWorkspace(workspaceId, async (db) => (await db.select().from(prospectImports).where(eq(prospectImports.id, importId)))[0]!);

  it('answers a large file with its id at once; a failed attempt leaves whole batches and the retry resumes after them', async () => {
    const { client, workspaceId } = await signedIn(t);
    const total = IMPORT_BATCH_SIZE * 2 + 10;
    // The database refuses one row of the second batch, once: a real failure half-way through the file.
    const poison = IMPORT_BATCH_SIZE + 5;
    await t.database.asSystem(async (db) => {
      await db.execute(sql.raw(`create or replace function refuse_poison() returns trigger language plpgsql as $$
        begin if new.email = 'batch${poison}@example.com' then raise exception 'disk on fire'; end if; return new; end $$`));
      await db.execute(sql.raw('create trigger refuse_poison before insert on prospects for each row execute function refuse_poison()'));
    });
    let importId: string;
    try {
      const res = await importCsvText(client, fileOf(total, 'batch'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ importId: expect.any(String), status: 'running' });
      importId = res.body.importId;
      await t.app.jobs.drain();
    } finally {
      await t.database.asSystem((db) => db.execute(sql.raw('drop trigger refuse_poison on prospects')));
    }
    expect(await importRow(workspaceId, importId)).toMatchObject({ status: 'running', processedRows: IMPORT_BATCH_SIZE, imported: IMPORT_BATCH_SIZE });
    expect(await t.database.withWorkspace(workspaceId, (db) => db.$count(prospects))).toBe(IMPORT_BATCH_SIZE);

    // The retry's backoff has passed: it resumes after the committed batch, so nothing counts as a duplicate.
    await t.database.asSystem((db) => db.execute(sql`update jobs set run_at = now() where payload->>'importId' = ${importId}`));
    await t.app.jobs.drain();
    const status = await client.request<ImportJson>('GET', `/api/admin/prospects/imports/${importId}`);
    expect(status.body).toMatchObject({ status: 'completed', processedRows: total, imported: total, duplicates: 0, errorCount: 0 });
    expect(await t.database.withWorkspace(workspaceId, (db) => db.$count(prospects))).toBe(total);
    const events = (await eventsOf(t, workspaceId)).filter((e) => e.type === 'import.progress' && e.data.importId === importId);
    expect(events.map((e) => e.data.processedRows)).toEqual([IMPORT_BATCH_SIZE, IMPORT_BATCH_SIZE * 2, total]);
  });

  it('marks an import failed, with its counts, when its job fails for good; maintenance fails one whose job is gone', async () => {
    const { client, workspaceId } = await signedIn(t);
    const res = await importCsvText(client, fileOf(WAIT_FOR_ROWS + 1, 'gone'));
    const importId = res.body.importId;
    // Its worker died on the last attempt, and the job was cleaned away: nothing will ever run it.
    await t.database.asSystem((db) => db.execute(sql`delete from jobs where payload->>'importId' = ${importId}`));
    await t.database.asSystem((db) => db.execute(sql`update prospect_imports set created_at = now() - interval '5 minutes' where id = ${importId}`));
    await t.app.jobs.drain();
    expect(await importRow(workspaceId, importId)).toMatchObject({ status: 'running' });
    await t.database.asSystem((db) => enqueue(db, importsSweepJob, {}));
    await t.app.jobs.drain();
    const status = await client.request<ImportJson>('GET', `/api/admin/prospects/imports/${importId}`);
    expect(status.body).toMatchObject({ status: 'failed', processedRows: 0, imported: 0 });
    expect(status.body).toHaveProperty('finishedAt', expect.any(String));
    const ended = (await eventsOf(t, workspaceId)).filter((e) => e.type === 'prospects.imported' && e.data.importId === importId);
    expect(ended.map((e) => e.data.status)).toEqual(['failed']);
  });
});
