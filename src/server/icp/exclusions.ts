import { normalizeDomain } from '../../shared/icp-rules.js';
import type { Db } from '../db/database.js';
import { icpProfiles } from '../db/schema/index.js';

/**
 * The ICP's exclusions, as every way in (create, import, scrape) and the sending engine (again at
 * send time) apply them: a prospect whose email domain or company domain is an excluded domain (or a
 * subdomain of one), or whose company name is an excluded company, is skipped and never mailed.
 */
export type IcpExclusions = { domains: readonly string[]; companies: readonly string[] };

export type ExclusionReason = { code: 'excluded_domain'; domain: string } | { code: 'excluded_company'; company: string };

export const NO_EXCLUSIONS: IcpExclusions = { domains: [], companies: [] };

export async function loadIcpExclusions(db: Db): Promise<IcpExclusions> {
  const [row] = await db.select({ domains: icpProfiles.excludedDomains, companies: icpProfiles.excludedCompanies }).from(icpProfiles).limit(1);
  return row ?? NO_EXCLUSIONS;
}

/** Company names compare without case, accents, punctuation or legal suffixes ("ACME, Inc." = "Acme"). */
export function companyKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b(inc|llc|ltd|limited|gmbh|sa|sas|sarl|plc|corp|corporation|co|company|ag|bv|nv|srl|spa)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function domainMatches(candidate: string | null, excluded: readonly string[]): string | null {
  if (!candidate) return null;
  return excluded.find((domain) => candidate === domain || candidate.endsWith(`.${domain}`)) ?? null;
}

export function exclusionReason(
  exclusions: IcpExclusions,
  prospect: { email?: string | null; companyDomain?: string | null; company?: string | null },
): ExclusionReason | null {
  if (exclusions.domains.length > 0) {
    const emailDomain = prospect.email ? normalizeDomain(prospect.email) : null;
    const companyDomain = prospect.companyDomain ? normalizeDomain(prospect.companyDomain) : null;
    const domain = domainMatches(emailDomain, exclusions.domains) ?? domainMatches(companyDomain, exclusions.domains);
    if (domain) return { code: 'excluded_domain', domain };
  }
  if (exclusions.companies.length > 0 && prospect.company) {
    const key = companyKey(prospect.company);
    const company = key ? exclusions.companies.find((excluded) => companyKey(excluded) === key) : undefined;
    if (company) return { code: 'excluded_company', company };
  }
  return null;
}
