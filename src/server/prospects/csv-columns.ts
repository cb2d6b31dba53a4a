import type { ProspectField } from './prospect-fields.js';
import type { ColumnTarget, CsvFormat } from './prospects.schemas.js';

/**
 * Recognises the headers of the CSV files people actually have: PhantomBuster's LinkedIn exports
 * (Sales Navigator Search Export, LinkedIn Search Export, Profile Scraper), Apollo exports, and
 * plain `email,first_name,…` files. Headers are compared without case, spaces or punctuation.
 *
 * Several columns may feed one field (Sales Navigator has `linkedInProfileUrl`, `defaultProfileUrl`
 * and the Sales Navigator lead `profileUrl`): the import takes the first non-empty value in the
 * order listed here — public profile URLs before lead URLs, `title` before `headline`.
 * `location` is the exception: its columns (Apollo's City, State, Country) are joined.
 */
const ALIASES: Record<ProspectField, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'workemail', 'professionalemail', 'businessemail', 'emailpro', 'courriel', 'e-mail'],
  firstName: ['firstname', 'first', 'givenname', 'prenom'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'nom'],
  fullName: ['fullname', 'name', 'contactname', 'nomcomplet'],
  linkedinUrl: [
    'linkedinprofileurl',
    'personlinkedinurl',
    'linkedinurl',
    'linkedin',
    'linkedinprofile',
    'publicprofileurl',
    'defaultprofileurl',
    'profileurl',
    'profilelink',
  ],
  title: ['title', 'jobtitle', 'job', 'position', 'role', 'poste', 'titre', 'headline'],
  company: ['company', 'companyname', 'organization', 'organisation', 'organizationname', 'accountname', 'account', 'entreprise', 'societe'],
  companyDomain: ['companydomain', 'domain', 'website', 'companywebsite', 'websiteurl', 'siteweb'],
  industry: ['industry', 'companyindustry', 'secteur'],
  location: ['location', 'personlocation', 'city', 'state', 'region', 'country', 'ville', 'pays'],
  timezone: ['timezone', 'tz'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

const RANK = new Map<string, { field: ProspectField; rank: number }>();
for (const [field, aliases] of Object.entries(ALIASES) as [ProspectField, string[]][]) {
  aliases.forEach((alias, rank) => RANK.set(normaliseHeader(alias), { field, rank }));
}

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The suggested target of each header; unknown headers are kept as custom fields. */
export function suggestMapping(headers: string[]): ColumnTarget[] {
  return headers.map((header) => {
    if (header.trim() === '') return 'ignore';
    return RANK.get(normaliseHeader(header))?.field ?? 'custom';
  });
}

/** Rank of a header for its field (lower wins); user-mapped unknown headers come last, in column order. */
export function headerRank(header: string, field: ProspectField, columnIndex: number): number {
  const known = RANK.get(normaliseHeader(header));
  return known && known.field === field ? known.rank : 1000 + columnIndex;
}

/** Which tool most likely produced the file: shown to the user as reassurance, not used for mapping. */
export function detectFormat(headers: string[]): CsvFormat {
  const set = new Set(headers.map(normaliseHeader));
  const has = (...names: string[]) => names.every((name) => set.has(name));
  if (has('profileurl', 'linkedinprofileurl', 'vmid') || has('profileurl', 'defaultprofileurl', 'companyid')) return 'salesNavigator';
  if (has('personlinkedinurl') || has('companynameforemails') || has('emailstatus', 'seniority')) return 'apollo';
  if (has('profileurl') || has('linkedinprofileurl') || (set.has('query') && set.has('timestamp'))) return 'phantombuster';
  const mapping = suggestMapping(headers);
  return mapping.includes('email') || mapping.includes('linkedinUrl') ? 'plain' : 'unknown';
}
