import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, tstz, workspaceIsolation } from './columns.js';
import { workspaces } from './identity.js';

/**
 * What DNS said about a recipient domain (MX, or the implicit-MX address record), cached per
 * workspace so the look-up happens once per domain and outside the claim's locks. `unknown` (the
 * look-up failed) is kept only briefly; the claim re-reads this row before a first email leaves.
 */
export const emailDomainChecks = pgTable(
  'email_domain_checks',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    verdict: jsonb('verdict').$type<{ kind: 'accepts_mail' | 'no_mail' | 'unknown' } & Record<string, string>>().notNull(),
    checkedAt: tstz('checked_at').notNull().default(sql`now()`),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [uniqueIndex('email_domain_checks_domain_idx').on(t.workspaceId, t.domain), index('email_domain_checks_expires_idx').on(t.expiresAt), workspaceIsolation()],
);
