import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { prospectImportFiles, prospectImports } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { enqueueEnrichmentForCampaignArrivals } from '../enrichment/enrichment-requests.js';
import { loadIcpExclusions, type ExclusionReason } from '../icp/exclusions.js';
import { cleanHeaders, readRecords, sniffDelimiter, type ParsedRecord, type SkippedRecord } from './csv-read.js';
import { buildPlan, toImportRow } from './csv-rows.js';
import { insertProspectBatch, type ProspectBatchRow } from './prospect-batch.js';
import type { ColumnTarget, ImportRowError } from './prospects.schemas.js';

/**
 * Running a stored CSV import (the `prospects.import` job): the file is parsed from the start and
 * the rows before `processed_rows` are passed over, so a run that died resumes after its last
 * committed batch. Each batch — its rows, the import's counts and resume point, its row errors and
 * an `import.progress` event — commits in one transaction, after checking under a row lock that the
 * resume point is still where this run left it: two runs of one import never insert a row twice.
 */

export const IMPORT_BATCH_SIZE = 2500;
/** Errors kept (and returned) per import; the count goes on beyond it. */
export const MAX_REPORTED_ERRORS = 5000;

export type ImportRunner = {
  workspaceId: string;
  /** A transaction scoped to the workspace (the job's `ctx.inWorkspace`). */
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Pause between batches (PGlite has one connection: leave it to requests for a moment). */
  pauseMs?: number;
  signal?: AbortSignal;
  onProgress?: (processed: number, total: number | null) => Promise<void>;
  /** The job's last attempt: a failure now marks the import failed instead of leaving it to the retry. */
  lastAttempt?: boolean;
};

type Totals = { processed: number; imported: number; duplicates: number; skipped: number; errorCount: number; reported: number };

/** Another run moved the resume point: this one stops without writing. */
export class ImportSupersededError extends Error {
  override name = 'ImportSupersededError';
}

const byImport = (workspaceId: string, importId: string) => and(eq(prospectImports.workspaceId, workspaceId), eq(prospectImports.id, importId));

const excludedIssue = (row: number, reason: ExclusionReason): ImportRowError =>
  reason.code === 'excluded_domain'
    ? { row, code: 'row.excluded_domain', message: `Skipped: the domain ${reason.domain} is excluded by your ICP`, params: { domain: reason.domain } }
    : { row, code: 'row.excluded_company', message: `Skipped: the company ${reason.company} is excluded by your ICP`, params: { company: reason.company } };

type Batch = { rows: ProspectBatchRow[]; rowNumbers: number[]; issues: ImportRowError[]; processed: number; skipped: number; errors: number };
const emptyBatch = (): Batch => ({ rows: [], rowNumbers: [], issues: [], processed: 0, skipped: 0, errors: 0 });

/** Runs (or resumes) the import to its end; 'done' when it was already finished, 'superseded' when another run has it. */
export async function runCsvImport(runner: ImportRunner, importId: string): Promise<'completed' | 'done' | 'superseded'> {
  const { workspaceId } = runner;
  const loaded = await runner.inWorkspace(async (db) => {
    const [row] = await db.select().from(prospectImports).where(byImport(workspaceId, importId));
    if (!row || row.status !== 'running') return null;
    const [file] = await db.select({ content: prospectImportFiles.content }).from(prospectImportFiles).where(and(eq(prospectImportFiles.workspaceId, workspaceId), eq(prospectImportFiles.importId, importId)));
    const [{ reported } = { reported: 0 }] = await db.select({ reported: sql<number>`jsonb_array_length(${prospectImports.errors})` }).from(prospectImports).where(byImport(workspaceId, importId));
    return { row, content: file ? file.content.toString('utf8') : null, reported: Number(reported), exclusions: await loadIcpExclusions(db) };
  });
  if (!loaded) return 'done';
  const { row: stored, content, exclusions } = loaded;
  if (content === null) {
    await finish(runner, importId, 'failed');
    return 'done';
  }
  const target = { workspaceId, campaignId: stored.campaignId, userId: stored.createdBy, source: 'csv' as const };
  const totals: Totals = { processed: stored.processedRows, imported: stored.imported, duplicates: stored.duplicates, skipped: stored.skipped, errorCount: stored.errorCount, reported: loaded.reported };
  const resumeAt = stored.processedRows;

  const write = async (batch: Batch) => {
    await runner.inWorkspace(async (db) => {
      const [current] = await db.select({ processed: prospectImports.processedRows, status: prospectImports.status }).from(prospectImports).where(byImport(workspaceId, importId)).for('update');
      if (!current || current.status !== 'running' || current.processed !== totals.processed) throw new ImportSupersededError(`import ${importId} moved on elsewhere`);
      const outcome = await insertProspectBatch(db, target, batch.rows, { exclusions });
      const issues = [...batch.issues, ...outcome.excluded.map(({ index, reason }) => excludedIssue(batch.rowNumbers[index]!, reason))].sort((a, b) => a.row - b.row);
      const kept = issues.slice(0, Math.max(0, MAX_REPORTED_ERRORS - totals.reported));
      totals.processed += batch.processed;
      totals.imported += outcome.inserted;
      totals.duplicates += outcome.duplicates;
      totals.skipped += batch.skipped + outcome.excluded.length;
      totals.errorCount += batch.errors;
      totals.reported += kept.length;
      await db
        .update(prospectImports)
        .set({
          processedRows: totals.processed,
          imported: totals.imported,
          duplicates: totals.duplicates,
          skipped: totals.skipped,
          errorCount: totals.errorCount,
          ...(kept.length ? { errors: sql`${prospectImports.errors} || ${JSON.stringify(kept)}::jsonb` } : {}),
        })
        .where(byImport(workspaceId, importId));
      await recordEvent(db, {
        workspaceId,
        type: 'import.progress',
        actorUserId: stored.createdBy,
        campaignId: stored.campaignId,
        data: { importId, processedRows: totals.processed, imported: totals.imported, duplicates: totals.duplicates, skipped: totals.skipped, errorCount: totals.errorCount },
      });
    });
    await runner.onProgress?.(totals.processed, stored.totalRows);
  };

  try {
    await parseInBatches(content, stored.mapping as ColumnTarget[] | null, resumeAt, runner, write);
    await finish(runner, importId, 'completed', totals.processed);
    return 'completed';
  } catch (error) {
    if (error instanceof ImportSupersededError) return 'superseded';
    if (runner.lastAttempt) await finish(runner, importId, 'failed').catch(() => {});
    throw error;
  }
}

