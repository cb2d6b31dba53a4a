import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { prospectImports } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import type { ImportRowError } from './prospects.schemas.js';

/** Row errors sent while an import runs (polled every few hundred ms); all kept ones once it has ended. */
const ERRORS_WHILE_RUNNING = 200;

const statusColumns = {
  id: prospectImports.id,
  status: prospectImports.status,
  totalRows: prospectImports.totalRows,
  processedRows: prospectImports.processedRows,
  imported: prospectImports.imported,
  duplicates: prospectImports.duplicates,
  skipped: prospectImports.skipped,
  errorCount: prospectImports.errorCount,
  fileName: prospectImports.fileName,
  campaignId: prospectImports.campaignId,
  createdAt: prospectImports.createdAt,
  finishedAt: prospectImports.finishedAt,
  errors: sql<ImportRowError[]>`case when ${prospectImports.status} = 'running'
    then coalesce((select jsonb_agg(e) from (select e from jsonb_array_elements(${prospectImports.errors}) e limit ${ERRORS_WHILE_RUNNING}) x), '[]'::jsonb)
    else ${prospectImports.errors} end`,
};

/** One import of the scoped workspace (RLS): another workspace's id is as unknown as any other. */
export async function getImportStatus(db: Db, id: string) {
  const [row] = await db.select(statusColumns).from(prospectImports).where(eq(prospectImports.id, id));
  if (!row) throw notFound('Import');
  return row;
}

export type ImportSummary = {
  importId: string;
  status: 'running' | 'completed' | 'failed';
  totalRows: number;
  imported: number;
  duplicates: number;
  skipped: number;
  errorCount: number;
  errors: ImportRowError[];
};

/** The counts the upload answers with once the import has ended. */
export async function readImportSummary(db: Db, id: string): Promise<ImportSummary | null> {
  const [row] = await db.select(statusColumns).from(prospectImports).where(eq(prospectImports.id, id));
  if (!row) return null;
  const { imported, duplicates, skipped, errorCount, errors, status } = row;
  return { importId: row.id, status, totalRows: row.processedRows, imported, duplicates, skipped, errorCount, errors };
}
