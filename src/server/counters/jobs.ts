import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../db/database.js';
import { defineJob, defineJobModule } from '../jobs/definitions.js';
import { reconcileCounters } from './reconcile.js';

/**
 * On MAINTENANCE_CRON: recomputes every workspace's counters from the source rows. The triggers
 * keep them exact, so this normally finds nothing; a non-zero count is logged as a warning (a
 * write path that bypassed the triggers, or a restored backup) and repaired.
 */
export const reconcileCountersJob = defineJob({
  name: 'counters.reconcile',
  family: 'maintenance',
  scope: 'system',
  payload: z.object({}),
  async handler({ services, signal }) {
    const workspaceIds = await services.database.asSystem(async (db) => (await queryRows<{ id: string }>(db, sql`select id from workspaces order by id`)).map((row) => row.id));
    let repaired = 0;
    for (const workspaceId of workspaceIds) {
      if (signal.aborted) break;
      const drift = await services.database.withWorkspace(workspaceId, (db) => reconcileCounters(db, workspaceId));
      const rows = drift.campaignRows + drift.rollupRows + drift.workspaceRows;
      if (rows > 0) services.logger.warn({ workspaceId, drift }, 'counters differed from their source rows: repaired');
      repaired += rows;
    }
    return { workspaces: workspaceIds.length, repaired };
  },
});

export const counterJobs = defineJobModule({
  name: 'counters',
  jobs: [],
  schedules: [{ job: reconcileCountersJob, cron: (config) => config.jobs.maintenanceCron }],
});
