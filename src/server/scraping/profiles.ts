import { parse } from 'csv-parse/sync';
import { parseLinkedinUrl } from '../../shared/linkedin-url.js';
import type { PhantomBusterResult } from '../integrations/phantombuster.js';
import type { ProspectBatchRow } from '../prospects/prospect-batch.js';
import { FIELD_LIMITS } from '../prospects/prospect-fields.js';
import { sniffDelimiter } from '../prospects/csv-read.js';
import { cleanEmail, cleanLine, cleanName, cleanParagraphs, companyDomainOf, splitFullName } from '../../shared/profile-text.js';

/**
 * PhantomBuster's search results (a result object, or the agent's result.csv) → prospect rows.
 * Column names vary by phantom (shared/reference/integrations.md §1), so each field reads the
 * first usable of several columns. One bad row is reported with its reason, never thrown; a
 * person listed twice (the same URL spelled differently, or the same email) is counted once.
 */

export type ScrapedProfile = {
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  /** Canonical (src/shared/linkedin-url.ts): the public /in/ URL when the row has one, else the Sales Navigator lead. */
  linkedinUrl: string | null;
  /** The Sales Navigator lead URL when the row also had one (kept: Sales Navigator users open leads there). */
  salesNavigatorUrl: string | null;
  title: string | null;
  company: string | null;
  companyDomain: string | null;
  industry: string | null;
  location: string | null;
  /** The LinkedIn "About" text: enrichment material, stored as custom field `summary`. */
  summary: string | null;
  email: string | null;
};

/** `key` is the profile's first identity (`email:…` or `linkedin:…`) at the time it was first read. */
export type ParsedProfile = ScrapedProfile & { index: number; key: string };

const PROFILE_FIELDS = ['firstName', 'lastName', 'fullName', 'linkedinUrl', 'salesNavigatorUrl', 'title', 'company', 'companyDomain', 'industry', 'location', 'summary', 'email'] as const satisfies readonly (keyof ScrapedProfile)[];
export type RejectedProfile = { index: number; reason: string };

export type ParsedProfiles = {
  profiles: ParsedProfile[];
  /** The first `MAX_REPORTED_REJECTIONS` rejected rows with their reason; `rejectedCount` counts them all. */
  rejected: RejectedProfile[];
  rejectedCount: number;
  /** Rows for a person already read earlier in the same result. */
  duplicates: number;
  /** Rows read (profiles + rejected + duplicates); rows past `MAX_PROFILES_PER_RESULT` are not read. */
  total: number;
  /** Rows beyond `MAX_PROFILES_PER_RESULT`, not read. */
  ignored: number;
};

/** Sales Navigator exports at most 2,500 per search; a result far beyond that is not a search export. */
export const MAX_PROFILES_PER_RESULT = 10_000;
export const MAX_REPORTED_REJECTIONS = 100;
export const SUMMARY_MAX_LENGTH = FIELD_LIMITS.customFieldValue;

// Best first. Sales Navigator's `profileUrl` is a lead URL: a public URL in another column wins (see pickLinkedinUrl).
const URL_COLUMNS = ['profileUrl', 'linkedInProfileUrl', 'linkedinProfileUrl', 'defaultProfileUrl', 'publicProfileUrl', 'linkedinUrl', 'profileLink', 'url'];
const TITLE_COLUMNS = ['title', 'job', 'jobTitle', 'headline', 'titleDescription'];
const COMPANY_COLUMNS = ['companyName', 'company', 'currentCompany', 'organization'];
const WEBSITE_COLUMNS = ['website', 'companyWebsite', 'companyDomain', 'companyUrl', 'regularCompanyUrl'];
const EMAIL_COLUMNS = ['email', 'mail', 'professionalEmail', 'workEmail'];

type Row = Record<string, unknown>;

function firstLine(row: Row, columns: string[], max: number): string | null {
  for (const column of columns) {
    const value = cleanLine(row[column], max);
    if (value) return value;
  }
  return null;
}

