import type { SeniorityLevel } from '../../shared/icp-rules.js';
import { countryCode, locatePlace } from './location-zones.js';
import type { IcpCriteria, ProspectFacts } from './prompt.js';

/**
 * The offline ICP fit score: how many of the ICP's criteria the prospect meets, weighted, over the
 * criteria the ICP actually sets (an ICP with only titles scores on titles alone). Every criterion
 * gives a reason, shown beside the score. Company size is not scored: search exports do not carry it.
 */

export type FitScore = { score: number; reasons: string[] };

const WEIGHTS = { titles: 35, seniorities: 25, industries: 25, locations: 15, keywords: 10, technologies: 10 } as const;

// Spelled-out and French forms folded to the short form people search with.
const SYNONYMS: [RegExp, string][] = [
  [/\bvice[- ]president\b/g, 'vp'],
  [/\bchief executive officer\b/g, 'ceo'],
  [/\bchief technology officer\b/g, 'cto'],
  [/\bchief revenue officer\b/g, 'cro'],
  [/\bchief marketing officer\b/g, 'cmo'],
  [/\bchief financial officer\b/g, 'cfo'],
  [/\bchief operating officer\b/g, 'coo'],
  [/\bchief sales officer\b/g, 'cso'],
  [/\bdirect(?:eur|rice)s?\b/g, 'director'],
  [/\bresponsable\b/g, 'head'],
  [/\bcommercia(?:l|le|ux)\b|\bventes?\b/g, 'sales'],
  [/\bdeveloppement\b/g, 'development'],
  [/\bbiz ?dev\b/g, 'business development'],
];
const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'in', 'at', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'en', 'a']);

