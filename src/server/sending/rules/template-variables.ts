import type { VariableLookup } from './template.js';

/**
 * The variables a step can use, and how a prospect, its enrichment and the sending mailbox become
 * values.
 *
 * Naming: built-in names match case-insensitively and ignore underscores, so `{{first_name}}` and
 * `{{FirstName}}` both mean `{{firstName}}`. Custom fields are `{{custom.<key>}}`, where `<key>` is
 * the field's name as stored (CSV headers: "Industry Note") or its slug (`industry_note`: lower
 * case, accents dropped, every run of other characters turned into `_`). An exact key wins over a
 * slug; two keys with the same slug resolve to the first in sorted order.
 */

export type VariableGroup = 'prospect' | 'enrichment' | 'sender' | 'custom';

export type VariableDefinition = {
  /** What goes between the braces: `firstName`, `talkingPoints.0`, `custom.industry_note`. */
  name: string;
  group: VariableGroup;
  /** i18n key of the description shown in the variable picker. */
  descriptionKey: string;
  /** A sample value for the picker and for lint's length estimates; `null` for custom fields. */
  example: string | null;
  /** An empty value is a legitimate value (a mailbox with no signature): never left unresolved. */
  emptyAllowed: boolean;
  /** For custom fields: the key as stored. */
  customKey?: string;
};

/** How many `talkingPoints.N` indexes the catalogue offers and lint accepts (enrichment makes 3–5). */
export const TALKING_POINT_SLOTS = 5;

const builtIn = (name: string, group: VariableGroup, example: string, emptyAllowed = false): VariableDefinition => ({
  name,
  group,
  descriptionKey: `sending.variables.${name.replace(/\.\d+$/, '')}`,
  example,
  emptyAllowed,
});

export const BUILT_IN_VARIABLES: readonly VariableDefinition[] = [
  builtIn('firstName', 'prospect', 'Camille'),
  builtIn('lastName', 'prospect', 'Martin'),
  builtIn('fullName', 'prospect', 'Camille Martin'),
  builtIn('email', 'prospect', 'camille.martin@example.com'),
  builtIn('company', 'prospect', 'Acme Industries'),
  builtIn('companyDomain', 'prospect', 'acme.example'),
  builtIn('title', 'prospect', 'Head of Operations'),
  builtIn('industry', 'prospect', 'Logistics'),
  builtIn('location', 'prospect', 'Lyon, France'),
  builtIn('openingLine', 'enrichment', 'Congratulations on opening your second warehouse in Lyon.'),
  ...Array.from({ length: TALKING_POINT_SLOTS }, (_, index) => builtIn(`talkingPoints.${index}`, 'enrichment', 'Same-day delivery across the region')),
  builtIn('fitScore', 'enrichment', '82'),
  builtIn('senderName', 'sender', 'Alex Durand'),
  builtIn('senderFirstName', 'sender', 'Alex'),
  builtIn('senderEmail', 'sender', 'alex@yourcompany.example'),
  builtIn('senderCompany', 'sender', 'Your Company'),
  builtIn('signature', 'sender', 'Alex Durand\nYour Company', true),
];

const BUILT_IN_BY_KEY = new Map(BUILT_IN_VARIABLES.map((definition) => [builtInKey(definition.name), definition]));

/** `firstName`, `first_name`, `FIRSTNAME` → the same key. */
function builtInKey(path: string): string {
  return path.toLowerCase().replaceAll('_', '');
}

