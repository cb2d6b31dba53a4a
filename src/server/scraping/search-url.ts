import { isLinkedinHost, LINKEDIN_ORIGIN } from '../../shared/linkedin-url.js';

/**
 * The LinkedIn search a scrape runs: the campaign's own URL, or one built from the workspace ICP
 * and shown to the user before launch.
 *
 * Built searches use the `keywords` parameter only, in LinkedIn's boolean syntax: titles as exact
 * phrases OR-ed together, AND-ed with the ICP keywords (OR-ed) and the locations (OR-ed).
 * Locations go into the keywords on purpose: LinkedIn's real location filter (`geoUrn`) takes
 * numeric geo ids that only LinkedIn's own type-ahead resolves, and guessing them would silently
 * search the wrong place. As keywords they match profiles that mention the place (their location
 * line included) — looser than the filter, but a search without them would spend the PhantomBuster
 * profile budget on people anywhere in the world. Users who need the exact filter paste a search
 * URL (LinkedIn or Sales Navigator) into the campaign instead.
 */

/** Our bound, not LinkedIn's (it publishes none): longer boolean queries get cut or refused. */
export const MAX_SEARCH_KEYWORDS_LENGTH = 500;
export const MAX_SEARCH_URL_LENGTH = 2000;

export type SearchCriteria = { jobTitles: string[]; keywords: string[]; locations: string[] };

export type BuiltSearch = {
  url: string;
  keywords: string;
  /** Terms left out to stay within MAX_SEARCH_KEYWORDS_LENGTH, to show the user. */
  dropped: string[];
};

/** A term as an exact phrase: quotes and parentheses would break the boolean expression, so they go. */
function phrase(term: string): string | null {
  const cleaned = term.replace(/["()\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned ? `"${cleaned}"` : null;
}

function expression(groups: string[][]): string {
  const filled = groups.filter((group) => group.length > 0);
  if (filled.length === 1) return filled[0]!.join(' OR ');
  return filled.map((group) => (group.length === 1 ? group[0]! : `(${group.join(' OR ')})`)).join(' AND ');
}

/**
 * The people search for the ICP, or null when it has neither titles nor keywords (locations alone
 * would list everyone in a city).
 */
export function buildPeopleSearchUrl(icp: SearchCriteria): BuiltSearch | null {
  const groups = [icp.jobTitles, icp.keywords, icp.locations].map((terms) => {
    const seen = new Set<string>();
    return terms.flatMap((term) => {
      const quoted = phrase(term);
      if (!quoted || seen.has(quoted.toLowerCase())) return [];
      seen.add(quoted.toLowerCase());
      return [quoted];
    });
  });
  if (groups[0]!.length === 0 && groups[1]!.length === 0) return null;
  const dropped: string[] = [];
  let keywords = expression(groups);
  // Shorten the longest list first, from its end (people list their most important terms first),
  // never emptying a list. ICP items are at most 100 characters, so one term per list always fits.
  while (keywords.length > MAX_SEARCH_KEYWORDS_LENGTH) {
    const longest = groups.reduce((best, group) => (group.length > best.length ? group : best));
    if (longest.length <= 1) break;
    dropped.push(longest.pop()!.slice(1, -1));
    keywords = expression(groups);
  }
  return { url: `${LINKEDIN_ORIGIN}/search/results/people/?keywords=${encodeURIComponent(keywords)}`, keywords, dropped };
}

export type SearchUrlKind = 'linkedinPeopleSearch' | 'salesNavigatorSearch' | 'salesNavigatorList';
export type CheckedSearchUrl = { ok: true; kind: SearchUrlKind; url: string } | { ok: false; reason: string };

/**
 * A search URL a user pasted into a campaign: a LinkedIn people search, a Sales Navigator people
 * search or a Sales Navigator lead list. Its query is the search, so it is kept as is; only the
 * host is made canonical and the fragment dropped.
 */
export function checkSearchUrl(value: string): CheckedSearchUrl {
  const text = value.trim();
  if (!text) return { ok: false, reason: 'The search URL is empty' };
  if (text.length > MAX_SEARCH_URL_LENGTH) return { ok: false, reason: `The search URL must be at most ${MAX_SEARCH_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, reason: 'The search URL is not a valid URL' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.port || !isLinkedinHost(url.hostname)) {
    return { ok: false, reason: 'The search URL must be a linkedin.com address' };
  }
  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  const kind: SearchUrlKind | null =
    path === '/search/results/people' ? 'linkedinPeopleSearch' : path === '/sales/search/people' ? 'salesNavigatorSearch' : path.startsWith('/sales/lists/people/') ? 'salesNavigatorList' : null;
  if (!kind) return { ok: false, reason: 'The search URL must be a LinkedIn people search, a Sales Navigator people search or a Sales Navigator lead list' };
  if (kind !== 'salesNavigatorList' && !url.search) return { ok: false, reason: 'The search URL has no search criteria (nothing after "?")' };
  return { ok: true, kind, url: `${LINKEDIN_ORIGIN}${url.pathname}${url.search}` };
}
