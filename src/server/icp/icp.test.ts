import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeDomain } from '../../shared/icp-rules.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { joinWorkspace } from '../../../tests/helpers/members.js';

type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };
type Icp = Record<string, string[]> & { updatedAt: string | null };

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  await admin.signUp();
});
afterAll(() => t.stop());

describe('ICP REST API', () => {
  it('starts empty', async () => {
    const res = await admin.request<Icp>('GET', '/api/admin/settings/icp');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ industries: [], jobTitles: [], seniorities: [], companySizes: [], excludedDomains: [], excludedCompanies: [] });
  });

  it('saves with the documented body names, trimming, de-duplicating and normalising domains', async () => {
    const res = await admin.request<Icp>('PUT', '/api/admin/settings/icp', {
      json: {
        industries: [' Software ', 'software', 'Logistics', ''],
        jobTitles: ['Head of Sales', 'VP Sales'],
        seniorities: ['vp', 'director', 'vp'],
        companySizes: ['51-200', '11-50'],
        locations: ['France', 'Belgium'],
        technologies: ['HubSpot'],
        keywords: ['outbound'],
        excludedDomains: ['https://www.Competitor.com/pricing?x=1', 'bob@partner.io', 'competitor.com', 'exämple.fr'],
        excludedCompanies: ['Competitor Inc'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      industries: ['Software', 'Logistics'],
      seniorities: ['vp', 'director'],
      companySizes: ['11-50', '51-200'],
      excludedDomains: ['competitor.com', 'partner.io', 'xn--exmple-cua.fr'],
      excludedCompanies: ['Competitor Inc'],
    });
    const again = await admin.request<Icp>('GET', '/api/admin/settings/icp');
    expect(again.body.jobTitles).toEqual(['Head of Sales', 'VP Sales']);
    expect(again.body.updatedAt).not.toBeNull();
  });

  it('keeps the fields left out and clears a field sent as []', async () => {
    await admin.request('PUT', '/api/admin/settings/icp', { json: { keywords: [] } });
    const res = await admin.request<Icp>('GET', '/api/admin/settings/icp');
    expect(res.body.keywords).toEqual([]);
    expect(res.body.industries).toEqual(['Software', 'Logistics']);
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ excludedDomains: ['acme.com', 'not a domain'] }, ['excludedDomains', 1]],
      [{ excludedDomains: ['localhost'] }, ['excludedDomains', 0]],
      [{ industries: ['x'.repeat(101)] }, ['industries', 0]],
      [{ industries: Array.from({ length: 101 }, (_, i) => `industry ${i}`) }, ['industries']],
      [{ seniorities: ['boss'] }, ['seniorities', 0]],
      [{ companySizes: ['10-20'] }, ['companySizes', 0]],
      [{ jobTitles: 'Head of Sales' }, ['jobTitles']],
    ];
    for (const [json, path] of cases) {
      const res = await admin.request<ErrorBody>('PUT', '/api/admin/settings/icp', { json });
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(400);
      expect(res.body.error.issues?.[0]?.path).toEqual(path);
    }
    const domainError = await admin.request<ErrorBody>('PUT', '/api/admin/settings/icp', { json: { excludedDomains: ['not a domain'] } });
    expect(domainError.body.error.issues?.[0]?.message).toBe('“not a domain” is not a valid domain (e.g. acme.com)');
    expect((await admin.request<Icp>('GET', '/api/admin/settings/icp')).body.excludedDomains).toEqual(['competitor.com', 'partner.io', 'xn--exmple-cua.fr']);
  });

  it('accepts 100 items after de-duplication', async () => {
    const items = Array.from({ length: 100 }, (_, i) => `Keyword ${i}`);
    const res = await admin.request<Icp>('PUT', '/api/admin/settings/icp', { json: { keywords: [...items, 'keyword 5', 'KEYWORD 7'] } });
    expect(res.status).toBe(200);
    expect(res.body.keywords).toHaveLength(100);
  });

  it('needs a session (401); members can read but not save (403)', async () => {
    expect((await t.client().request('GET', '/api/admin/settings/icp')).status).toBe(401);
    expect((await t.client().request('PUT', '/api/admin/settings/icp', { json: {} })).status).toBe(401);
    const { client: member } = await joinWorkspace(t, admin, 'member');
    expect((await member.request<Icp>('GET', '/api/admin/settings/icp')).body.industries).toEqual(['Software', 'Logistics']);
    expect((await member.request('PUT', '/api/admin/settings/icp', { json: { industries: [] } })).status).toBe(403);
  });

  it('keeps each workspace’s ICP to itself', async () => {
    const other = t.client();
    await other.signUp();
    expect((await other.request<Icp>('GET', '/api/admin/settings/icp')).body.industries).toEqual([]);
  });
});

describe('normalizeDomain', () => {
  it('reduces what people paste to a host name', () => {
    expect(normalizeDomain('  ACME.com. ')).toBe('acme.com');
    expect(normalizeDomain('http://shop.acme.co.uk:8080/x')).toBe('shop.acme.co.uk');
    expect(normalizeDomain('@acme.com')).toBe('acme.com');
    expect(normalizeDomain('acme')).toBeNull();
    expect(normalizeDomain('acme..com')).toBeNull();
    expect(normalizeDomain('-acme.com')).toBeNull();
    expect(normalizeDomain('acme.c0m')).toBeNull();
    expect(normalizeDomain('')).toBeNull();
  });
});
