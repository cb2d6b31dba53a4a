import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, workspaceIsolation } from './columns.js';
import { workspaces } from './identity.js';
import { messages } from './messaging.js';

/*
 * Reports (issue 10). `report_rollups` is kept on write by triggers (migration `reports`, custom
 * part) like the counters of schema/counters.ts, one level finer: per campaign, mailbox, step, A/B
 * variant and day in the workspace's time zone. A day (not a 15-minute bucket) because a mailbox
 * sends a few dozen emails a day: finer buckets would hold about one message each and save nothing.
 * Changing the workspace's time zone rebuilds its rows (a trigger on workspaces). A report over any
 * range reads O(days × dimensions) rows, never the messages themselves. The dashboard's 30-day
 * series is the workspace's sum per day of the same rows, kept in `dashboard_days` by a trigger on
 * report_rollups itself (one source of truth, written once per change; the copy is O(days)).
 */
const counter = (name: string) => integer(name).notNull().default(0);
/** "None" for the key columns (no campaign, no mailbox): keys must be NOT NULL to be upserted. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

export const reportRollups = pgTable(
  'report_rollups',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull(),
    mailboxId: uuid('mailbox_id').notNull(),
    /** The sequence step (0 = first); -1 for rows that belong to no step (meetings). */
    stepPosition: integer('step_position').notNull(),
    variantIndex: integer('variant_index').notNull(),
    /** The day in the workspace's time zone. */
    day: date('day').notNull(),
    /** Handed to the SMTP server: accepted + refused for good (hard bounce at send). */
    attempted: counter('attempted'),
    /** Accepted by the receiving server. */
    sent: counter('sent'),
    /** Hard bounces, at send time or by a later delivery status notification. */
    bounced: counter('bounced'),
    /**
     * Bounce notices received (inbound messages flagged as bounces), on the day they arrived and
     * given to the last step sent before them like a reply: the dashboard's bounce series.
     */
    bouncesReceived: counter('bounces_received'),
    /** Replies (neither bounce nor auto-reply), given to the last step sent before them. */
    replied: counter('replied'),
    /** Replies the AI judged interested / meeting request. */
    positive: counter('positive'),
    /** Enrolments stopped by an unsubscribe, given to the last step sent. */
    unsubscribed: counter('unsubscribed'),
    /** Messages opened / clicked at least once (tracking on). */
    opened: counter('opened'),
    clicked: counter('clicked'),
    meetings: counter('meetings'),
  },
  (t) => [
    primaryKey({ name: 'report_rollups_pk', columns: [t.workspaceId, t.campaignId, t.day, t.mailboxId, t.stepPosition, t.variantIndex] }),
    index('report_rollups_workspace_day_idx').on(t.workspaceId, t.day),
    workspaceIsolation(),
  ],
);

/**
 * The dashboard's series: report_rollups summed per workspace and day, kept by a statement trigger
 * on report_rollups (migration `dashboard_days`), so the home page reads 30 rows, not the ~1,000
 * per day that campaigns × mailboxes × steps × variants make. The reconcile recomputes it.
 */
export const dashboardDays = pgTable(
  'dashboard_days',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    sent: counter('sent'),
    replied: counter('replied'),
    bouncesReceived: counter('bounces_received'),
    positive: counter('positive'),
    meetings: counter('meetings'),
  },
  (t) => [primaryKey({ name: 'dashboard_days_pk', columns: [t.workspaceId, t.day] }), workspaceIsolation()],
);

/** A link of a tracked message: `/t/c/TOKEN` redirects to this URL and nowhere else. */
export const trackedLinks = pgTable(
  'tracked_links',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    url: text('url').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tracked_links_token_idx').on(t.token), index('tracked_links_message_idx').on(t.messageId), workspaceIsolation()],
);

/** Each open / click seen, with what the request said (user agent, likely a bot or a prefetch). */
export const messageEvents = pgTable(
  'message_events',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'open' | 'click'>().notNull(),
    linkId: uuid('link_id').references(() => trackedLinks.id, { onDelete: 'set null' }),
    userAgent: text('user_agent'),
    /** A mail scanner or an image proxy prefetching (not counted as a person's open / click). */
    likelyBot: boolean('likely_bot').notNull().default(false),
    at: tstz('at').notNull().default(sql`now()`),
  },
  (t) => [index('message_events_message_idx').on(t.messageId, t.at), workspaceIsolation()],
);
