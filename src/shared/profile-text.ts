import { z } from 'zod';
import { normalizeDomain } from './icp-rules.js';

/**
 * Scraped text made storable and bounded. Scraped fields are cut to length rather than refused
 * (unlike a typed form): losing a profile over a 301-character headline helps nobody.
 */

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * One line of text: NUL and other control characters removed (Postgres refuses NUL), runs of
 * whitespace folded to one space, NFC, trimmed, bounded. Null when nothing is left.
 */
export function cleanLine(value: unknown, max: number): string | null {
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const cleaned = text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? null : truncate(cleaned, max).trimEnd();
}

/** Like `cleanLine` but keeps line breaks (at most two in a row): a LinkedIn summary has paragraphs. */
export function cleanParagraphs(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cleaned === '' ? null : truncate(cleaned, max).trimEnd();
}

// "Jane Doe, MBA", "Doe, PhD, CFA", "Jane 🚀": what people add to their LinkedIn name.
// A credential has two capitals (MBA, PhD, CFA) or is a known abbreviation; "Smith, John" is left alone.
const CREDENTIALS = /(?:,\s*(?:[A-Z][a-z.]*[A-Z][A-Za-z.]*|Jr\.?|Sr\.?|Esq\.?|M\.?Sc\.?|B\.?Sc\.?))+$/u;
const PICTOGRAPHS = /[\p{Extended_Pictographic}\uFE0F\u200D]/gu;

/** A name fit for "Hi {firstName}": credentials after a comma and emoji removed. */
export function cleanName(value: unknown, max: number): string | null {
  const line = cleanLine(value, max * 2);
  if (!line) return null;
  const name = line.replace(PICTOGRAPHS, '').trimEnd().replace(CREDENTIALS, '').replace(/\s+/g, ' ').trim();
  return name === '' ? null : truncate(name, max).trimEnd();
}

/** "Jane van der Berg" → Jane / van der Berg. */
export function splitFullName(fullName: string, limits: { first: number; last: number }): { firstName: string | null; lastName: string | null } {
  const [first = '', ...rest] = fullName.split(' ');
  return { firstName: first ? truncate(first, limits.first) : null, lastName: rest.length ? truncate(rest.join(' '), limits.last) : null };
}

// Hosts that are never a company's own website (a profile's "website" often points at these).
const NOT_A_COMPANY_SITE = ['linkedin.com', 'lnkd.in', 'facebook.com', 'fb.com', 'instagram.com', 'twitter.com', 'x.com', 'youtube.com', 'tiktok.com', 'medium.com', 'bit.ly', 'linktr.ee', 'google.com', 'sites.google.com', 'wa.me', 'calendly.com'];

/** The company's own domain from a website value, or null for social/link-shortener hosts and non-domains. */
export function companyDomainOf(value: unknown): string | null {
  const line = cleanLine(value, 300);
  if (!line) return null;
  const domain = normalizeDomain(line);
  if (!domain) return null;
  return NOT_A_COMPANY_SITE.some((host) => domain === host || domain.endsWith(`.${host}`)) ? null : domain;
}

const EMAIL = z.regexes.email;

/** A valid address, lower-cased; null otherwise (a scraped row with a broken email is kept without it). */
export function cleanEmail(value: unknown, max: number): string | null {
  const line = cleanLine(value, max + 1);
  if (!line || line.length > max) return null;
  const email = line.toLowerCase().replace(/^mailto:/, '');
  return EMAIL.test(email) ? email : null;
}
