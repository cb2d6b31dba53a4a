import { describe, expect, it } from 'vitest';
import { normaliseLinkedinUrl, parseLinkedinUrl } from './linkedin-url.js';

const CANONICAL = 'https://www.linkedin.com/in/jane-doe';

describe('parseLinkedinUrl: public profiles', () => {
  it.each([
    'https://www.linkedin.com/in/jane-doe',
    'https://www.linkedin.com/in/jane-doe/',
    'http://www.linkedin.com/in/jane-doe',
    'https://linkedin.com/in/jane-doe',
    'linkedin.com/in/jane-doe',
    'www.linkedin.com/in/jane-doe/',
    '//www.linkedin.com/in/jane-doe',
    '  https://www.linkedin.com/in/jane-doe  ',
    'HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE/',
    'https://www.LinkedIn.com/in/Jane-Doe',
    'https://fr.linkedin.com/in/jane-doe',
    'https://uk.linkedin.com/in/jane-doe/',
    'https://de.linkedin.com/in/jane-doe?originalSubdomain=de',
    'https://m.linkedin.com/in/jane-doe',
    'https://www.linkedin.com/in/jane-doe?trk=public_profile_browsemap&utm_source=x',
    'https://www.linkedin.com/in/jane-doe#experience',
    'https://www.linkedin.com/in/jane-doe/?locale=fr_FR#about',
    'https://www.linkedin.com/in/jane-doe/details/experience/',
    'https://www.linkedin.com/in/jane-doe/en',
    'https://www.linkedin.com./in/jane-doe',
    'https://www.linkedin.com:443/in/jane-doe',
    'https://www.linkedin.com//in//jane-doe//',
  ])('%s → the canonical profile URL', (input) => {
    expect(parseLinkedinUrl(input)).toEqual({ ok: true, kind: 'profile', url: CANONICAL, slug: 'jane-doe', vanity: true });
  });

  it('keeps the case of member-id profile URLs (/in/ACoAA…), which LinkedIn treats as case-sensitive', () => {
    expect(parseLinkedinUrl('https://fr.linkedin.com/in/ACoAAB1cDEBx9YzQwErTy12/?trk=x')).toEqual({
      ok: true,
      kind: 'profile',
      url: 'https://www.linkedin.com/in/ACoAAB1cDEBx9YzQwErTy12',
      slug: 'ACoAAB1cDEBx9YzQwErTy12',
      vanity: false,
    });
    // A vanity name that merely starts with "ac" is lower-cased as usual.
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/Ac-Milan-Fan')).toBe('https://www.linkedin.com/in/ac-milan-fan');
  });

  it('decodes a percent-encoded slug, so the encoded and the typed spelling are one person', () => {
    const encoded = parseLinkedinUrl('https://fr.linkedin.com/in/Jos%C3%A9-Garc%C3%ADa-42/');
    const typed = parseLinkedinUrl('https://www.linkedin.com/in/josé-garcía-42');
    expect(encoded).toEqual({ ok: true, kind: 'profile', url: 'https://www.linkedin.com/in/josé-garcía-42', slug: 'josé-garcía-42', vanity: true });
    expect(typed).toEqual(encoded);
    // Decomposed accents (e + combining acute) fold to the composed form too.
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/jose\u0301-garci\u0301a-42')).toBe('https://www.linkedin.com/in/josé-garcía-42');
  });

  it('keeps a malformed encoding as written (lower-cased) instead of failing', () => {
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/Jane%ZZDoe')).toBe('https://www.linkedin.com/in/jane%zzdoe');
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/jane%E0%A4')).toBe('https://www.linkedin.com/in/jane%e0%a4');
  });

  it('never decodes into a path, query or fragment separator', () => {
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/jane%2Fadmin')).toBe('https://www.linkedin.com/in/jane%2fadmin');
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/jane%3Fx%3D1')).toBe('https://www.linkedin.com/in/jane%3fx%3d1');
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/jane%23top')).toBe('https://www.linkedin.com/in/jane%23top');
    expect(normaliseLinkedinUrl('https://www.linkedin.com/in/jane%2520doe')).toBe('https://www.linkedin.com/in/jane%2520doe');
  });

  it('is idempotent: a canonical URL normalises to itself', () => {
    for (const input of ['https://fr.linkedin.com/in/Jos%C3%A9/', 'linkedin.com/in/Jane%ZZ', 'https://www.linkedin.com/sales/lead/ACwAAB12,NAME_SEARCH,x', 'https://www.linkedin.com/company/Acme/']) {
      const once = normaliseLinkedinUrl(input);
      expect(once, input).not.toBeNull();
      expect(normaliseLinkedinUrl(once!), input).toBe(once);
    }
  });
});

