/**
 * Deterministic LinkedIn search results shaped like PhantomBuster's Search Export phantoms
 * (column names from shared/reference/integrations.md §1), for the PhantomBuster fake, the
 * scraping tests and the parse bench. The same seed gives the same rows on every machine.
 *
 * Realistic traps included on purpose: accented names (percent-encoded in URLs), credentials after
 * names ("Jane Doe, MBA"), no emails (search exports have none unless `emailEvery` is set), company
 * URLs that are LinkedIn pages rather than websites, and — with `duplicates` — extra rows for
 * people already listed, their URL spelled differently (www./country subdomain, trailing slash,
 * tracking query, capitals).
 */

export type ProfileRow = Record<string, string | number | boolean | null>;

export type GenerateOptions = {
  seed?: number;
  /** Extra rows re-listing earlier people under a URL variant (appended after `count` distinct people). */
  duplicates?: number;
  /** Every n-th person gets an `email` column value (0 = never, the Search Export default). */
  emailEvery?: number;
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Jane', 'José', 'Amélie', 'Łukasz', 'Chloé', 'Mohammed', 'Yuki', 'Sofia', 'Liam', 'Zoë', 'Priya', 'Noah', 'Inès', 'Björn', 'Aoife', 'Mateo', 'Hana', 'Olivier', 'Grace', 'Søren'];
const LAST = ['Doe', 'García', 'Dupont', 'Kowalski', 'Martin', 'Haddad', 'Tanaka', 'Rossi', 'Smith', 'Müller', 'Patel', 'Nguyen', 'Lefèvre', 'Andersson', "O'Brien", 'Fernández', 'Kim', 'Moreau', 'Okafor', 'Jørgensen'];
const CREDENTIALS = ['', '', '', '', ', MBA', ', PhD', ' 🚀', ', CFA'];
const TITLES = ['VP Sales', 'Head of Growth', 'Chief Revenue Officer', 'Sales Director', 'Account Executive', 'Founder & CEO', 'Marketing Manager', 'CTO', 'Business Development Representative', 'Directrice commerciale', 'Head of Partnerships', 'Senior Software Engineer'];
const COMPANIES: [name: string, website: string | null, industry: string][] = [
  ['Acme Analytics', 'https://www.acme-analytics.io', 'Software Development'],
  ['Globex', 'globex.com', 'IT Services and IT Consulting'],
  ['Initech SAS', 'https://initech.fr/', 'Financial Services'],
  ['Umbrella Health', null, 'Hospitals and Health Care'],
  ['Hooli', 'https://hooli.xyz', 'Software Development'],
  ['Stark Logistics', 'http://stark-logistics.de', 'Transportation, Logistics, Supply Chain and Storage'],
  ['Wayne Retail', 'https://www.linkedin.com/company/wayne-retail', 'Retail'],
  ['Soylent Foods', 'soylent.example.com', 'Food and Beverage Manufacturing'],
];
const LOCATIONS = [
  'Paris, Île-de-France, France',
  'Greater Paris Metropolitan Region',
  'San Francisco Bay Area',
  'London, England, United Kingdom',
  'Greater New York City Area',
  'Berlin, Germany',
  'Tokyo, Japan',
  'Lyon, Auvergne-Rhône-Alpes, France',
  'Toronto, Ontario, Canada',
  'Madrid, Community of Madrid, Spain',
  'Sydney, New South Wales, Australia',
  'Amsterdam, North Holland, Netherlands',
];
const SUMMARIES = [
  'I help B2B SaaS teams build repeatable outbound. Previously scaled a sales team from 3 to 40.',
  'Passionate about data, analytics and revenue operations.\nSpeaker at SaaStr. Dog person.',
  '',
  'Building the future of logistics. We are hiring!',
  'Ex-consultant, now leading partnerships across EMEA.',
];

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function token(random: () => number, length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

type Person = {
  first: string;
  last: string;
  fullName: string;
  slugPath: string;
  vmid: string;
  title: string;
  company: (typeof COMPANIES)[number];
  companyId: number;
  location: string;
  summary: string;
  email: string | null;
};

function people(count: number, options: GenerateOptions): Person[] {
  const random = mulberry32(options.seed ?? 42);
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    // The index makes every generated person distinct, as LinkedIn's vanity URLs are.
    const suffix = `${token(random, 4, '0123456789abcdef')}${i.toString(16)}`;
    // LinkedIn keeps accents in vanity slugs and percent-encodes them in URLs.
    const keepAccents = i % 5 === 1;
    const slug = keepAccents ? `${first}-${last}-${suffix}`.toLowerCase().replace(/[\s']/g, '-') : `${ascii(first)}-${ascii(last)}-${suffix}`;
    const company = pick(random, COMPANIES);
    const emailEvery = options.emailEvery ?? 0;
    out.push({
      first,
      last,
      fullName: `${first} ${last}${pick(random, CREDENTIALS)}`,
      slugPath: encodeURIComponent(slug),
      vmid: `ACwAA${token(random, 30)}`,
      title: pick(random, TITLES),
      company,
      companyId: 10_000 + Math.floor(random() * 90_000),
      location: pick(random, LOCATIONS),
      summary: pick(random, SUMMARIES),
      email: emailEvery > 0 && i % emailEvery === 0 ? `${ascii(first)}.${ascii(last)}.${i}@${new URL(`https://${(company[1] ?? 'mail.example').replace(/^https?:\/\//, '')}`).hostname.replace(/^www\./, '')}` : null,
    });
  }
  return out;
}

/** The ways one profile URL gets written; index 0 is the plain form. */
export function urlVariant(slugPath: string, variant: number): string {
  switch (variant % 6) {
    case 0:
      return `https://www.linkedin.com/in/${slugPath}`;
    case 1:
      return `https://www.linkedin.com/in/${slugPath}/`;
    case 2:
      return `https://fr.linkedin.com/in/${slugPath}`;
    case 3:
      return `http://linkedin.com/in/${slugPath}?trk=people-guest_people_search-card`;
    case 4:
      return `https://uk.linkedin.com/in/${slugPath.toUpperCase()}/?originalSubdomain=uk#experience`;
    default:
      return `https://www.linkedin.com/in/${slugPath}?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAA`;
  }
}

function withDuplicates(list: Person[], duplicates: number): { person: Person; variant: number }[] {
  const rows = list.map((person) => ({ person, variant: 0 }));
  for (let i = 0; i < duplicates && list.length > 0; i++) rows.push({ person: list[(i * 7) % list.length]!, variant: 1 + (i % 5) });
  return rows;
}

/** Sales Navigator Search Export rows: `profileUrl` is the Sales Navigator lead, the public URL is in `linkedInProfileUrl`/`defaultProfileUrl`. */
export function generateSalesNavigatorProfiles(count: number, options: GenerateOptions = {}): ProfileRow[] {
  const timestamp = '2026-03-02T10:15:00.000Z';
  return withDuplicates(people(count, options), options.duplicates ?? 0).map(({ person, variant }, index) => {
    const [companyName, website, industry] = person.company;
    const publicUrl = urlVariant(person.slugPath, variant);
    return {
      profileUrl: `https://www.linkedin.com/sales/lead/${person.vmid},NAME_SEARCH,${['aBc1', 'Zx9q', 'Qw3e'][variant % 3]}`,
      fullName: person.fullName,
      firstName: person.first,
      lastName: person.last,
      companyName,
      title: person.title,
      companyId: person.companyId,
      companyUrl: `https://www.linkedin.com/sales/company/${person.companyId}`,
      regularCompanyUrl: `https://www.linkedin.com/company/${ascii(companyName)}`,
      summary: person.summary,
      titleDescription: '',
      industry,
      companyLocation: 'Paris, France',
      location: person.location,
      durationInRole: '2 years 3 months in role',
      durationInCompany: '4 years in company',
      pastExperienceCompanyName: 'Previous Co',
      pastExperienceCompanyUrl: 'https://www.linkedin.com/sales/company/1',
      pastExperienceCompanyTitle: 'Account Manager',
      pastExperienceDate: '2018 - 2021',
      pastExperienceDuration: '3 years',
      connectionDegree: '2nd',
      profileImageUrl: `https://media.licdn.com/dms/image/${person.vmid}/profile.jpg`,
      sharedConnectionsCount: index % 13,
      name: person.fullName,
      vmid: person.vmid,
      // Every 7th row carries the member-id form here and the vanity URL only in defaultProfileUrl.
      linkedInProfileUrl: index % 7 === 3 ? `https://www.linkedin.com/in/${person.vmid}` : publicUrl,
      isPremium: index % 4 === 0,
      isOpenLink: false,
      query: 'https://www.linkedin.com/sales/search/people?query=(keywords%3AVP%20Sales)',
      timestamp,
      defaultProfileUrl: publicUrl,
      ...(person.email ? { email: person.email } : {}),
      ...(website ? { website } : {}),
    };
  });
}

/** LinkedIn (classic) Search Export rows: public URL in `profileUrl`, title in `job`, company in `company`. */
export function generateLinkedinSearchProfiles(count: number, options: GenerateOptions = {}): ProfileRow[] {
  return withDuplicates(people(count, options), options.duplicates ?? 0).map(({ person, variant }, index) => ({
    profileUrl: urlVariant(person.slugPath, variant),
    fullName: person.fullName,
    firstName: person.first,
    lastName: person.last,
    job: person.title,
    headline: `${person.title} at ${person.company[0]}`,
    company: person.company[0],
    location: person.location,
    connectionDegree: index % 3 === 0 ? '2nd' : '3rd+',
    profileImageUrl: `https://media.licdn.com/dms/image/${person.vmid}/profile.jpg`,
    sharedConnections: `${index % 9} shared connections`,
    query: 'https://www.linkedin.com/search/results/people/?keywords=%22VP%20Sales%22',
    timestamp: '2026-03-02T10:15:00.000Z',
    ...(person.email ? { email: person.email } : {}),
  }));
}
