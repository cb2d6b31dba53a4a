import { sql } from 'drizzle-orm';
import { pgPolicy, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Row-level security: every table holding workspace data carries this policy. The request helper
 * (`Database.withWorkspace`) switches to the restricted role and sets `app.workspace_id` for the
 * transaction; without it the setting is empty, `nullif` makes it NULL and no row matches.
 * FORCE ROW LEVEL SECURITY (so the table owner is bound too) is applied by a custom migration,
 * because drizzle-kit only emits ENABLE.
 */
export const currentWorkspaceId = sql`nullif(current_setting('app.workspace_id', true), '')::uuid`;

export const workspaceIsolation = (column = 'workspace_id') =>
  pgPolicy('workspace_isolation', {
    as: 'permissive',
    for: 'all',
    using: sql`${sql.identifier(column)} = ${currentWorkspaceId}`,
    withCheck: sql`${sql.identifier(column)} = ${currentWorkspaceId}`,
  });

export const id = () => uuid('id').primaryKey().defaultRandom();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const tstz = (name: string) => timestamp(name, { withTimezone: true });
