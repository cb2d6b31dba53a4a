import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, fieldIssue } from '../errors.js';

/**
 * Helpers for list endpoints: keyset-pagination cursors and user-typed LIKE terms.
 *
 * A cursor carries the last row's sort value and id, tagged with the sort and direction it was
 * made for: a cursor reused under another sort would otherwise put (say) a name where the query
 * casts a timestamp, and the database would answer with an error instead of a 400.
 */
type KeysetCursor = { sort: string; order: 'asc' | 'desc'; value: string; id: string };

const cursorShape = z.object({ s: z.string(), o: z.enum(['asc', 'desc']), v: z.string(), id: z.uuid() });

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.sort, o: cursor.order, v: cursor.value, id: cursor.id })).toString('base64url');
}

function invalidCursor(): AppError {
  return new AppError('BAD_REQUEST', 'Invalid cursor: start again from the first page', { reason: 'list.invalid_cursor', issues: [fieldIssue(['cursor'], 'cursor.invalid', 'Invalid cursor')] });
}

/**
 * Reads a cursor made by `encodeCursor` for this `sort` and `order`; anything else — tampered,
 * from another sort, or a value `isValidValue` refuses (checked before it reaches a SQL cast) —
 * is a 400 on `cursor`.
 */
export function decodeCursor(
  raw: string,
  expected: { sort: string; order: 'asc' | 'desc'; isValidValue: (value: string) => boolean },
): { value: string; id: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = cursorShape.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  const { s, o, v, id } = parsed.data;
  // Postgres text cannot hold NUL: such a value would fail in the query rather than match nothing.
  if (s !== expected.sort || o !== expected.order || v.includes('\u0000') || !expected.isValidValue(v)) throw invalidCursor();
  return { value: v, id };
}

/**
 * A timestamp column as text for a cursor. Microseconds matter: a JS Date would round them away,
 * and rows of one import batch (same `created_at` to the millisecond) would be skipped or repeated.
 */
export function cursorTimestamp(column: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** A timestamp exactly as `cursorTimestamp` writes it. */
export function isCursorTimestamp(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** `%term%` for LIKE/ILIKE, with the `%`, `_` and `\` the user typed taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