describe('parseLinkedinUrl: Sales Navigator and other pages', () => {
  it('recognises lead and people URLs as Sales Navigator, keeping the case-sensitive id and dropping the search context', () => {
    const expected = { ok: true, kind: 'salesNavigator', url: 'https://www.linkedin.com/sales/lead/ACwAAAB1cDEBx9Yz', leadId: 'ACwAAAB1cDEBx9Yz' };
    expect(parseLinkedinUrl('https://www.linkedin.com/sales/lead/ACwAAAB1cDEBx9Yz,NAME_SEARCH,Vw0c')).toEqual(expected);
    expect(parseLinkedinUrl('https://www.linkedin.com/sales/people/ACwAAAB1cDEBx9Yz,NAME_SEARCH,Vw0c?_ntb=abc')).toEqual(expected);
    expect(parseLinkedinUrl('linkedin.com/sales/lead/ACwAAAB1cDEBx9Yz%2CNAME_SEARCH%2Cq1')).toEqual(expected);
    expect(parseLinkedinUrl('https://www.linkedin.com/sales/lead/ACwAAAB1cDEBx9Yz/')).toEqual(expected);
    // Two leads differing only in case are two people.
    expect(normaliseLinkedinUrl('https://www.linkedin.com/sales/lead/acwaaab1cdebx9yz')).not.toBe(expected.url);
  });

  it('refuses a Sales Navigator URL whose id is not an id', () => {
    expect(parseLinkedinUrl('https://www.linkedin.com/sales/lead/<script>,x')).toEqual({ ok: false, reason: 'has a malformed Sales Navigator lead id' });
  });

  it('keeps other linkedin.com pages as "other", with the host folded and the query dropped', () => {
    expect(parseLinkedinUrl('https://fr.linkedin.com/company/Acme-Corp/?trk=x')).toEqual({ ok: true, kind: 'other', url: 'https://www.linkedin.com/company/Acme-Corp' });
    expect(parseLinkedinUrl('https://www.linkedin.com/sales/search/people?query=x')).toEqual({ ok: true, kind: 'other', url: 'https://www.linkedin.com/sales/search/people' });
    expect(parseLinkedinUrl('https://www.linkedin.com/')).toEqual({ ok: true, kind: 'other', url: 'https://www.linkedin.com' });
  });
});

describe('parseLinkedinUrl: refusals', () => {
  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['https://evil.example/in/jane-doe', 'is not a linkedin.com address'],
    ['https://linkedin.com.evil.example/in/jane-doe', 'is not a linkedin.com address'],
    ['https://notlinkedin.com/in/jane-doe', 'is not a linkedin.com address'],
    ['https://evil.example/?u=https://www.linkedin.com/in/jane-doe', 'is not a linkedin.com address'],
    ['https://linkedin.com@evil.example/in/jane-doe', 'must not contain a user name or password'],
    ['https://user:pw@www.linkedin.com/in/jane-doe', 'must not contain a user name or password'],
    ['https://business.linkedin.com/in/jane-doe', 'is not a linkedin.com address'],
    ['https://a.b.linkedin.com/in/jane-doe', 'is not a linkedin.com address'],
    ['https://lnkd.in/abc', 'is not a linkedin.com address'],
    ['https://www.linkedin.com:8443/in/jane-doe', 'must not name a port'],
    ['ftp://www.linkedin.com/in/jane-doe', 'must be an http(s) address'],
    ['javascript:alert(1)//linkedin.com/in/x', 'must be an http(s) address'],
    ['https://www.linkedin.com/in/', 'has no profile name after /in/'],
    ['http://[::1', 'is not a valid URL'],
    [`https://www.linkedin.com/in/${'a'.repeat(2000)}`, 'is longer than 2000 characters'],
  ])('%s → %s', (input, reason) => {
    expect(parseLinkedinUrl(input)).toEqual({ ok: false, reason });
    expect(normaliseLinkedinUrl(input)).toBeNull();
  });
});