/**
 * Streams the file into batches of IMPORT_BATCH_SIZE consumed records (rows, empty rows and unreadable
 * ones alike), skipping the first `resumeAt`. The next batch is parsed while the last one is written;
 * batches still commit one after the other, in file order.
 */
async function parseInBatches(content: string, mapping: ColumnTarget[] | null, resumeAt: number, runner: ImportRunner, write: (batch: Batch) => Promise<void>): Promise<void> {
  const skippedByParser: SkippedRecord[] = [];
  const records = readRecords(content, sniffDelimiter(content.replace(/^\uFEFF/, '')), (skip) => skippedByParser.push(skip));
  let header: ParsedRecord | undefined;
  let consumed = 0;
  let batch = emptyBatch();
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (runner.signal?.aborted) throw runner.signal.reason instanceof Error ? runner.signal.reason : new Error('import aborted');
    if (runner.pauseMs && batch.processed > 0) await new Promise((resolve) => setTimeout(resolve, runner.pauseMs));
    const full = batch;
    batch = emptyBatch();
    if (full.processed === 0) return;
    writing = write(full);
    // Its failure is handled where it is awaited (next flush, or the end); not an unhandled rejection meanwhile.
    writing.catch(() => {});
  };
  const take = (add: (into: Batch) => void) => {
    consumed++;
    if (consumed <= resumeAt) return;
    batch.processed++;
    add(batch);
  };
  const drainSkipped = () => {
    for (const skip of skippedByParser.splice(0)) {
      take((into) => {
        into.errors++;
        into.issues.push(skip);
      });
    }
  };
  let plan: ReturnType<typeof buildPlan> | undefined;
  try {
    for await (const item of records) {
      if (!header) {
        // Blank lines above the header are not rows; the header itself was checked at upload.
        if (item.empty) continue;
        header = item;
        plan = buildPlan(cleanHeaders(item.record), mapping ?? undefined);
        skippedByParser.splice(0);
        continue;
      }
      drainSkipped();
      take((into) => {
        if (item.empty) {
          into.skipped++;
          into.issues.push({ row: item.row, code: 'row.empty', message: 'Empty row: skipped' });
          return;
        }
        const outcome = toImportRow(item.record, plan!);
        if (outcome.ok) {
          into.rows.push(outcome.row);
          into.rowNumbers.push(item.row);
        } else {
          into.errors++;
          into.issues.push({ row: item.row, ...outcome.error });
        }
      });
      if (batch.processed >= IMPORT_BATCH_SIZE) await flush();
    }
    drainSkipped();
    await flush();
    await writing;
  } catch (error) {
    await writing.catch(() => {});
    throw error;
  }
}

/** Ends the import (its file is no longer needed) and announces it, unless another run ended it already. */
async function finish(runner: ImportRunner, importId: string, status: 'completed' | 'failed', processed?: number): Promise<void> {
  const { workspaceId } = runner;
  await runner.inWorkspace(async (db) => {
    const [row] = await db.select().from(prospectImports).where(byImport(workspaceId, importId)).for('update');
    if (!row || row.status !== 'running') return;
    if (processed !== undefined && row.processedRows !== processed) throw new ImportSupersededError(`import ${importId} moved on elsewhere`);
    await db
      .update(prospectImports)
      .set({ status, finishedAt: sql`now()`, ...(status === 'completed' ? { totalRows: row.processedRows } : {}) })
      .where(byImport(workspaceId, importId));
    await db.delete(prospectImportFiles).where(and(eq(prospectImportFiles.workspaceId, workspaceId), eq(prospectImportFiles.importId, importId)));
    await recordImportEnd(db, row, status);
    // "Enrich on arrival": the campaign's new prospects are queued in the same commit as the import's end
    // (a failed import's rows are kept, so they are enriched too).
    await enqueueEnrichmentForCampaignArrivals(db, { workspaceId, campaignId: row.campaignId });
  });
}

export async function recordImportEnd(db: Db, row: typeof prospectImports.$inferSelect, status: 'completed' | 'failed'): Promise<void> {
  await recordEvent(db, {
    workspaceId: row.workspaceId,
    type: 'prospects.imported',
    actorUserId: row.createdBy,
    campaignId: row.campaignId,
    data: {
      importId: row.id,
      status,
      fileName: row.fileName,
      totalRows: row.processedRows,
      imported: row.imported,
      duplicates: row.duplicates,
      skipped: row.skipped,
      errorCount: row.errorCount,
    },
  });
}
