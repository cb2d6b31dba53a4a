import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import type { Database, Db } from '../db/database.js';
import { prospectImportFiles, prospectImports } from '../db/schema/index.js';
import { AppError, fieldIssue } from '../errors.js';
import { assertCampaignExists } from '../campaigns/campaigns.queries.js';
import { enqueue } from '../jobs/queue.js';
import { runJobNow } from '../jobs/run-now.js';
import type { AppServices } from '../services.js';
import { runCsvImport } from './csv-import-run.js';
import { cleanHeaders, estimateRows, readRecords, sniffDelimiter } from './csv-read.js';
import { buildPlan } from './csv-rows.js';
import { importProspectsJob } from './jobs.js';
import { readImportSummary, type ImportSummary } from './import-status.js';
import type { ImportInput, ImportResult } from './prospects.schemas.js';

/**
 * CSV import, the upload side: the file is checked (header, mapping), stored in the database with
 * its import record and its `prospects.import` job, all in one transaction; the job does the rest.
 * A small file is run at once by the request itself and answered with its counts.
 */

/** Up to this many rows the request runs the job and answers with the counts (a few seconds at most). */
export const WAIT_FOR_ROWS = 5000;
/** How long a request waits for a small import another worker picked up, before answering "running". */
const WAIT_MS = 10_000;

type Created = { importId: string; jobId: string; rowEstimate: number };

/** Refuses at upload what no run could import: an empty file, no header, a mapping that does not fit. */
async function checkFile(text: string, mapping: ImportInput['mapping']): Promise<void> {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new AppError('BAD_REQUEST', 'The file is empty', { reason: 'import.file_empty', issues: [fieldIssue(['body'], 'file.empty', 'The file is empty')] });
  }
  for await (const { record, empty } of readRecords(text, sniffDelimiter(text.replace(/^\uFEFF/, '')), () => {})) {
    if (empty) continue;
    buildPlan(cleanHeaders(record), mapping);
    return;
  }
  throw new AppError('BAD_REQUEST', 'The file has no header row', { reason: 'import.no_header' });
}

/** Stores the upload, its import record and its job, in the caller's workspace transaction. */
export async function createCsvImport(db: Db, actor: Actor, input: ImportInput): Promise<Created> {
  const { workspaceId } = actor;
  const campaignId = input.campaignId ?? null;
  if (campaignId) await assertCampaignExists(db, campaignId);
  const rowEstimate = estimateRows(input.body);
  // Unique per workspace: an id taken in another workspace is free here, and says nothing about it.
  const [row] = await db
    .insert(prospectImports)
    .values({
      ...(input.importId ? { id: input.importId } : {}),
      workspaceId,
      campaignId,
      fileName: input.fileName ?? null,
      totalRows: rowEstimate,
      mapping: input.mapping ?? null,
      createdBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning({ id: prospectImports.id });
  if (!row) throw new AppError('CONFLICT', 'An import with this id already exists', { reason: 'import.id_taken' });
  await db.insert(prospectImportFiles).values({ workspaceId, importId: row.id, content: Buffer.from(input.body, 'utf8') });
  const job = await enqueue(db, importProspectsJob, { importId: row.id }, { workspaceId, campaignId });
  await db.update(prospectImports).set({ jobId: job.id }).where(and(eq(prospectImports.workspaceId, workspaceId), eq(prospectImports.id, row.id)));
  return { importId: row.id, jobId: job.id, rowEstimate };
}

const finished = (summary: ImportSummary | null): summary is ImportSummary => summary !== null && summary.status !== 'running';

/**
 * The upload: stored and queued; a small file is run here and now (through the job's claim, so a
 * crash still leaves it to the engine) and answered with its counts, a larger one with "running".
 */
export async function uploadCsvImport(services: AppServices, actor: Actor, input: ImportInput): Promise<ImportResult> {
  await checkFile(input.body, input.mapping);
  const created = await services.database.withWorkspace(actor.workspaceId, (db) => createCsvImport(db, actor, input));
  const running = { importId: created.importId, status: 'running' as const };
  if (created.rowEstimate > WAIT_FOR_ROWS) return running;
  const ranHere = await runJobNow(services, importProspectsJob, created.jobId);
  const summary = (db: Db) => readImportSummary(db, created.importId);
  // Run here and not finished: that attempt failed and the engine retries it; no use waiting.
  const deadline = ranHere ? 0 : Date.now() + WAIT_MS;
  for (;;) {
    const current = await services.database.withWorkspace(actor.workspaceId, summary);
    if (finished(current)) return current;
    if (Date.now() >= deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Stores and runs an import in this process, start to end, without the job engine (the benches and
 * seeds; the parsing and inserting are the job's own).
 */
export async function importCsv(database: Database, actor: Actor, input: ImportInput): Promise<ImportSummary> {
  await checkFile(input.body, input.mapping);
  const { importId } = await database.withWorkspace(actor.workspaceId, (db) => createCsvImport(db, actor, input));
  const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => database.withWorkspace(actor.workspaceId, fn);
  await runCsvImport({ workspaceId: actor.workspaceId, inWorkspace, pauseMs: database.kind === 'pglite' ? 25 : 0 }, importId);
  const summary = await inWorkspace((db) => readImportSummary(db, importId));
  if (!summary) throw new Error(`import ${importId} vanished`);
  return summary;
}
