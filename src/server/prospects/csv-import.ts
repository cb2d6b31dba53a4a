import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/database.js';
import { queryRows } from '../db/database.js';
import { prospectImports } from '../db/schema/index.js';
import { AppError, fieldIssue } from '../errors.js';
import { assertCampaignExists } from '../campaigns/campaigns.queries.js';
import { recordEvent } from '../events/events.service.js';
import { enqueueEnrichmentForCampaignArrivals } from '../enrichment/enrichment-requests.js';
import { cleanHeaders, estimateRows, readRecords, sniffDelimiter, type SkippedRecord } from './csv-read.js';
import { buildPlan, toImportRow, type ImportRow } from './csv-rows.js';
import type { ImportInput, ImportResult, ImportRowError } from './prospects.schemas.js';

/**
 * CSV import: streamed, validated row by row, inserted in batches. Each batch — its rows, the
 * import's progress and an `import.progress` event — commits in one transaction, so a crash leaves
 * whole batches only and `prospect_imports` says how far it got.
 */

export const IMPORT_BATCH_SIZE = 2500;
const PGLITE_PAUSE_MS = 25;
/** Errors kept (and returned) per import; the count goes on beyond it. */
export const MAX_REPORTED_ERRORS = 5000;

type ImportContext = { workspaceId: string; userId: string | null };

type Totals = { processed: number; imported: number; duplicates: number; errorCount: number };

