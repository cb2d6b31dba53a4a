import { describe, expect, it } from 'vitest';
import { detectFormat, suggestMapping } from './csv-columns.js';
import { previewCsv, readRecords, sniffDelimiter } from './csv-read.js';
import { buildPlan, toImportRow } from './csv-rows.js';
import { APOLLO_HEADERS, PHANTOMBUSTER_SEARCH_CSV, SALES_NAVIGATOR_HEADERS } from './csv-fixtures.test-data.js';
import { normaliseLinkedinUrl } from '../../shared/linkedin-url.js';

function mappingOf(headerLine: string) {
  const headers = headerLine.split(',');
  const mapping = suggestMapping(headers);
  return Object.fromEntries(headers.map((header, i) => [header, mapping[i]]));
}

describe('column mapping', () => {
  it('recognises the Sales Navigator Search Export columns', () => {
    const mapping = mappingOf(SALES_NAVIGATOR_HEADERS);
    expect(mapping).toMatchObject({
      profileUrl: 'linkedinUrl',
      linkedInProfileUrl: 'linkedinUrl',
      defaultProfileUrl: 'linkedinUrl',
      fullName: 'fullName',
      firstName: 'firstName',
      lastName: 'lastName',
      companyName: 'company',
      title: 'title',
      industry: 'industry',
      location: 'location',
      companyLocation: 'custom',
      companyUrl: 'custom',
      titleDescription: 'custom',
      vmid: 'custom',
    });
    expect(detectFormat(SALES_NAVIGATOR_HEADERS.split(','))).toBe('salesNavigator');
  });

  it('recognises Apollo columns, keeping company city/country and phones as custom fields', () => {
    const mapping = mappingOf(APOLLO_HEADERS);
    expect(mapping).toMatchObject({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Title: 'title',
      Company: 'company',
      'Company Name for Emails': 'custom',
      Email: 'email',
      'Email Status': 'custom',
      'Person Linkedin Url': 'linkedinUrl',
      'Company Linkedin Url': 'custom',
      Website: 'companyDomain',
      Industry: 'industry',
      City: 'location',
      State: 'location',
      Country: 'location',
      'Company City': 'custom',
      'First Phone': 'custom',
    });
    expect(detectFormat(APOLLO_HEADERS.split(','))).toBe('apollo');
  });

  it('recognises PhantomBuster LinkedIn Search Export (job → title) and plain headers', () => {
    const headers = PHANTOMBUSTER_SEARCH_CSV.split('\n')[0]!;
    expect(mappingOf(headers)).toMatchObject({ profileUrl: 'linkedinUrl', job: 'title', fullName: 'fullName', query: 'custom' });
    expect(detectFormat(headers.split(','))).toBe('phantombuster');
    expect(mappingOf('Email,First_Name,last name,E-mail,Prénom,tags')).toEqual({
      Email: 'email',
      First_Name: 'firstName',
      'last name': 'lastName',
      'E-mail': 'email',
      Prénom: 'firstName',
      tags: 'tags',
    });
    expect(detectFormat(['email', 'first_name'])).toBe('plain');
    expect(detectFormat(['foo', 'bar'])).toBe('unknown');
  });

  it('prefers the public profile URL over the Sales Navigator lead URL, and joins location parts', () => {
    const headers = ['profileUrl', 'linkedInProfileUrl', 'defaultProfileUrl', 'City', 'Country'];
    const plan = buildPlan(headers, undefined);
    const row = toImportRow(['https://www.linkedin.com/sales/lead/X,NAME', '', 'https://www.linkedin.com/in/Some-One/', 'Lyon', 'France'], plan);
    expect(row).toMatchObject({ ok: true, row: { linkedinUrl: 'https://www.linkedin.com/in/some-one', location: 'Lyon, France' } });
    const leadOnly = toImportRow(['https://www.linkedin.com/sales/lead/X,NAME', '', '', '', ''], plan);
    expect(leadOnly).toMatchObject({ ok: true, row: { linkedinUrl: 'https://www.linkedin.com/sales/lead/X' } });
  });

  it('refuses a mapping of the wrong length or without email nor LinkedIn column, naming the field', () => {
    expect(() => buildPlan(['email', 'name'], ['email'])).toThrow(/mapping has 1 columns but the file has 2/);
    expect(() => buildPlan(['email', 'name'], ['ignore', 'fullName'])).toThrow(/Map a column to Email or LinkedIn URL/);
  });
});

describe('LinkedIn URL normalisation', () => {
  it.each([
    ['https://www.linkedin.com/in/Jean-Dupont/', 'https://www.linkedin.com/in/jean-dupont'],
    ['http://linkedin.com/in/jean-dupont?trk=public', 'https://www.linkedin.com/in/jean-dupont'],
    ['fr.linkedin.com/in/Jean-Dupont', 'https://www.linkedin.com/in/jean-dupont'],
    ['https://www.linkedin.com/sales/lead/ACwAAB,NAME_SEARCH,x', 'https://www.linkedin.com/sales/lead/ACwAAB'],
    ['https://uk.linkedin.com/in/Jos%C3%A9-Garcia/?trk=x', 'https://www.linkedin.com/in/josé-garcia'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseLinkedinUrl(input)).toBe(expected);
  });

  it('rejects other hosts', () => {
    expect(normaliseLinkedinUrl('https://evil.example/in/x')).toBeNull();
    expect(normaliseLinkedinUrl('https://linkedin.com.evil.example/in/x')).toBeNull();
  });
});

describe('reading CSV', () => {
  it('detects ; and tab delimiters, ignoring those inside quotes', () => {
    expect(sniffDelimiter('email;name;"a,b,c"\n')).toBe(';');
    expect(sniffDelimiter('email\tname\n')).toBe('\t');
    expect(sniffDelimiter('email,name\n')).toBe(',');
  });

  it('previews a BOM + CRLF + ; file with a quoted multi-line cell, dropping a cut-off last line', async () => {
    const text = '\uFEFFEmail;Prénom;Notes\r\na@x.example;Ann;"line 1\r\nline 2"\r\nb@x.example;Bob;ok\r\nc@x.exa';
    const preview = await previewCsv(text, true);
    expect(preview).toMatchObject({
      delimiter: ';',
      headers: ['Email', 'Prénom', 'Notes'],
      mapping: ['email', 'firstName', 'custom'],
      rows: [
        ['a@x.example', 'Ann', 'line 1\r\nline 2'],
        ['b@x.example', 'Bob', 'ok'],
      ],
    });
  });

  it('numbers rows as a spreadsheet does: blank lines count (and are marked empty), multi-line cells do not, mixed line endings are fine', async () => {
    const text = 'email,name\na@x.example,1\n\n,,\r\nb@x.example,"x\r\ny"\r\nc@x.example,3\rd@x.example,4';
    const rows: { record: string[]; row: number; empty: boolean }[] = [];
    for await (const item of readRecords(text, ',', () => {})) rows.push(item);
    expect(rows.filter((row) => !row.empty).map(({ record, row }) => ({ record, row }))).toEqual([
      { record: ['email', 'name'], row: 1 },
      { record: ['a@x.example', '1'], row: 2 },
      { record: ['b@x.example', 'x\r\ny'], row: 5 },
      { record: ['c@x.example', '3'], row: 6 },
      { record: ['d@x.example', '4'], row: 7 },
    ]);
    expect(rows.filter((row) => row.empty).map((row) => row.row)).toEqual([3, 4]);
  });
});
