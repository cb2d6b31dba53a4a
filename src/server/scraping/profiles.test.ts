import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { generateLinkedinSearchProfiles, generateSalesNavigatorProfiles, type ProfileRow } from '../../../tests/fakes/linkedin-profiles.js';
import { normaliseLinkedinUrl } from '../../shared/linkedin-url.js';
import { MAX_REPORTED_REJECTIONS, parsePhantomBusterResult, parseProfileCsv, parseProfileRecords, profileToImportRow, toScrapedProfile } from './profiles.js';

function toCsv(rows: ProfileRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return stringify(rows, { header: true, columns });
}

describe('parseProfileRecords: Sales Navigator Search Export', () => {
  const rows = generateSalesNavigatorProfiles(50, { duplicates: 10 });
  const parsed = parseProfileRecords(rows);

  it('50 people listed 60 times → 50 profiles, 10 duplicates (URL variants folded), none rejected', () => {
    expect(parsed).toMatchObject({ total: 60, duplicates: 10, rejectedCount: 0, ignored: 0 });
    expect(parsed.profiles).toHaveLength(50);
    expect(new Set(parsed.profiles.map((profile) => profile.linkedinUrl)).size).toBe(50);
  });

  it('takes the public /in/ URL over the Sales Navigator lead URL, and keeps the lead', () => {
    const first = parsed.profiles[0]!;
    const row = rows[0]!;
    expect(first.linkedinUrl).toBe(normaliseLinkedinUrl(String(row.defaultProfileUrl)));
    expect(first.linkedinUrl).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[^/?#]+$/);
    expect(first.salesNavigatorUrl).toBe(`https://www.linkedin.com/sales/lead/${row.vmid}`);
    // Row 3 has the member-id form in linkedInProfileUrl: the vanity URL (defaultProfileUrl) still wins.
    expect(String(rows[3]!.linkedInProfileUrl)).toMatch(/\/in\/ACwAA/);
    expect(parsed.profiles[3]!.linkedinUrl).toBe(normaliseLinkedinUrl(String(rows[3]!.defaultProfileUrl)));
  });

  it('maps the fields a user sees: names, title, company, its website domain (not LinkedIn pages), industry, location, summary', () => {
    for (const [index, profile] of parsed.profiles.entries()) {
      const row = rows[index]!;
      expect(profile.firstName).toBe(row.firstName);
      expect(profile.lastName).toBe(row.lastName);
      expect(profile.fullName).toBe(row.fullName);
      expect(profile.title).toBe(row.title);
      expect(profile.company).toBe(row.companyName);
      expect(profile.industry).toBe(row.industry);
      expect(profile.location).toBe(row.location);
      expect(profile.summary).toBe(row.summary === '' ? null : row.summary);
      const website = row.website === undefined ? null : String(row.website);
      if (website === null || website.includes('linkedin.com')) expect(profile.companyDomain).toBeNull();
      else expect(profile.companyDomain).toBe(new URL(website.startsWith('http') ? website : `https://${website}`).hostname.replace(/^www\./, ''));
      expect(profile.email).toBeNull();
    }
    expect(parsed.profiles.some((profile) => profile.companyDomain === 'acme-analytics.io')).toBe(true);
    // The summary's paragraphs survive.
    expect(parsed.profiles.some((profile) => profile.summary?.includes('\n'))).toBe(true);
  });

  it('reads the same people from the result.csv as from the result object', () => {
    const fromCsv = parseProfileCsv(toCsv(rows));
    expect(fromCsv.profiles).toEqual(parsed.profiles);
    expect(fromCsv).toMatchObject({ total: 60, duplicates: 10, rejectedCount: 0 });
    expect(parsePhantomBusterResult({ source: 'csv', csv: toCsv(rows) }).profiles).toHaveLength(50);
    expect(parsePhantomBusterResult({ source: 'resultObject', data: rows }).profiles).toEqual(parsed.profiles);
  });

  it('becomes the CSV import row shape, the summary and the lead URL as custom fields', () => {
    const row = profileToImportRow(parsed.profiles[0]!);
    expect(row).toMatchObject({ linkedinUrl: parsed.profiles[0]!.linkedinUrl, title: rows[0]!.title, timezone: null, tags: [] });
    expect(row.customFields.salesNavigatorUrl).toBe(parsed.profiles[0]!.salesNavigatorUrl);
    const withSummary = parsed.profiles.find((profile) => profile.summary)!;
    expect(profileToImportRow(withSummary).customFields.summary).toBe(withSummary.summary);
  });
});

describe('parseProfileRecords: LinkedIn Search Export', () => {
  it('reads the URL from profileUrl, the title from job, the company from company, and emails when present', () => {
    const rows = generateLinkedinSearchProfiles(20, { duplicates: 5, emailEvery: 4 });
    const parsed = parseProfileRecords(rows);
    expect(parsed).toMatchObject({ total: 25, duplicates: 5, rejectedCount: 0 });
    const first = parsed.profiles[0]!;
    expect(first).toMatchObject({ linkedinUrl: normaliseLinkedinUrl(String(rows[0]!.profileUrl)), salesNavigatorUrl: null, title: rows[0]!.job, company: rows[0]!.company });
    expect(first.email).toBe(String(rows[0]!.email));
    expect(first.key).toBe(`email:${String(rows[0]!.email)}`);
    expect(parsed.profiles.filter((profile) => profile.email)).toHaveLength(5);
  });
});

describe('parseProfileRecords: bad rows and traps', () => {
  const good = { profileUrl: 'https://www.linkedin.com/in/jane-doe', firstName: 'Jane', lastName: 'Doe' };

  it('reports each bad row with its reason and keeps the good ones', () => {
    const parsed = parseProfileRecords([
      good,
      null,
      'https://www.linkedin.com/in/a-string',
      ['array'],
      { fullName: 'No Url' },
      { profileUrl: 'https://evil.example/in/x', fullName: 'Elsewhere' },
      { profileUrl: 'https://www.linkedin.com/company/acme', fullName: 'Company Page' },
      { query: 'https://www.linkedin.com/search/results/people/?keywords=x', error: 'No result found', timestamp: '2026-03-02' },
      { email: 'only.email@acme.io', fullName: 'Email Only' },
    ]);
    expect(parsed.rejected).toEqual([
      { index: 1, reason: 'is not an object' },
      { index: 2, reason: 'is not an object' },
      { index: 3, reason: 'is not an object' },
      { index: 4, reason: 'No LinkedIn profile URL and no email' },
      { index: 5, reason: 'No LinkedIn profile URL (profileUrl is not a linkedin.com address)' },
      { index: 6, reason: 'No LinkedIn profile URL (profileUrl is not a LinkedIn profile (https://www.linkedin.com/company/acme))' },
      { index: 7, reason: 'PhantomBuster: No result found' },
    ]);
    expect(parsed.profiles.map((profile) => profile.index)).toEqual([0, 8]);
    expect(parsed.profiles[1]).toMatchObject({ email: 'only.email@acme.io', linkedinUrl: null, firstName: 'Email', lastName: 'Only' });
  });

  it('a result that is not a list is one rejection, not an exception', () => {
    expect(parseProfileRecords({ profiles: [] })).toMatchObject({ profiles: [], rejectedCount: 1, rejected: [{ reason: 'The result is not a list of profiles' }] });
    expect(parseProfileRecords(null).rejectedCount).toBe(1);
  });

  it('bounds lengths, strips NUL and control characters, drops an invalid email but keeps the person', () => {
    const outcome = toScrapedProfile({
      ...good,
      title: `Head of ${'Sales '.repeat(100)}`,
      companyName: 'Acme\u0000 Corp\u0007',
      summary: `Line one\r\n\r\n\r\n\r\nLine two\u0000${'x'.repeat(3000)}`,
      email: 'not-an-email',
      firstName: 'Jane 🚀',
      lastName: 'Doe, MBA, PhD',
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    const { profile } = outcome;
    expect(profile.title!.length).toBeLessThanOrEqual(300);
    expect(profile.company).toBe('Acme Corp');
    expect(profile.summary!.startsWith('Line one\n\nLine two x')).toBe(true);
    expect(profile.summary!.length).toBeLessThanOrEqual(2000);
    expect(profile.email).toBeNull();
    expect(profile).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
  });

  it('derives first and last name from a full name with credentials; "Smith, John" is not a credential', () => {
    const derive = (fullName: string) => {
      const outcome = toScrapedProfile({ profileUrl: 'https://www.linkedin.com/in/x-y', fullName });
      if (!outcome.ok) throw new Error(outcome.reason);
      return [outcome.profile.firstName, outcome.profile.lastName, outcome.profile.fullName];
    };
    expect(derive('Marie-Claire van der Berg, PhD ✨')).toEqual(['Marie-Claire', 'van der Berg', 'Marie-Claire van der Berg, PhD ✨']);
    expect(derive('Cher')).toEqual(['Cher', null, 'Cher']);
    expect(derive('John Smith, Jr.')).toEqual(['John', 'Smith', 'John Smith, Jr.']);
  });

  it('a second listing fills what the first lacked, and identities already held elsewhere stay there', () => {
    const parsed = parseProfileRecords([
      { profileUrl: 'https://www.linkedin.com/in/jane-doe', firstName: 'Jane' },
      { profileUrl: 'https://www.linkedin.com/in/bob', email: 'bob@acme.io' },
      { profileUrl: 'https://fr.linkedin.com/in/Jane-Doe/?trk=x', email: 'jane@acme.io', title: 'CTO' },
      { profileUrl: 'https://www.linkedin.com/in/jane-doe/', email: 'bob@acme.io' },
    ]);
    expect(parsed.duplicates).toBe(2);
    expect(parsed.profiles).toHaveLength(2);
    expect(parsed.profiles[0]).toMatchObject({ email: 'jane@acme.io', title: 'CTO', firstName: 'Jane' });
    expect(parsed.profiles[1]).toMatchObject({ email: 'bob@acme.io', linkedinUrl: 'https://www.linkedin.com/in/bob' });
  });

  it('reports at most 100 rejections but counts them all', () => {
    const parsed = parseProfileRecords([...Array.from({ length: 150 }, () => ({ fullName: 'x' })), good]);
    expect(parsed.rejected).toHaveLength(MAX_REPORTED_REJECTIONS);
    expect(parsed.rejectedCount).toBe(150);
    expect(parsed.profiles).toHaveLength(1);
  });

  it('reads a semicolon CSV with a BOM and CRLF, as spreadsheets re-save it', () => {
    const csv = '\ufeffprofileUrl;fullName;job\r\nhttps://www.linkedin.com/in/jane-doe;Jane Doe;CTO\r\n;Nobody;\r\n';
    const parsed = parseProfileCsv(csv);
    expect(parsed.profiles).toEqual([expect.objectContaining({ linkedinUrl: 'https://www.linkedin.com/in/jane-doe', title: 'CTO', firstName: 'Jane' })]);
    expect(parsed.rejected).toEqual([{ index: 1, reason: 'No LinkedIn profile URL and no email' }]);
  });
});
