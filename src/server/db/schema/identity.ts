import { MEMBER_ROLES, UI_LANGUAGES } from '../../../shared/enums.js';
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const roleEnum = pgEnum('member_role', MEMBER_ROLES);
export const languageEnum = pgEnum('ui_language', UI_LANGUAGES);

export type OnboardingState = {
  step: number;
  skipped: number[];
  completedAt: string | null;
};

export type WorkspaceSettings = {
  /** Bounce rate above which a mailbox is paused automatically (email engine). */
  bouncePauseThreshold: number;
  /** Bounce rate above which a warning is shown. */
  bounceWarnThreshold: number;
  /** Enrichment limits (src/server/enrichment/enrichment-settings.ts); defaults when absent. */
  enrichment?: { concurrency: number; perMinute: number };
};

/** The tenant. Its own row is visible only inside its own workspace scope. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: id(),
    name: text('name').notNull(),
    companyName: text('company_name'),
    postalAddress: text('postal_address'),
    timezone: text('timezone').notNull().default('UTC'),
    language: languageEnum('language').notNull().default('en'),
    retentionDays: integer('retention_days').notNull().default(730),
    settings: jsonb('settings')
      .$type<WorkspaceSettings>()
      .notNull()
      .default({ bouncePauseThreshold: 0.05, bounceWarnThreshold: 0.03 }),
    onboarding: jsonb('onboarding').$type<OnboardingState>().notNull().default({ step: 1, skipped: [], completedAt: null }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [workspaceIsolation('id')],
);

/** People who sign in. Global: one person may belong to several workspaces. */
export const users = pgTable('users', {
  id: id(),
  /** Normalised: trimmed and lower-cased. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  language: languageEnum('language'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull().default('member'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId), workspaceIsolation()],
);

/**
 * Sessions in the style of Lucia's current guide: the client holds `<id>.<secret>`; only SHA-256 of
 * the secret is stored. The active workspace is part of the session (switching workspace = update).
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activeWorkspaceId: uuid('active_workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    secretHash: bytea('secret_hash').notNull(),
    lastVerifiedAt: tstz('last_verified_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_last_verified_idx').on(t.lastVerifiedAt)],
);

/** One-time invitation links: `<id>.<secret>`, SHA-256 of the secret stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** When set, only this address may accept. */
    email: text('email'),
    role: roleEnum('role').notNull().default('member'),
    secretHash: bytea('secret_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId), workspaceIsolation()],
);

/** Bearer tokens for the REST API: `sm_<id>.<secret>`, SHA-256 of the secret stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    secretHash: bytea('secret_hash').notNull(),
    /** The token acts as this user, with the user's current role; it dies with the user. */
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_tokens_workspace_idx').on(t.workspaceId), workspaceIsolation()],
);

/**
 * Addresses a user has signed in from with the right password: from these, a correct password is
 * never refused by the throttles (someone else's wrong guesses cannot lock the owner out).
 */
export const signInAddresses = pgTable(
  'sign_in_addresses',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text('ip').notNull(),
    lastSignedInAt: tstz('last_signed_in_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);

/** Fixed-window counters shared by every instance (sign-in throttling, later API rate limits). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStartedAt: tstz('window_started_at').notNull(),
});


/**
 * One-time password-reset links: `<id>.<secret>`, SHA-256 of the secret stored. Global like
 * `users` (asked for before anyone is signed in); a used or expired row opens nothing.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: bytea('secret_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);
