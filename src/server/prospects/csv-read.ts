import { Readable } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import { AppError, fieldIssue } from '../errors.js';
import { detectFormat, suggestMapping } from './csv-columns.js';
import type { ImportPreview } from './prospects.schemas.js';

/** Reading CSV text the way spreadsheets and scrapers write it: BOM, `,` `;` or tab, CRLF, quoted newlines. */

export const MAX_COLUMNS = 500;
const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most on the header line (outside quotes); `,` when none appears. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/** `empty`: a blank line or a row of empty cells (spreadsheets leave them), counted by the import as skipped. */
export type ParsedRecord = { record: string[]; row: number; empty: boolean };
export type SkippedRecord = { row: number; message: string; code: 'row.unreadable' };

/**
 * A streaming parser: records come with their row number (the header is row 1, and blank lines
 * count, as in a spreadsheet). A malformed record is skipped and reported through `onSkip` instead
 * of aborting the file; lenient quotes and ragged rows are accepted.
 */
export function createCsvParser(delimiter: string, onSkip: (skipped: SkippedRecord) => void): Parser {
  return parse({
    bom: true,
    delimiter,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    // Any line ending, even mixed in one file (auto-detection would lock onto the first one seen).
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_records_with_error: true,
    on_skip: (error) => {
      onSkip({ row: (typeof error?.records === 'number' ? error.records : 0) + 1, message: error ? `Unreadable row: ${error.message}` : 'Unreadable row', code: 'row.unreadable' });
      return undefined;
    },
  });
}

/** Streams `text` through the parser in 64 KiB chunks, so a 50 MB file never blocks the event loop for long. */
export async function* readRecords(text: string, delimiter: string, onSkip: (skipped: SkippedRecord) => void): AsyncGenerator<ParsedRecord> {
  const buffer = Buffer.from(text, 'utf8');
  const chunkSize = 64 * 1024;
  const source = Readable.from(
    (function* chunks() {
      for (let offset = 0; offset < buffer.length; offset += chunkSize) yield buffer.subarray(offset, offset + chunkSize);
    })(),
    { objectMode: false },
  );
  const parser = source.pipe(createCsvParser(delimiter, onSkip));
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
    yield { record: item.record, row: item.info.records, empty: item.record.every((cell) => cell.trim() === '') };
  }
}

/** Counts line breaks: an upper bound of the row count (quoted newlines count too), for the progress bar. */
export function estimateRows(text: string): number {
  let lines = 0;
  let index = text.indexOf('\n');
  while (index !== -1) {
    lines++;
    index = text.indexOf('\n', index + 1);
  }
  if (text.length > 0 && !text.endsWith('\n')) lines++;
  return Math.max(0, lines - 1);
}

export function cleanHeaders(record: string[]): string[] {
  if (record.length > MAX_COLUMNS) throw new AppError('BAD_REQUEST', `The file has ${record.length} columns; at most ${MAX_COLUMNS} are supported`, { reason: 'import.too_many_columns', params: { columns: record.length, max: MAX_COLUMNS } });
  // A header only names a column (and a custom field's key): a NUL in it is noise, not data.
  return record.map((header) => header.replaceAll('\u0000', '').trim());
}

/**
 * Detected delimiter, headers, suggested mapping and the first rows, from the beginning of a file.
 * When the text was cut from a longer file, its last (possibly partial) line is dropped.
 */
export async function previewCsv(text: string, truncated: boolean, maxRows = 10): Promise<ImportPreview> {
  let sample = text;
  if (truncated) {
    const lastBreak = sample.lastIndexOf('\n');
    if (lastBreak > 0) sample = sample.slice(0, lastBreak + 1);
  }
  if (sample.replace(/^\uFEFF/, '').trim() === '') throw new AppError('BAD_REQUEST', 'The file is empty', { reason: 'import.file_empty', issues: [fieldIssue(['text'], 'file.empty', 'The file is empty')] });
  const delimiter = sniffDelimiter(sample.replace(/^\uFEFF/, ''));
  let headers: string[] | undefined;
  const rows: string[][] = [];
  try {
    for await (const { record, empty } of readRecords(sample, delimiter, () => {})) {
      if (empty) continue;
      if (!headers) headers = cleanHeaders(record);
      else rows.push(record);
      if (rows.length >= maxRows) break;
    }
  } catch (error) {
    // A cut-off sample can end inside a quoted field; what was read so far is still a fine preview.
    if (error instanceof AppError || !headers) throw error;
  }
  if (!headers) throw new AppError('BAD_REQUEST', 'The file has no header row', { reason: 'import.no_header' });
  return { delimiter, format: detectFormat(headers), headers, mapping: suggestMapping(headers), rows };
}
