import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, defineJobModule } from '../jobs/definitions.js';
import { deleteIdleSessions } from './sessions.js';

/** Housekeeping on MAINTENANCE_CRON: sessions idle past the timeout, and stale throttle counters. */
export const authCleanupJob = defineJob({
  name: 'auth.cleanup',
  family: 'maintenance',
  scope: 'system',
  payload: z.object({}),
  async handler({ services }) {
    return services.database.asSystem(async (db) => {
      const idleSessionsDeleted = await deleteIdleSessions(db, services.config.sessionInactivityMs);
      await db.execute(sql`delete from rate_limits where window_started_at < now() - interval '1 day'`);
      return { idleSessionsDeleted };
    });
  },
});

export const authJobs = defineJobModule({
  name: 'auth',
  jobs: [],
  schedules: [{ job: authCleanupJob, cron: (config) => config.jobs.maintenanceCron }],
});
