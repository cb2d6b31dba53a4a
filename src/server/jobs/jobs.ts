import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, defineJobModule } from './definitions.js';

const FINISHED_JOB_RETENTION_DAYS = 14;

/** The queue's own housekeeping: succeeded and cancelled jobs are kept two weeks for the job lists; failed ones stay until someone looks. */
export const jobsCleanupJob = defineJob({
  name: 'jobs.cleanup',
  family: 'maintenance',
  scope: 'system',
  payload: z.object({}),
  async handler({ services }) {
    return services.database.asSystem(async (db) => {
      await db.execute(
        sql`delete from jobs where state in ('succeeded', 'cancelled')
            and finished_at < now() - make_interval(days => ${FINISHED_JOB_RETENTION_DAYS})`,
      );
      return {};
    });
  },
});

export const jobQueueJobs = defineJobModule({
  name: 'jobs',
  jobs: [],
  schedules: [{ job: jobsCleanupJob, cron: (config) => config.jobs.maintenanceCron }],
});