type UrlChoice = { linkedinUrl: string | null; salesNavigatorUrl: string | null; problem: string | null };

/** A public vanity URL, else a member-id /in/ URL, else a Sales Navigator lead; company and other pages never name a person. */
function pickLinkedinUrl(row: Row): UrlChoice {
  let best: { url: string; rank: number } | null = null;
  let salesNavigatorUrl: string | null = null;
  let problem: string | null = null;
  for (const column of URL_COLUMNS) {
    const value = row[column];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const parsed = parseLinkedinUrl(value);
    if (!parsed.ok) {
      problem ??= `${column} ${parsed.reason}`;
      continue;
    }
    if (parsed.kind === 'other') {
      problem ??= `${column} is not a LinkedIn profile (${parsed.url.slice(0, 100)})`;
      continue;
    }
    if (parsed.kind === 'salesNavigator') salesNavigatorUrl ??= parsed.url;
    const rank = parsed.kind === 'profile' ? (parsed.vanity ? 0 : 1) : 2;
    if (!best || rank < best.rank) best = { url: parsed.url, rank };
  }
  return { linkedinUrl: best?.url ?? null, salesNavigatorUrl: salesNavigatorUrl === best?.url ? null : salesNavigatorUrl, problem };
}

export type ProfileOutcome = { ok: true; profile: ScrapedProfile } | { ok: false; reason: string };

/** One result row → a profile, or why it cannot be one. */
export function toScrapedProfile(value: unknown): ProfileOutcome {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'is not an object' };
  const row = value as Row;
  const { linkedinUrl, salesNavigatorUrl, problem } = pickLinkedinUrl(row);
  const email = EMAIL_COLUMNS.map((column) => cleanEmail(row[column], FIELD_LIMITS.email)).find((found) => found !== null) ?? null;
  if (!linkedinUrl && !email) {
    // Search Export phantoms write a row with only `error` for a search that found nobody.
    const remoteError = cleanLine(row.error, 200);
    return { ok: false, reason: remoteError ? `PhantomBuster: ${remoteError}` : problem ? `No LinkedIn profile URL (${problem})` : 'No LinkedIn profile URL and no email' };
  }
  const fullName = cleanLine(row.fullName ?? row.name, FIELD_LIMITS.fullName);
  let firstName = cleanName(row.firstName, FIELD_LIMITS.firstName);
  let lastName = cleanName(row.lastName, FIELD_LIMITS.lastName);
  if (!firstName && !lastName && fullName) {
    const cleaned = cleanName(fullName, FIELD_LIMITS.fullName);
    if (cleaned) ({ firstName, lastName } = splitFullName(cleaned, { first: FIELD_LIMITS.firstName, last: FIELD_LIMITS.lastName }));
  }
  const joined = [firstName, lastName].filter(Boolean).join(' ');
  return {
    ok: true,
    profile: {
      firstName,
      lastName,
      fullName: fullName ?? (joined ? cleanLine(joined, FIELD_LIMITS.fullName) : null),
      linkedinUrl,
      salesNavigatorUrl,
      title: firstLine(row, TITLE_COLUMNS, FIELD_LIMITS.title),
      company: firstLine(row, COMPANY_COLUMNS, FIELD_LIMITS.company),
      companyDomain: WEBSITE_COLUMNS.map((column) => companyDomainOf(row[column])).find((found) => found !== null) ?? null,
      industry: cleanLine(row.industry ?? row.companyIndustry, FIELD_LIMITS.industry),
      // The person's location only: `companyLocation` is the head office, a poor guess for a timezone.
      location: cleanLine(row.location, FIELD_LIMITS.location),
      summary: cleanParagraphs(row.summary ?? row.description ?? row.about, SUMMARY_MAX_LENGTH),
      email,
    },
  };
}

/** The identities a profile is known by: its email and its LinkedIn URL (the prospects table is unique on both). */
export function profileKeys(profile: Pick<ScrapedProfile, 'email' | 'linkedinUrl'>): string[] {
  const keys: string[] = [];
  if (profile.email) keys.push(`email:${profile.email}`);
  if (profile.linkedinUrl) keys.push(`linkedin:${profile.linkedinUrl}`);
  return keys;
}

