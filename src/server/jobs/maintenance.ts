import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { deleteIdleSessions } from '../auth/sessions.js';
import { defineJob } from './definitions.js';

const FINISHED_JOB_RETENTION_DAYS = 14;

/** Housekeeping once per MAINTENANCE_CRON tick, whichever instance enqueues it first. */
export function maintenanceJob(sessionInactivityMs: number) {
  return defineJob({
    type: 'system.maintenance',
    payload: z.object({}).passthrough(),
    async handler({ database }) {
      return database.asSystem(async (db) => {
        const sessions = await deleteIdleSessions(db, sessionInactivityMs);
        await db.execute(sql`delete from rate_limits where window_started_at < now() - interval '1 day'`);
        await db.execute(
          sql`delete from jobs where state in ('succeeded', 'cancelled')
              and finished_at < now() - make_interval(days => ${FINISHED_JOB_RETENTION_DAYS})`,
        );
        return { idleSessionsDeleted: sessions };
      });
    },
  });
}
