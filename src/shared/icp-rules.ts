/** ICP rules shared by the API (validation, normalisation) and the settings UI (buckets, hints). */
export const ICP_LIST_MAX_ITEMS = 100;
export const ICP_ITEM_MAX_LENGTH = 100;

export const SENIORITY_LEVELS = ['owner', 'founder', 'c_suite', 'partner', 'vp', 'head', 'director', 'manager', 'senior', 'entry'] as const;
export type SeniorityLevel = (typeof SENIORITY_LEVELS)[number];

export const COMPANY_SIZE_BUCKETS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+'] as const;
export type CompanySizeBucket = (typeof COMPANY_SIZE_BUCKETS)[number];

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A domain as typed or pasted (`https://www.Acme.com/about`, `bob@acme.com`, `acme.com.`) reduced
 * to its host name (`acme.com`), or null when it is not a valid host name. Internationalised names
 * become their ASCII (punycode) form, as they appear in email addresses.
 */
export function normalizeDomain(input: string): string | null {
  let value = input.trim().toLowerCase();
  if (!value) return null;
  const at = value.lastIndexOf('@');
  if (at >= 0) value = value.slice(at + 1);
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  value = value.split(/[/?#]/, 1)[0] ?? '';
  value = value.replace(/:\d+$/, '').replace(/\.$/, '');
  if (value.startsWith('www.')) value = value.slice(4);
  if (!value || /\s/.test(value)) return null;
  let host: string;
  try {
    host = new URL(`http://${value}`).hostname;
  } catch {
    return null;
  }
  if (host.length > 253) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  const tld = labels[labels.length - 1]!;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return null;
  return host;
}
