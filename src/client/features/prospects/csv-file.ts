import { RestError } from '../../lib/error-text.js';
import type { RouterOutputs } from '../../lib/trpc.js';

/** The import as the server reports it (progress, then the final counts and row errors). */
export type ImportResult = RouterOutputs['prospects']['importStatus'];
export type ColumnTarget = RouterOutputs['prospects']['previewImport']['mapping'][number];

/** The first bytes sent for the preview (headers, mapping, a few rows). */
export const PREVIEW_BYTES = 64 * 1024;

/**
 * The file's text: UTF-8 when it is valid UTF-8, else Windows-1252 — what Excel writes on a French
 * Windows, where "Société" would otherwise arrive as "Soci�t�".
 */
export async function readCsvFile(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Sends the whole file to the REST import (it accepts MAX_UPLOAD_BYTES, far more than a tRPC
 * request). `importId` is chosen here so the progress can be polled (typed, over tRPC) while the
 * upload runs and until the job has finished; the upload's own answer only has to be a success.
 */
export async function uploadCsv(
  text: string,
  options: { importId: string; fileName: string; mapping: ColumnTarget[]; campaignId?: string },
): Promise<void> {
  const params = new URLSearchParams({ importId: options.importId, fileName: options.fileName.slice(0, 255), mapping: options.mapping.join(',') });
  if (options.campaignId) params.set('campaignId', options.campaignId);
  const response = await fetch(`/api/admin/prospects/import?${params.toString()}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/csv; charset=utf-8' },
    body: text,
  });
  if (response.ok) return;
  const body: unknown = await response.json().catch(() => null);
  throw new RestError(response.status, body && typeof body === 'object' && 'error' in body ? (body.error as RestError['envelope']) : null);
}

function csvCell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The error report as CSV (row, message), for fixing the file in a spreadsheet. */
export function errorsCsv(errors: { row: number; message: string }[], headers: [string, string]): string {
  return [headers, ...errors.map((error) => [error.row, error.message] as const)].map((line) => line.map(csvCell).join(',')).join('\r\n');
}
