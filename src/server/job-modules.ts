import { agentJobs } from './agent/jobs.js';
import { authJobs } from './auth/jobs.js';
import { enrichmentJobs } from './enrichment/jobs.js';
import { counterJobs } from './counters/jobs.js';
import type { JobModule } from './jobs/definitions.js';
import { jobQueueJobs } from './jobs/jobs.js';
import { prospectJobs } from './prospects/jobs.js';
import { repliesJobs } from './replies/jobs.js';
import { scrapingJobs } from './scraping/jobs.js';
import { sendingJobs } from './sending/jobs.js';

/** Each domain's jobs and schedules (its `jobs.ts`); a new engine adds its module here, once. */
export const jobModules: readonly JobModule[] = [authJobs, counterJobs, jobQueueJobs, prospectJobs, enrichmentJobs, scrapingJobs, sendingJobs, agentJobs, repliesJobs];
