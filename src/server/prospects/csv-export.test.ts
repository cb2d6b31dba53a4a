import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { addProspect, importCsvText, signedIn } from './prospects.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('export', () => {
  it('exports the filtered prospects as CSV with a stable header and neutralised formulas', async () => {
    const { client } = await signedIn(t);
    await addProspect(client, { email: 'formula@example.com', firstName: '=HYPERLINK("http://evil.example","x")', company: '+33 Corp', title: '@SUM(A1)', tags: ['-x'] });
    await addProspect(client, { email: 'plain@example.com', firstName: 'Plain', company: 'Other' });
    const res = await client.request('GET', '/api/admin/prospects/export?q=formula');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="prospects.csv"');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,email,first_name,last_name,full_name,linkedin_url,title,company,company_domain,industry,location,timezone,stage,tags,source,campaign_id,campaign_name,created_at,custom_fields',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines[1]).toContain(",'+33 Corp,");
    expect(lines[1]).toContain(",'@SUM(A1),");
    expect(lines[1]).toContain(",'-x,");
    const all = await client.request('GET', '/api/admin/prospects/export');
    expect(all.text.trim().split('\n')).toHaveLength(3);
  });

  it('exports selected ids only, and re-imports its own file as duplicates', async () => {
    const { client } = await signedIn(t);
    const one = (await addProspect(client, { email: 'one@example.com', tags: ['a', 'b'] })).body;
    await addProspect(client, { email: 'two@example.com' });
    const res = await client.request('GET', `/api/admin/prospects/export?ids=${one.id}`);
    expect(res.text).toContain('one@example.com');
    expect(res.text).not.toContain('two@example.com');
    const again = await importCsvText(client, res.text);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 1, errors: [] });
  });
});
