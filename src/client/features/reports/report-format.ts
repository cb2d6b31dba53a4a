import type { RouterInputs, RouterOutputs } from '../../lib/trpc.js';

export type Report = RouterOutputs['reports']['get'];
export type ReportQuery = RouterInputs['reports']['get'];
export type ReportRow = Report['totals'];
export type ReportTable = 'steps' | 'daily' | 'mailboxes' | 'campaigns';

/** The REST path of a table's CSV, with the report's filters. */
export function csvUrl(table: ReportTable, query: ReportQuery): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const search = params.toString();
  return `/api/admin/reports/${table}.csv${search ? `?${search}` : ''}`;
}

export const variantLetter = (index: number) => String.fromCharCode(65 + index);

/** A day `days` before `to` (both YYYY-MM-DD), in calendar terms. */
export function daysBefore(to: string, days: number): string {
  const date = new Date(`${to}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}
