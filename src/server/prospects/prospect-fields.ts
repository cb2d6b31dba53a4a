import { z } from 'zod';
import { isValidTimezone } from '../../shared/mailbox-rules.js';
import { refused } from '../../shared/issue-rules.js';
import { storableText } from '../../shared/text-rules.js';
import { normaliseLinkedinUrl } from '../../shared/linkedin-url.js';
import { isReservedKey } from '../../shared/reserved-keys.js';

export { PROSPECT_FIELDS, type ProspectField } from '../../shared/enums.js';

/**
 * The rules for a prospect's own fields, shared by manual add/edit and the CSV import, so a row
 * the import rejects would be rejected by the form for the same reason, with the same words.
 */

export const FIELD_LIMITS = {
  email: 254,
  firstName: 100,
  lastName: 100,
  fullName: 200,
  linkedinUrl: 500,
  title: 300,
  company: 200,
  companyDomain: 253,
  industry: 200,
  location: 200,
  timezone: 64,
  tag: 50,
  tags: 20,
  customFieldKey: 100,
  customFieldValue: 2000,
  customFields: 100,
} as const;


const EMAIL = z.regexes.email;

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** `https://www.Acme.com/about` → `acme.com`. Null when it does not look like a domain. */
export function normaliseDomain(value: string): string | null {
  const trimmed = value.trim().toLowerCase();
  let host: string;
  try {
    host = new URL(/^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, '');
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(host) ? host : null;
}

/** Tags typed in one cell: `a, b; c | d`. */
export function splitTags(value: string): string[] {
  return value
    .split(/[,;|]/)
    .map((tag) => tag.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** A free-text field: trimmed, empty means "not set" (null), over-long is refused naming the field. */
function text(label: string, max: number) {
  return storableText(label)
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .transform((value) => (value === '' ? null : value));
}

const emailField = z
  .string()
  .trim()
  .max(FIELD_LIMITS.email, `Email must be at most ${FIELD_LIMITS.email} characters`)
  .refine((value) => value === '' || EMAIL.test(value), refused('email.invalid', 'Email is not a valid address'))
  .transform((value) => (value === '' ? null : normaliseEmail(value)));

const linkedinField = storableText('LinkedIn URL')
  .trim()
  .max(FIELD_LIMITS.linkedinUrl, `LinkedIn URL must be at most ${FIELD_LIMITS.linkedinUrl} characters`)
  .refine((value) => value === '' || normaliseLinkedinUrl(value) !== null, refused('linkedin.invalid', 'LinkedIn URL must be a linkedin.com address'))
  .transform((value) => (value === '' ? null : normaliseLinkedinUrl(value)));

const domainField = z
  .string()
  .trim()
  .max(FIELD_LIMITS.companyDomain, `Company domain must be at most ${FIELD_LIMITS.companyDomain} characters`)
  .refine((value) => value === '' || normaliseDomain(value) !== null, refused('domain.invalid', 'Company domain is not a valid domain'))
  .transform((value) => (value === '' ? null : normaliseDomain(value)));

const timezoneField = z
  .string()
  .trim()
  .max(FIELD_LIMITS.timezone, `Timezone must be at most ${FIELD_LIMITS.timezone} characters`)
  .refine((value) => value === '' || isValidTimezone(value), refused('timezone.invalid', 'Timezone is not a known time zone (e.g. Europe/Paris)'))
  .transform((value) => (value === '' ? null : value));

export const tagSchema = storableText('Tag')
  .trim()
  .min(1, 'Tag cannot be empty')
  .max(FIELD_LIMITS.tag, `A tag must be at most ${FIELD_LIMITS.tag} characters`)
  .transform((tag) => tag.replace(/\s+/g, ' '));

export const tagsSchema = z
  .array(tagSchema)
  .max(FIELD_LIMITS.tags, `At most ${FIELD_LIMITS.tags} tags`)
  .transform((tags) => [...new Set(tags)]);

export const customFieldsSchema = z
  .record(
    storableText('Custom field names')
      .trim()
      .min(1)
      .max(FIELD_LIMITS.customFieldKey, `Custom field names must be at most ${FIELD_LIMITS.customFieldKey} characters`)
      .superRefine((key, ctx) => {
        // Checked after trimming: " constructor " would otherwise slip past the transport's check.
        if (isReservedKey(key)) ctx.addIssue({ code: 'custom', ...refused({ rule: 'key.reserved', key }, `“${key}” cannot be used as a custom field name`) });
      }),
    storableText('Custom field values').max(FIELD_LIMITS.customFieldValue, `Custom field values must be at most ${FIELD_LIMITS.customFieldValue} characters`),
  )
  .refine((fields) => Object.keys(fields).length <= FIELD_LIMITS.customFields, refused({ rule: 'record.too_many', max: FIELD_LIMITS.customFields }, `At most ${FIELD_LIMITS.customFields} custom fields`));

/** Each field as it arrives (string, possibly empty) → its stored form (null when empty). */
export const prospectFieldRules = {
  email: emailField,
  firstName: text('First name', FIELD_LIMITS.firstName),
  lastName: text('Last name', FIELD_LIMITS.lastName),
  fullName: text('Full name', FIELD_LIMITS.fullName),
  linkedinUrl: linkedinField,
  title: text('Title', FIELD_LIMITS.title),
  company: text('Company', FIELD_LIMITS.company),
  companyDomain: domainField,
  industry: text('Industry', FIELD_LIMITS.industry),
  location: text('Location', FIELD_LIMITS.location),
  timezone: timezoneField,
};

export type ProspectTextField = keyof typeof prospectFieldRules;
export const NEEDS_CONTACT = 'Give an email or a LinkedIn URL';
