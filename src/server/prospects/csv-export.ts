import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/database.js';
import { listProspects } from './prospects-query.js';
import type { ProspectFilter, ProspectView } from './prospects.schemas.js';

/**
 * Prospects as CSV with a fixed header row (re-importable: the headers are the plain format the
 * import recognises). Cells a spreadsheet would run as a formula are neutralised.
 */

export const EXPORT_COLUMNS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'full_name',
  'linkedin_url',
  'title',
  'company',
  'company_domain',
  'industry',
  'location',
  'timezone',
  'stage',
  'tags',
  'source',
  'campaign_id',
  'campaign_name',
  'created_at',
  'custom_fields',
] as const;

const EXPORT_PAGE = 2000;

/**
 * CSV injection (OWASP): a cell starting with = + - @ (or a tab / carriage return, which some
 * spreadsheets skip before evaluating) is prefixed with ' so it is shown as text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toCells(prospect: ProspectView): string[] {
  const cells = [
    prospect.id,
    prospect.email,
    prospect.firstName,
    prospect.lastName,
    prospect.fullName,
    prospect.linkedinUrl,
    prospect.title,
    prospect.company,
    prospect.companyDomain,
    prospect.industry,
    prospect.location,
    prospect.timezone,
    prospect.stage,
    prospect.tags.join(', '),
    prospect.source,
    prospect.campaignId,
    prospect.campaignName,
    prospect.createdAt.toISOString(),
    Object.keys(prospect.customFields).length ? JSON.stringify(prospect.customFields) : '',
  ];
  return cells.map((cell) => neutraliseFormula(cell ?? ''));
}

/** Walks the filtered list page by page (keyset), newest first: one page of rows in memory at a time, short transactions. */
export async function exportProspectsCsv(database: Database, workspaceId: string, filter: ProspectFilter & { ids?: string[] }): Promise<string> {
  const parts: string[] = [stringify([EXPORT_COLUMNS], { bom: false })];
  let cursor: string | undefined;
  do {
    const page = await listProspects(database, workspaceId, { ...filter, sort: 'createdAt', order: 'desc', limit: EXPORT_PAGE, cursor });
    if (page.items.length) parts.push(stringify(page.items.map(toCells)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return parts.join('');
}
