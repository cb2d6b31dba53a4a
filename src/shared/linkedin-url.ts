/**
 * One spelling per LinkedIn address, so the same person scraped twice, or scraped and then
 * imported from a CSV, is one prospect. Scrapers and people write the same profile as
 * `http://fr.linkedin.com/in/Jos%C3%A9-Garcia/?trk=x`, `linkedin.com/in/josé-garcia` or
 * `https://www.linkedin.com/in/jose-garcia#about`; all fold to one URL.
 *
 * The canonical origin is `https://www.linkedin.com`: it is what LinkedIn itself links to and what
 * the prospects table already holds (the CSV import stored that form before this module existed),
 * so switching the import to this normaliser does not split existing prospects in two.
 */
export const LINKEDIN_ORIGIN = 'https://www.linkedin.com';

/** Longer than any real profile URL; bounds the work done on pasted garbage. */
const MAX_INPUT_LENGTH = 2000;

export type LinkedinUrlKind = 'profile' | 'salesNavigator' | 'other';

export type LinkedinUrl =
  /** `vanity` is false for `/in/ACoAA…` member-id URLs: not what people share, and case-sensitive. */
  | { ok: true; kind: 'profile'; url: string; slug: string; vanity: boolean }
  /** Sales Navigator lead URLs only open for Sales Navigator users; their lead id is case-sensitive. */
  | { ok: true; kind: 'salesNavigator'; url: string; leadId: string }
  | { ok: true; kind: 'other'; url: string }
  | { ok: false; reason: string };

// www, mobile, and the country editions (fr.linkedin.com, uk.linkedin.com…) serve the same pages.
const FOLDED_SUBDOMAIN = /^(?:www|m|mobile|[a-z]{2})$/;
const SALES_LEAD_ID = /^[A-Za-z0-9_-]{1,200}$/;
// A decoded slug with any of these would change the URL's meaning (a path, a query, a fragment).
const UNSAFE_IN_SLUG = /[/?#\\%\s\u0000-\u001f\u007f]/;

/** linkedin.com itself, or one of the subdomains serving the same pages (www, m, country editions). */
export function isLinkedinHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  return host === 'linkedin.com' || (labels.length === 3 && host.endsWith('.linkedin.com') && FOLDED_SUBDOMAIN.test(labels[0]!));
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

// LinkedIn's member ids (`ACoAAB…`, `ACwAAA…`) also open a profile under /in/; unlike vanity names they are case-sensitive.
const MEMBER_ID = /^AC[A-Za-z0-9_-]{20,}$/;

/** The profile slug, decoded when that is safe; malformed or risky encodings stay as written. */
function profileSlug(rawSegment: string): { slug: string; vanity: boolean } {
  if (MEMBER_ID.test(rawSegment)) return { slug: rawSegment, vanity: false };
  const decoded = decodeSegment(rawSegment);
  const slug = decoded !== null && !UNSAFE_IN_SLUG.test(decoded) ? decoded.normalize('NFC') : rawSegment;
  return { slug: slug.toLowerCase(), vanity: true };
}

function parseUrl(text: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : text.startsWith('//') ? `https:${text}` : `https://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/** What kind of LinkedIn address `value` is, in its canonical spelling, or why it is not one. */
export function parseLinkedinUrl(value: string): LinkedinUrl {
  const text = value.trim();
  if (text === '') return { ok: false, reason: 'is empty' };
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: `is longer than ${MAX_INPUT_LENGTH} characters` };
  const url = parseUrl(text);
  if (!url) return { ok: false, reason: 'is not a valid URL' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be an http(s) address' };
  // `https://linkedin.com@evil.example/in/x` has host evil.example; credentials never belong here.
  if (url.username || url.password) return { ok: false, reason: 'must not contain a user name or password' };
  if (url.port) return { ok: false, reason: 'must not name a port' };
  if (!isLinkedinHost(url.hostname)) return { ok: false, reason: 'is not a linkedin.com address' };

  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const [first = '', second = '', third] = segments;
  const section = first.toLowerCase();
  if (section === 'in') {
    if (!second) return { ok: false, reason: 'has no profile name after /in/' };
    // `/in/<slug>/details/experience`, `/in/<slug>/en`: sub-pages of the same person.
    const { slug, vanity } = profileSlug(second);
    return { ok: true, kind: 'profile', url: `${LINKEDIN_ORIGIN}/in/${slug}`, slug, vanity };
  }
  if (section === 'sales' && (second.toLowerCase() === 'lead' || second.toLowerCase() === 'people') && third) {
    // `/sales/lead/<id>,NAME_SEARCH,<token>`: the id names the person, the rest is search context.
    const decoded = decodeSegment(third) ?? third;
    const leadId = decoded.split(',')[0]!;
    if (!SALES_LEAD_ID.test(leadId)) return { ok: false, reason: 'has a malformed Sales Navigator lead id' };
    return { ok: true, kind: 'salesNavigator', url: `${LINKEDIN_ORIGIN}/sales/lead/${leadId}`, leadId };
  }
  const path = segments.length ? `/${segments.join('/')}` : '';
  return { ok: true, kind: 'other', url: `${LINKEDIN_ORIGIN}${path}` };
}

/**
 * The canonical URL of any LinkedIn address (profile, Sales Navigator lead or other page), or null
 * when `value` is not one. Same signature as the CSV import's `normaliseLinkedinUrl`.
 */
export function normaliseLinkedinUrl(value: string): string | null {
  const parsed = parseLinkedinUrl(value);
  return parsed.ok ? parsed.url : null;
}
