import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { and, count, desc, eq, ilike, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { suppressions } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import { checkAddressSyntax } from './rules/address-verification.js';
import type { AddSuppressionsResult, MANUAL_REASONS, SuppressionView } from './suppressions.schemas.js';

/**
 * The workspace suppression list: addresses and whole domains never mailed, whatever list they
 * arrive from later (enrolment and the claim both read it). Unsubscribes and hard bounces land
 * here by themselves; people add, import, export and remove entries.
 */

type Reason = (typeof MANUAL_REASONS)[number];
type Entry = { kind: 'email' | 'domain'; value: string };

/** `anna@acme.com` → an address; `acme.com` or `@acme.com` → a domain; anything else → null. */
export function parseSuppressionEntry(raw: string): Entry | null {
  const value = raw.trim().replace(/^mailto:/i, '');
  if (!value) return null;
  if (value.startsWith('@') || !value.includes('@')) {
    const domain = checkAddressSyntax(`x@${value.replace(/^@/, '')}`);
    return domain.ok ? { kind: 'domain', value: domain.domain } : null;
  }
  const address = checkAddressSyntax(value);
  return address.ok ? { kind: 'email', value: address.address.toLowerCase() } : null;
}

export async function listSuppressions(db: Db, input: { q?: string; page: number; pageSize: number }): Promise<{ items: SuppressionView[]; total: number; page: number; pageSize: number }> {
  const where: SQL[] = [];
  if (input.q) {
    const pattern = `%${input.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    where.push(and(ne(suppressions.kind, 'email_hash'), or(ilike(suppressions.value, pattern), ilike(suppressions.source, pattern)))!);
  }
  const filter = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(suppressions).where(filter);
  const items = await db
    .select()
    .from(suppressions)
    .where(filter)
    .orderBy(desc(suppressions.createdAt), desc(suppressions.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items: items.map(({ workspaceId: _workspaceId, ...row }) => row), total: Number(total?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

async function insertEntries(db: Db, workspaceId: string, raw: readonly { value: string; reason: Reason }[], source: string | null): Promise<AddSuppressionsResult> {
  const invalid: string[] = [];
  const seen = new Map<string, Entry & { reason: Reason }>();
  for (const item of raw) {
    const entry = parseSuppressionEntry(item.value);
    if (!entry) {
      if (item.value.trim()) invalid.push(item.value.trim());
      continue;
    }
    seen.set(`${entry.kind}:${entry.value}`, { ...entry, reason: item.reason });
  }
  let added = 0;
  const rows = [...seen.values()];
  for (let index = 0; index < rows.length; index += 500) {
    const batch = rows.slice(index, index + 500);
    const inserted = await db
      .insert(suppressions)
      .values(batch.map((row) => ({ workspaceId, kind: row.kind, value: row.value, reason: row.reason, source })))
      .onConflictDoNothing()
      .returning({ id: suppressions.id });
    added += inserted.length;
  }
  return { added, alreadyListed: rows.length - added, invalid: invalid.slice(0, 50), invalidCount: invalid.length };
}

export function addSuppressions(db: Db, workspaceId: string, input: { entries: string[]; reason: Reason; source?: string }): Promise<AddSuppressionsResult> {
  return insertEntries(db, workspaceId, input.entries.map((value) => ({ value, reason: input.reason })), input.source ?? 'manual');
}

const VALUE_HEADERS = ['email', 'e-mail', 'email address', 'address', 'adresse', 'domain', 'domaine', 'value'];

/** A CSV with a header row naming the column (email, domain, address…) or, without one, the first column. */
export function importSuppressions(db: Db, workspaceId: string, input: { body: string; source?: string }): Promise<AddSuppressionsResult> {
  let records: string[][];
  try {
    records = parse(input.body.replace(/^\uFEFF/, ''), { relaxColumnCount: true, relaxQuotes: true, skipEmptyLines: true, trim: true, delimiter: sniffDelimiter(input.body) });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('BAD_REQUEST', `This file could not be read as CSV: ${detail}`, { reason: 'suppression.csv_unreadable' });
  }
  const header = (records[0] ?? []).map((cell) => cell.toLowerCase());
  let valueColumn = header.findIndex((cell) => VALUE_HEADERS.includes(cell));
  const reasonColumn = header.findIndex((cell) => cell === 'reason' || cell === 'raison');
  const hasHeader = valueColumn !== -1 || (records[0] !== undefined && parseSuppressionEntry(records[0][0] ?? '') === null);
  if (valueColumn === -1) valueColumn = 0;
  const body = hasHeader ? records.slice(1) : records;
  const reasons = new Set<string>(['manual', 'complaint', 'unsubscribe', 'bounce']);
  const entries = body.map((row) => {
    const reason = reasonColumn === -1 ? 'manual' : (row[reasonColumn] ?? '').toLowerCase();
    return { value: row[valueColumn] ?? '', reason: (reasons.has(reason) ? reason : 'manual') as Reason };
  });
  return insertEntries(db, workspaceId, entries, input.source ?? 'csv import');
}

function sniffDelimiter(csv: string): string {
  const firstLine = csv.slice(0, csv.indexOf('\n') === -1 ? csv.length : csv.indexOf('\n'));
  return firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
}

/** Every entry as CSV (kind, value, reason, source, added_at); a cell a spreadsheet would run is neutralised. */
export async function exportSuppressions(db: Db): Promise<string> {
  const rows = await db.select().from(suppressions).orderBy(suppressions.kind, suppressions.value);
  const safe = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ''));
  return stringify([['kind', 'value', 'reason', 'source', 'added_at'], ...rows.map((row) => [row.kind, safe(row.value), row.reason, safe(row.source), row.createdAt.toISOString()])]);
}

export async function removeSuppression(db: Db, id: string): Promise<{ removed: true }> {
  const [row] = await db.delete(suppressions).where(eq(suppressions.id, id)).returning({ id: suppressions.id });
  if (!row) throw notFound('Suppression');
  return { removed: true };
}