export async function importCsv(database: Database, context: ImportContext, input: ImportInput): Promise<ImportResult> {
  const { workspaceId } = context;
  const text = input.body;
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new AppError('BAD_REQUEST', 'The file is empty', { reason: 'import.file_empty', issues: [fieldIssue(['body'], 'file.empty', 'The file is empty')] });
  }
  const campaignId = input.campaignId ?? null;
  if (campaignId) await database.withWorkspace(workspaceId, (db) => assertCampaignExists(db, campaignId));

  const delimiter = sniffDelimiter(text.replace(/^\uFEFF/, ''));
  const skipped: SkippedRecord[] = [];
  const records = readRecords(text, delimiter, (skip) => skipped.push(skip));
  const first = await records.next();
  if (first.done) throw new AppError('BAD_REQUEST', 'The file has no header row', { reason: 'import.no_header' });
  const headers = cleanHeaders(first.value.record);
  const plan = buildPlan(headers, input.mapping);

  const importId = await database.withWorkspace(workspaceId, async (db) => {
    const [row] = await db
      .insert(prospectImports)
      .values({
        ...(input.importId ? { id: input.importId } : {}),
        workspaceId,
        campaignId,
        fileName: input.fileName ?? null,
        totalRows: estimateRows(text),
        createdBy: context.userId,
      })
      .onConflictDoNothing()
      .returning({ id: prospectImports.id });
    if (!row) throw new AppError('CONFLICT', 'An import with this id already exists', { reason: 'import.id_taken' });
    return row.id;
  });

  const totals: Totals = { processed: 0, imported: 0, duplicates: 0, errorCount: 0 };
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  let batch: ImportRow[] = [];
  let batchErrors: ImportRowError[] = [];
  let batchProcessed = 0;
  let batchDuplicates = 0;

  const addError = (error: ImportRowError) => {
    totals.errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) {
      errors.push(error);
      batchErrors.push(error);
    }
  };
  const write = async () => {
    const rows = batch;
    const rowErrors = batchErrors;
    const counts = { processed: batchProcessed, duplicates: batchDuplicates };
    batch = [];
    batchErrors = [];
    batchProcessed = 0;
    batchDuplicates = 0;
    await database.withWorkspace(workspaceId, async (db) => {
      const inserted = rows.length ? await insertRows(db, { workspaceId, campaignId, userId: context.userId }, rows) : 0;
      totals.processed += counts.processed;
      totals.imported += inserted;
      totals.duplicates += counts.duplicates + (rows.length - inserted);
      await db
        .update(prospectImports)
        .set({
          processedRows: totals.processed,
          imported: totals.imported,
          duplicates: totals.duplicates,
          ...(rowErrors.length ? { errors: sql`${prospectImports.errors} || ${JSON.stringify(rowErrors)}::jsonb` } : {}),
        })
        .where(eq(prospectImports.id, importId));
      await recordEvent(db, {
        workspaceId,
        type: 'import.progress',
        actorUserId: context.userId,
        campaignId,
        data: { importId, processedRows: totals.processed, imported: totals.imported, duplicates: totals.duplicates, errorCount: totals.errorCount },
      });
    });
  };

  // Unreadable records are reported by the parser as it meets them; they count as processed rows.
  const drainSkipped = () => {
    for (const skip of skipped.splice(0)) {
      batchProcessed++;
      addError(skip);
    }
  };
  // The batch being written while the next one is parsed (Postgres works in another process meanwhile).
  // Batches still commit one after the other, in file order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    // PGlite has one connection: leave it to other requests for a moment between batches, so the
    // app stays responsive (and the progress can be read) during a long import.
    if (database.kind === 'pglite' && totals.processed > 0) await new Promise((resolve) => setTimeout(resolve, PGLITE_PAUSE_MS));
    writing = write();
    // Its failure is handled where it is awaited (next flush, or the end); not an unhandled rejection meanwhile.
    writing.catch(() => {});
  };
  try {
    for await (const { record, row } of records) {
      drainSkipped();
      batchProcessed++;
      const outcome = toImportRow(record, plan);
      if (!outcome.ok) addError({ row, ...outcome.error });
      else if (seen.has(outcome.key)) batchDuplicates++;
      else {
        seen.add(outcome.key);
        batch.push(outcome.row);
      }
      if (batchProcessed >= IMPORT_BATCH_SIZE) await flush();
    }
    drainSkipped();
    await flush();
    await writing;
  } catch (error) {
    await writing.catch(() => {});
    await database
      .withWorkspace(workspaceId, (db) =>
        db.update(prospectImports).set({ status: 'failed', finishedAt: sql`now()` }).where(eq(prospectImports.id, importId)),
      )
      .catch(() => {});
    throw error;
  }

  errors.sort((a, b) => a.row - b.row);
  await database.withWorkspace(workspaceId, async (db) => {
    await db
      .update(prospectImports)
      .set({ status: 'completed', totalRows: totals.processed, finishedAt: sql`now()` })
      .where(eq(prospectImports.id, importId));
    await recordEvent(db, {
      workspaceId,
      type: 'prospects.imported',
      actorUserId: context.userId,
      campaignId,
      data: {
        importId,
        fileName: input.fileName ?? null,
        totalRows: totals.processed,
        imported: totals.imported,
        duplicates: totals.duplicates,
        errorCount: totals.errorCount,
      },
    });
    // "Enrich on arrival": the campaign's new prospects are queued in the same commit as the import's end.
    await enqueueEnrichmentForCampaignArrivals(db, { workspaceId, campaignId });
  });
  return { importId, totalRows: totals.processed, imported: totals.imported, duplicates: totals.duplicates, errorCount: totals.errorCount, errors };
}

/**
 * One multi-row insert from a single JSON parameter (jsonb_to_recordset), whatever the batch size:
 * no parameter limit, one round trip. Rows already in the workspace (same email, or same LinkedIn
 * URL without email) are skipped by the unique indexes; the count of new rows comes back.
 */
async function insertRows(db: Db, target: { workspaceId: string; campaignId: string | null; userId: string | null }, rows: ImportRow[]): Promise<number> {
  const [result] = await queryRows<{ inserted: number }>(
    db,
    sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          email text, first_name text, last_name text, full_name text, linkedin_url text, title text, company text,
          company_domain text, industry text, location text, timezone text, tags text[], custom_fields jsonb)
      ), inserted as (
        insert into prospects (workspace_id, source, campaign_id, created_by, email, first_name, last_name, full_name,
          linkedin_url, title, company, company_domain, industry, location, timezone, tags, custom_fields)
        select ${target.workspaceId}::uuid, 'csv', ${target.campaignId}::uuid, ${target.userId}::uuid, email, first_name, last_name,
          full_name, linkedin_url, title, company, company_domain, industry, location, timezone, coalesce(tags, '{}'),
          coalesce(custom_fields, '{}'::jsonb)
        from input
        on conflict do nothing
        returning 1
      )
      select count(*)::int as inserted from inserted`,
  );
  return Number(result?.inserted ?? 0);
}