export function tokens(text: string): string[] {
  let folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ');
  for (const [pattern, replacement] of SYNONYMS) folded = folded.replace(pattern, replacement);
  return folded.split(/[^a-z0-9+#]+/).filter((token) => token !== '' && !STOPWORDS.has(token));
}

/** 1 when every word of `term` is in `text`, 0.5 when at least half are, else 0. */
function termMatch(term: string, textTokens: Set<string>): number {
  const wanted = tokens(term);
  if (wanted.length === 0) return 0;
  const hits = wanted.filter((word) => textTokens.has(word)).length;
  return hits === wanted.length ? 1 : hits * 2 >= wanted.length && wanted.length > 1 ? 0.5 : 0;
}

function bestMatch(terms: string[], text: string | null): { value: number; term: string | null } {
  if (!text) return { value: 0, term: null };
  const textTokens = new Set(tokens(text));
  let best = { value: 0, term: null as string | null };
  for (const term of terms) {
    const value = termMatch(term, textTokens);
    if (value > best.value) best = { value, term };
    if (value === 1) break;
  }
  return best;
}

const SENIORITY_RULES: [SeniorityLevel, RegExp][] = [
  ['owner', /\bowner\b|\bproprietaire\b|\bgerant(?:e)?\b/],
  ['founder', /\b(?:co-?)?founder\b|\bfondat(?:eur|rice)\b/],
  ['vp', /\bvp\b|\bsvp\b|\bevp\b/],
  // Titles are folded first: "directeur général" reads "director general" here.
  ['c_suite', /\b(?:ceo|cto|cfo|cmo|coo|cro|cso|cio|cpo|cdo|chro)\b|\bchief\b|\bpresident\b|\bpdg\b|\bdg\b|\bdirector general\b|\bmanaging director\b|\bgeneral manager\b/],
  ['partner', /\bpartner\b|\bassocie(?:e)?\b/],
  ['head', /\bhead\b/],
  ['director', /\bdirector\b/],
  ['manager', /\bmanager\b/],
  ['senior', /\bsenior\b|\bsr\b|\bprincipal\b|\bstaff\b|\blead\b/],
  ['entry', /\bjunior\b|\bjr\b|\bintern\b|\bstagiaire\b|\balternant(?:e)?\b|\bassistant\b|\bassociate\b|\brepresentative\b|\bbdr\b|\bsdr\b|\btrainee\b/],
];

/** Every seniority a title states ("Founder & CEO" is founder and c_suite). */
export function inferSeniorities(title: string | null): SeniorityLevel[] {
  if (!title) return [];
  const text = tokens(title).join(' ');
  return SENIORITY_RULES.filter(([, pattern]) => pattern.test(text)).map(([level]) => level);
}

function isExcluded(facts: ProspectFacts, icp: IcpCriteria): string | null {
  const domain = facts.companyDomain?.toLowerCase() ?? null;
  const excludedDomain = domain ? icp.excludedDomains.find((excluded) => domain === excluded.toLowerCase() || domain.endsWith(`.${excluded.toLowerCase()}`)) : undefined;
  if (excludedDomain) return `Company domain ${domain} is excluded by the ICP`;
  const company = facts.company ? tokens(facts.company).join(' ') : null;
  const excludedCompany = company ? icp.excludedCompanies.find((excluded) => tokens(excluded).join(' ') === company) : undefined;
  return excludedCompany ? `Company ${facts.company} is excluded by the ICP` : null;
}

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;

export function scoreFit(facts: ProspectFacts, icp: IcpCriteria): FitScore {
  const excluded = isExcluded(facts, icp);
  if (excluded) return { score: 0, reasons: [excluded] };
  const reasons: string[] = [];
  let earned = 0;
  let possible = 0;
  const criterion = (weight: number, value: number, reason: string) => {
    possible += weight;
    earned += weight * value;
    reasons.push(reason);
  };

  if (icp.jobTitles.length) {
    const match = bestMatch(icp.jobTitles, facts.title);
    const reason = !facts.title
      ? 'No title to compare with the targeted titles'
      : match.value === 1
        ? `Title ${quote(facts.title)} matches ${quote(match.term!)}`
        : match.value > 0
          ? `Title ${quote(facts.title)} partly matches ${quote(match.term!)}`
          : `Title ${quote(facts.title)} is not among the targeted titles`;
    criterion(WEIGHTS.titles, match.value, reason);
  }
  if (icp.seniorities.length) {
    const levels = inferSeniorities(facts.title);
    const hit = levels.find((level) => icp.seniorities.includes(level));
    criterion(WEIGHTS.seniorities, hit ? 1 : 0, hit ? `Seniority ${hit} is targeted` : levels.length ? `Seniority ${levels.join('/')} is not targeted` : 'Seniority unknown from the title');
  }
  if (icp.industries.length) {
    const match = bestMatch(icp.industries, [facts.industry, facts.company].filter(Boolean).join(' ') || null);
    const reason = !facts.industry
      ? 'Industry unknown'
      : match.value > 0
        ? `Industry ${quote(facts.industry)} matches ${quote(match.term!)}`
        : `Industry ${quote(facts.industry)} is not among the targeted industries`;
    criterion(WEIGHTS.industries, match.value, reason);
  }
  if (icp.locations.length) {
    const byName = bestMatch(icp.locations, facts.location);
    // A targeted country covers its cities and regions: "France" takes "Greater Paris Metropolitan Region".
    const country = locatePlace(facts.location).country;
    const byCountry = country ? icp.locations.find((location) => countryCode(location) === country) : undefined;
    const value = byName.value === 1 || byCountry ? 1 : byName.value;
    const reason = !facts.location
      ? 'Location unknown'
      : value > 0
        ? `Location ${quote(facts.location)} is in ${quote(byName.value === 1 ? byName.term! : (byCountry ?? byName.term!))}`
        : `Location ${quote(facts.location)} is outside the targeted locations`;
    criterion(WEIGHTS.locations, value, reason);
  }
  const profileText = [facts.title, facts.summary, facts.company, facts.industry].filter(Boolean).join(' ') || null;
  if (icp.keywords.length) {
    const match = bestMatch(icp.keywords, profileText);
    criterion(WEIGHTS.keywords, match.value, match.value === 1 ? `Profile mentions ${quote(match.term!)}` : 'Profile mentions none of the keywords');
  }
  if (icp.technologies.length) {
    const match = bestMatch(icp.technologies, profileText);
    criterion(WEIGHTS.technologies, match.value, match.value === 1 ? `Profile mentions ${quote(match.term!)}` : 'Profile mentions none of the technologies');
  }
  if (possible === 0) return { score: 50, reasons: ['The ICP sets no titles, seniorities, industries, locations, keywords or technologies: neutral score'] };
  return { score: Math.round((100 * earned) / possible), reasons };
}
