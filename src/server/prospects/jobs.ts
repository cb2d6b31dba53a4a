import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../db/database.js';
import { prospectImportFiles, prospectImports } from '../db/schema/index.js';
import { defineJob, defineJobModule, type WorkspaceJobContext } from '../jobs/definitions.js';
import { recordImportEnd, runCsvImport, type ImportRunner } from './csv-import-run.js';

/** PGlite has one connection: between two batches, requests get it for a moment. */
const PGLITE_PAUSE_MS = 25;
/** An import younger than this may still be getting its job (upload and enqueue commit together, but clocks differ). */
const SWEEP_GRACE_SECONDS = 60;

type ImportPayload = { importId: string };

/** The handler, with test hooks (a child process slows the batches down to be killed mid-file). */
export async function runImportJob(ctx: WorkspaceJobContext<ImportPayload>, options: Partial<Pick<ImportRunner, 'pauseMs'>> = {}) {
  const runner: ImportRunner = {
    workspaceId: ctx.workspaceId,
    inWorkspace: (fn) => ctx.inWorkspace(fn),
    pauseMs: options.pauseMs ?? (ctx.services.config.databaseUrl ? 0 : PGLITE_PAUSE_MS),
    signal: ctx.signal,
    onProgress: (done, total) => ctx.reportProgress(done, total, 'rows'),
    lastAttempt: ctx.job.attempts >= ctx.job.maxAttempts,
  };
  const outcome = await runCsvImport(runner, ctx.payload.importId);
  return { importId: ctx.payload.importId, outcome };
}

/** Parses a stored CSV upload and inserts its rows in batches; resumes after a crash from the last committed batch. */
export const importProspectsJob = defineJob({
  name: 'prospects.import',
  family: 'ingest',
  scope: 'workspace',
  payload: z.object({ importId: z.uuid() }),
  attempts: 5,
  handler: (ctx) => runImportJob(ctx),
});

/**
 * Maintenance: an import still `running` whose job is gone or failed for good (its worker died on the
 * last attempt, or it never got one) is marked `failed` with the counts it reached, and its file dropped.
 * A job that is merely between attempts is left alone: the engine resumes it.
 */
export const importsSweepJob = defineJob({
  name: 'prospects.imports_sweep',
  family: 'maintenance',
  scope: 'system',
  payload: z.object({}),
  async handler({ services }) {
    // Across workspaces: the one place that must see every import whose job died.
    return services.database.asSystem(async (db) => {
      const failed = await queryRows<{ workspace_id: string; id: string }>(
        db,
        sql`update prospect_imports i set status = 'failed', finished_at = now(), updated_at = now()
            where i.status = 'running' and i.created_at < now() - make_interval(secs => ${SWEEP_GRACE_SECONDS})
              and not exists (select 1 from jobs j where j.id = i.job_id and j.state in ('queued', 'running'))
            returning i.workspace_id, i.id`,
      );
      for (const { workspace_id: workspaceId, id } of failed) {
        await db.delete(prospectImportFiles).where(and(eq(prospectImportFiles.workspaceId, workspaceId), eq(prospectImportFiles.importId, id)));
        const [row] = await db.select().from(prospectImports).where(and(eq(prospectImports.workspaceId, workspaceId), eq(prospectImports.id, id)));
        if (row) await recordImportEnd(db, row, 'failed');
      }
      return { failedImports: failed.length };
    });
  },
});

export const prospectJobs = defineJobModule({
  name: 'prospects',
  jobs: [importProspectsJob],
  schedules: [{ job: importsSweepJob, cron: (config) => config.jobs.maintenanceCron }],
});