export function customFieldSlug(key: string): string {
  return key
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The picker's list: built-ins, then one entry per custom field key seen in the campaign. */
export function variableCatalogue(customFieldKeys: readonly string[]): VariableDefinition[] {
  const custom = uniqueCustomKeys(customFieldKeys).map(
    (key): VariableDefinition => ({
      name: `custom.${customFieldSlug(key) || key}`,
      group: 'custom',
      descriptionKey: 'sending.variables.custom',
      example: null,
      emptyAllowed: false,
      customKey: key,
    }),
  );
  return [...BUILT_IN_VARIABLES, ...custom];
}

function uniqueCustomKeys(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort();
}

/** The definition a template path refers to, or `null` for an unknown variable. */
export function findVariable(path: string, customFieldKeys: readonly string[]): VariableDefinition | null {
  if (path.toLowerCase().startsWith('custom.')) {
    const key = resolveCustomKey(path.slice('custom.'.length), customFieldKeys);
    if (key === null) return null;
    return { name: path, group: 'custom', descriptionKey: 'sending.variables.custom', example: null, emptyAllowed: false, customKey: key };
  }
  const key = builtInKey(path);
  const talkingPoint = /^talkingpoints\.(\d{1,2})$/.exec(key);
  if (talkingPoint) return { ...builtIn(`talkingPoints.${Number(talkingPoint[1])}`, 'enrichment', 'Same-day delivery across the region') };
  return BUILT_IN_BY_KEY.get(key) ?? null;
}

function resolveCustomKey(reference: string, keys: readonly string[]): string | null {
  if (keys.includes(reference)) return reference;
  const slug = customFieldSlug(reference);
  if (!slug) return null;
  return uniqueCustomKeys(keys).find((key) => customFieldSlug(key) === slug) ?? null;
}

export type ProspectValues = {
  firstName?: string | null;
  lastName?: string | null;
  fullName?: string | null;
  email?: string | null;
  company?: string | null;
  companyDomain?: string | null;
  title?: string | null;
  industry?: string | null;
  location?: string | null;
  customFields?: Readonly<Record<string, string>> | null;
};

export type EnrichmentValues = {
  openingLine?: string | null;
  talkingPoints?: readonly string[] | null;
  fitScore?: number | null;
};

export type SenderValues = {
  /** The mailbox's from name. */
  fromName: string;
  fromEmail: string;
  signature?: string | null;
  /** The workspace's company name. */
  companyName?: string | null;
};

export type TemplateContextInput = {
  prospect: ProspectValues;
  enrichment?: EnrichmentValues | null;
  sender?: SenderValues | null;
};

/** The values of one prospect × mailbox, as a lookup for `renderTemplate`; blank values are missing. */
export function buildVariableLookup(input: TemplateContextInput): VariableLookup {
  const { prospect, enrichment, sender } = input;
  const values = new Map<string, string | null>();
  const set = (name: string, value: string | null | undefined) => values.set(builtInKey(name), present(value));
  set('firstName', prospect.firstName);
  set('lastName', prospect.lastName);
  set('fullName', present(prospect.fullName) ?? present([prospect.firstName, prospect.lastName].map((part) => part?.trim() ?? '').filter(Boolean).join(' ')));
  set('email', prospect.email);
  set('company', prospect.company);
  set('companyDomain', prospect.companyDomain ?? domainOfEmail(prospect.email));
  set('title', prospect.title);
  set('industry', prospect.industry);
  set('location', prospect.location);
  set('openingLine', enrichment?.openingLine);
  (enrichment?.talkingPoints ?? []).forEach((point, index) => set(`talkingPoints.${index}`, point));
  set('fitScore', enrichment?.fitScore === null || enrichment?.fitScore === undefined ? null : String(enrichment.fitScore));
  set('senderName', sender?.fromName);
  set('senderFirstName', sender?.fromName.trim().split(/\s+/)[0]);
  set('senderEmail', sender?.fromEmail);
  set('senderCompany', sender?.companyName);
  // An absent signature is an empty one: a template ending in {{signature}} must still send.
  values.set(builtInKey('signature'), sender?.signature ?? '');

  const custom = prospect.customFields ?? {};
  const customKeys = Object.keys(custom);
  return (path) => {
    if (path.toLowerCase().startsWith('custom.')) {
      const key = resolveCustomKey(path.slice('custom.'.length), customKeys);
      return key === null ? null : present(custom[key]);
    }
    return values.get(builtInKey(path)) ?? null;
  };
}

function present(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.trim() === '' ? null : value;
}

function domainOfEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return at === -1 ? null : email.slice(at + 1).toLowerCase();
}

/**
 * For each variable path, how many of the given prospects have no value for it (lint's
 * "may be missing" warning). Paths are counted as written in the template.
 */
export function countMissingValues(paths: readonly string[], lookups: Iterable<VariableLookup>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(paths.map((path) => [path, 0]));
  for (const lookup of lookups) {
    for (const path of paths) {
      if (lookup(path) === null) counts[path] = (counts[path] ?? 0) + 1;
    }
  }
  return counts;
}