/** Rows from a result object (an array of objects) → profiles, rejections and duplicate count. */
export function parseProfileRecords(records: unknown): ParsedProfiles {
  if (!Array.isArray(records)) {
    return { profiles: [], rejected: [{ index: 0, reason: 'The result is not a list of profiles' }], rejectedCount: 1, duplicates: 0, total: 0, ignored: 0 };
  }
  const read = records.slice(0, MAX_PROFILES_PER_RESULT);
  const profiles: ParsedProfile[] = [];
  const rejected: RejectedProfile[] = [];
  let rejectedCount = 0;
  let duplicates = 0;
  const seen = new Map<string, ParsedProfile>();
  read.forEach((record, index) => {
    const outcome = toScrapedProfile(record);
    if (!outcome.ok) {
      rejectedCount++;
      if (rejected.length < MAX_REPORTED_REJECTIONS) rejected.push({ index, reason: outcome.reason });
      return;
    }
    const keys = profileKeys(outcome.profile);
    const earlier = keys.map((key) => seen.get(key)).find((found) => found !== undefined);
    if (earlier) {
      duplicates++;
      // The second listing may know what the first did not (an email, a title).
      for (const field of PROFILE_FIELDS) {
        const found = outcome.profile[field];
        if (earlier[field] !== null || found === null) continue;
        // An identity another profile already holds stays with that one (the table is unique on it).
        if ((field === 'email' && seen.has(`email:${found}`)) || (field === 'linkedinUrl' && seen.has(`linkedin:${found}`))) continue;
        earlier[field] = found;
      }
      for (const key of profileKeys(earlier)) seen.set(key, earlier);
      return;
    }
    const profile: ParsedProfile = { ...outcome.profile, index, key: keys[0]! };
    for (const key of keys) seen.set(key, profile);
    profiles.push(profile);
  });
  return { profiles, rejected, rejectedCount, duplicates, total: read.length, ignored: records.length - read.length };
}

/** The agent's result.csv → the same as a result object (header row = column names). */
export function parseProfileCsv(csv: string): ParsedProfiles {
  const unreadable: RejectedProfile[] = [];
  const records = parse<Row>(csv, {
    bom: true,
    columns: (header: string[]) => header.map((name) => name.trim()),
    delimiter: sniffDelimiter(csv),
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      unreadable.push({ index: typeof error?.records === 'number' ? error.records : unreadable.length, reason: `Unreadable CSV row${error ? `: ${error.message}` : ''}` });
      return undefined;
    },
  });
  const parsed = parseProfileRecords(records);
  const rejected = [...unreadable, ...parsed.rejected].slice(0, MAX_REPORTED_REJECTIONS);
  return { ...parsed, rejected, rejectedCount: parsed.rejectedCount + unreadable.length, total: parsed.total + unreadable.length };
}

export function parsePhantomBusterResult(result: PhantomBusterResult): ParsedProfiles {
  switch (result.source) {
    case 'resultObject':
      return parseProfileRecords(result.data);
    case 'csv':
      return parseProfileCsv(result.csv);
  }
}

/** A profile as the prospect insert path (`insertProspectBatch`) takes it (source `linkedin` is the caller's). */
export function profileToImportRow(profile: ScrapedProfile): ProspectBatchRow {
  const custom: Record<string, string> = {};
  if (profile.summary) custom.summary = profile.summary;
  if (profile.salesNavigatorUrl) custom.salesNavigatorUrl = profile.salesNavigatorUrl;
  return {
    email: profile.email,
    firstName: profile.firstName,
    lastName: profile.lastName,
    fullName: profile.fullName,
    linkedinUrl: profile.linkedinUrl,
    title: profile.title,
    company: profile.company,
    companyDomain: profile.companyDomain,
    industry: profile.industry,
    location: profile.location,
    timezone: null,
    tags: [],
    customFields: custom,
  };
}
