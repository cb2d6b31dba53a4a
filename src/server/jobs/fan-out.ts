import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { JobFamily } from '../../shared/enums.js';
import { queryRows } from '../db/database.js';
import { defineJob, type SystemJobDefinition, type WorkspaceJobDefinition } from './definitions.js';
import { enqueue } from './queue.js';

type FanOutRow = { workspace_id: string } & Record<string, unknown>;

/**
 * A cron tick that fans out (system scope): one `target` job per row `select` finds across
 * workspaces. Each is deduplicated by its key, so a run still queued or running is not doubled
 * by the next tick, and a row missed while no instance ran is found by the next one.
 */
export function defineFanOutTick<Row extends FanOutRow>(options: {
  name: string;
  family: JobFamily;
  target: WorkspaceJobDefinition;
  /** Rows with at least `workspace_id`, read as the system role. */
  select: SQL;
  payload(row: Row): Record<string, unknown>;
  dedupeKey(row: Row): string;
}): SystemJobDefinition {
  return defineJob({
    name: options.name,
    family: options.family,
    scope: 'system',
    payload: z.object({}),
    // The next tick is the retry.
    attempts: 1,
    async handler({ services }) {
      return services.database.asSystem(async (db) => {
        const rows = await queryRows<Row>(db, options.select);
        for (const row of rows) await enqueue(db, options.target, options.payload(row), { workspaceId: row.workspace_id, dedupeKey: options.dedupeKey(row) });
        return { enqueued: rows.length };
      });
    },
  });
}
