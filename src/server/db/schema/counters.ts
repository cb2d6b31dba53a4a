import { index, integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { workspaceIsolation } from './columns.js';
import { campaigns } from './campaigns.js';
import { workspaces } from './identity.js';

/*
 * Counters kept on write (issue 12). Database triggers (migration `counters`, custom part) move
 * them in the same transaction as the rows they count, whichever code path writes those rows, so
 * reads are O(campaigns) instead of scanning messages (the dashboard series reads `report_rollups`,
 * schema/reports.ts). `reconcileCounters`
 * (src/server/counters/) recomputes them from the source rows.
 */
const counter = (name: string) => integer(name).notNull().default(0);

/** One row per campaign that has anything to count (a missing row means all zeros). */
export const campaignCounters = pgTable(
  'campaign_counters',
  {
    campaignId: uuid('campaign_id')
      .primaryKey()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Distinct people enrolled in the campaign or assigned to it. */
    prospects: counter('prospects'),
    enrolled: counter('enrolled'),
    sent: counter('sent'),
    /** Inbound mail that is neither a bounce nor an auto-reply. */
    replied: counter('replied'),
    /** AI decisions on the campaign's replies with intent interested / meeting_request. */
    positive: counter('positive'),
    bounced: counter('bounced'),
    /** Enrollments stopped because the prospect unsubscribed. */
    unsubscribed: counter('unsubscribed'),
    /** Meetings linked to the campaign, cancelled ones excluded. */
    meetings: counter('meetings'),
  },
  (t) => [index('campaign_counters_workspace_idx').on(t.workspaceId), workspaceIsolation()],
);

/** Workspace-wide totals the dashboard tiles show. */
export const workspaceCounters = pgTable(
  'workspace_counters',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    prospects: counter('prospects'),
  },
  () => [workspaceIsolation()],
);
