import { describe, expect, it } from 'vitest';
import { searchExportArgument } from './launch-argument.js';
import { buildPeopleSearchUrl, checkSearchUrl, MAX_SEARCH_KEYWORDS_LENGTH } from './search-url.js';

const keywordsOf = (url: string) => new URL(url).searchParams.get('keywords');

describe('buildPeopleSearchUrl', () => {
  it('OR-joins quoted titles, AND-ed with keywords and locations', () => {
    const built = buildPeopleSearchUrl({ jobTitles: ['VP Sales', 'Head of Sales'], keywords: ['SaaS'], locations: ['Paris', 'Lyon'] });
    expect(built).toEqual({
      url: 'https://www.linkedin.com/search/results/people/?keywords=(%22VP%20Sales%22%20OR%20%22Head%20of%20Sales%22)%20AND%20%22SaaS%22%20AND%20(%22Paris%22%20OR%20%22Lyon%22)',
      keywords: '("VP Sales" OR "Head of Sales") AND "SaaS" AND ("Paris" OR "Lyon")',
      dropped: [],
    });
    expect(keywordsOf(built!.url)).toBe(built!.keywords);
  });

  it('titles alone need no parentheses; keywords alone are a search too', () => {
    expect(buildPeopleSearchUrl({ jobTitles: ['CTO', 'VP Engineering'], keywords: [], locations: [] })?.keywords).toBe('"CTO" OR "VP Engineering"');
    expect(buildPeopleSearchUrl({ jobTitles: [], keywords: ['fintech'], locations: ['Berlin'] })?.keywords).toBe('"fintech" AND "Berlin"');
  });

  it('is null with nothing to search by, or with locations only (that would list a whole city)', () => {
    expect(buildPeopleSearchUrl({ jobTitles: [], keywords: [], locations: [] })).toBeNull();
    expect(buildPeopleSearchUrl({ jobTitles: [], keywords: [], locations: ['Paris'] })).toBeNull();
    expect(buildPeopleSearchUrl({ jobTitles: ['  ', '""'], keywords: ['()'], locations: [] })).toBeNull();
  });

  it('strips quotes and parentheses from terms so a title cannot break the boolean expression; drops repeated terms', () => {
    const built = buildPeopleSearchUrl({ jobTitles: ['"Chief" (Revenue) Officer', 'CTO', 'cto'], keywords: ['AND', 'B2B OR'], locations: [] });
    expect(built?.keywords).toBe('("Chief Revenue Officer" OR "CTO") AND ("AND" OR "B2B OR")');
  });

  it('stays within the length bound by dropping the last terms of the longest list, and says which', () => {
    const titles = Array.from({ length: 40 }, (_, i) => `Director of Revenue Operations ${i}`);
    const built = buildPeopleSearchUrl({ jobTitles: titles, keywords: ['SaaS', 'B2B'], locations: ['France'] })!;
    expect(built.keywords.length).toBeLessThanOrEqual(MAX_SEARCH_KEYWORDS_LENGTH);
    expect(built.keywords).toContain('"Director of Revenue Operations 0"');
    expect(built.keywords).toContain('"SaaS" OR "B2B"');
    expect(built.keywords).toContain('"France"');
    expect(built.dropped[0]).toBe('Director of Revenue Operations 39');
    expect(built.dropped.length + (built.keywords.match(/Director/g) ?? []).length).toBe(40);
  });
});

describe('checkSearchUrl', () => {
  it('accepts LinkedIn and Sales Navigator people searches and lead lists, on any LinkedIn host', () => {
    expect(checkSearchUrl('https://fr.linkedin.com/search/results/people/?keywords=cto&geoUrn=%5B%22105015875%22%5D#x')).toEqual({
      ok: true,
      kind: 'linkedinPeopleSearch',
      url: 'https://www.linkedin.com/search/results/people/?keywords=cto&geoUrn=%5B%22105015875%22%5D',
    });
    expect(checkSearchUrl('www.linkedin.com/sales/search/people?query=(keywords%3Acto)')).toMatchObject({ ok: true, kind: 'salesNavigatorSearch' });
    expect(checkSearchUrl('https://www.linkedin.com/sales/lists/people/7123456789?sortCriteria=CREATED_TIME')).toMatchObject({ ok: true, kind: 'salesNavigatorList' });
  });

  it.each([
    ['', 'The search URL is empty'],
    ['https://evil.example/search/results/people/?keywords=x', 'The search URL must be a linkedin.com address'],
    ['https://linkedin.com@evil.example/search/results/people/?keywords=x', 'The search URL must be a linkedin.com address'],
    ['javascript:alert(1)', 'The search URL is not a valid URL'],
    ['ftp://www.linkedin.com/search/results/people/?keywords=x', 'The search URL must be a linkedin.com address'],
    ['https://www.linkedin.com/in/jane-doe', 'The search URL must be a LinkedIn people search, a Sales Navigator people search or a Sales Navigator lead list'],
    ['https://www.linkedin.com/search/results/companies/?keywords=x', 'The search URL must be a LinkedIn people search, a Sales Navigator people search or a Sales Navigator lead list'],
    ['https://www.linkedin.com/search/results/people/', 'The search URL has no search criteria (nothing after "?")'],
  ])('%s → %s', (input, reason) => {
    expect(checkSearchUrl(input)).toEqual({ ok: false, reason });
  });

  it('refuses an over-long URL', () => {
    expect(checkSearchUrl(`https://www.linkedin.com/search/results/people/?keywords=${'x'.repeat(2000)}`)).toEqual({ ok: false, reason: 'The search URL must be at most 2000 characters' });
  });
});

describe('searchExportArgument', () => {
  const url = 'https://www.linkedin.com/sales/search/people?query=x';

  it('overrides the search and count keys the agent already uses, and never copies the session cookie', () => {
    const legacy = searchExportArgument({ sessionCookie: 'li_at=secret', searches: 'old', numberOfProfiles: 100, csvName: 'result' }, url, 50);
    expect(legacy).toEqual({ ok: true, argument: { searches: url, numberOfProfiles: 50 }, searchKey: 'searches', countKeys: ['numberOfProfiles'] });
    const current = searchExportArgument(
      { identities: [{ sessionCookie: 'li_at=secret' }], inputType: 'salesNavigatorSearchUrl', salesNavigatorSearchUrl: 'old', spreadsheetUrl: 'sheet', numberOfProfiles: 10, numberOfResultsPerSearch: 10 },
      url,
      9999,
    );
    expect(current).toEqual({ ok: true, argument: { salesNavigatorSearchUrl: url, numberOfProfiles: 2500, numberOfResultsPerSearch: 2500 }, searchKey: 'salesNavigatorSearchUrl', countKeys: ['numberOfProfiles', 'numberOfResultsPerSearch'] });
    expect(JSON.stringify(current)).not.toContain('secret');
  });

  it('refuses an agent without settings or without a search field instead of guessing', () => {
    expect(searchExportArgument(null, url, 10)).toMatchObject({ ok: false, reason: expect.stringMatching(/no saved settings/) });
    expect(searchExportArgument({ sessionCookie: 'x', profileUrls: 'y' }, url, 10)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not look like a LinkedIn or Sales Navigator Search Export/) });
  });
});
