import { AGENT_LANGUAGES, CREDENTIAL_SERVICES, MAILBOX_KINDS, MAILBOX_STATUSES, WEBHOOK_ENDPOINT_KINDS } from '../../../shared/enums.js';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, workspaceIsolation } from './columns.js';
import { workspaces } from './identity.js';

export const credentialServiceEnum = pgEnum('credential_service', CREDENTIAL_SERVICES);

/**
 * Third-party credentials, one per service per workspace. `secret_ciphertext` is AES-256-GCM over a
 * JSON object of the secret fields (API key, webhook secret…), `key_id` names the key that sealed it
 * so `npm run rotate-key` can re-encrypt. `config` holds the non-secret fields (base URL, model,
 * booking link) and may be shown. Only `last4` of the key ever reaches the browser.
 */
export const apiCredentials = pgTable(
  'api_credentials',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    service: credentialServiceEnum('service').notNull(),
    secretCiphertext: text('secret_ciphertext'),
    keyId: text('key_id'),
    config: jsonb('config').$type<Record<string, string>>().notNull().default({}),
    last4: text('last4'),
    isActive: boolean('is_active').notNull().default(true),
    lastVerifiedAt: tstz('last_verified_at'),
    lastVerifyOk: boolean('last_verify_ok'),
    lastVerifyError: text('last_verify_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('api_credentials_service_idx').on(t.workspaceId, t.service), workspaceIsolation()],
);

/** The ideal customer profile: search inputs for scraping, fit criteria for enrichment. */
export const icpProfiles = pgTable(
  'icp_profiles',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    industries: text('industries').array().notNull().default(sql`'{}'`),
    jobTitles: text('job_titles').array().notNull().default(sql`'{}'`),
    seniorities: text('seniorities').array().notNull().default(sql`'{}'`),
    companySizes: text('company_sizes').array().notNull().default(sql`'{}'`),
    locations: text('locations').array().notNull().default(sql`'{}'`),
    technologies: text('technologies').array().notNull().default(sql`'{}'`),
    keywords: text('keywords').array().notNull().default(sql`'{}'`),
    excludedDomains: text('excluded_domains').array().notNull().default(sql`'{}'`),
    excludedCompanies: text('excluded_companies').array().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('icp_profiles_workspace_idx').on(t.workspaceId), workspaceIsolation()],
);

export type DnsCheckStatus = 'ok' | 'warning' | 'missing' | 'error';
export type DomainCheckResult = {
  checkedAt: string;
  mx: { status: DnsCheckStatus; records: string[]; detail?: string };
  spf: { status: DnsCheckStatus; record: string | null; authorizesSmtpHost: boolean | null; detail?: string; expected?: string };
  dkim: { status: DnsCheckStatus; selector: string | null; record: string | null; detail?: string; expected?: string };
  dmarc: { status: DnsCheckStatus; record: string | null; policy: string | null; detail?: string; expected?: string };
};

/** A sending domain (the part after @ of one or more mailboxes) with its DKIM key and last DNS check. */
export const sendingDomains = pgTable(
  'sending_domains',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    dkimSelector: text('dkim_selector'),
    /** Encrypted PEM when the app generated the key pair. */
    dkimPrivateKeyCiphertext: text('dkim_private_key_ciphertext'),
    dkimKeyId: text('dkim_key_id'),
    dkimPublicKey: text('dkim_public_key'),
    lastCheck: jsonb('last_check').$type<DomainCheckResult>(),
    checkedAt: tstz('checked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sending_domains_domain_idx').on(t.workspaceId, t.domain), workspaceIsolation()],
);

export const mailboxKindEnum = pgEnum('mailbox_kind', MAILBOX_KINDS);
export const mailboxStatusEnum = pgEnum('mailbox_status', MAILBOX_STATUSES);

/**
 * A sending mailbox. Passwords are encrypted like credentials (`*_password_ciphertext` + key id).
 * The sandbox mailbox (one per workspace) stores outgoing mail in `messages` instead of sending.
 */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: mailboxKindEnum('kind').notNull().default('smtp'),
    fromName: text('from_name').notNull(),
    fromEmail: text('from_email').notNull(),
    smtpHost: text('smtp_host'),
    smtpPort: integer('smtp_port'),
    smtpSecure: boolean('smtp_secure'),
    /** With `smtpSecure` false: true = plain text on purpose (a local relay); false = STARTTLS required. */
    smtpPlaintext: boolean('smtp_plaintext').notNull().default(false),
    smtpUser: text('smtp_user'),
    smtpPasswordCiphertext: text('smtp_password_ciphertext'),
    imapHost: text('imap_host'),
    imapPort: integer('imap_port'),
    imapSecure: boolean('imap_secure'),
    imapPlaintext: boolean('imap_plaintext').notNull().default(false),
    imapUser: text('imap_user'),
    imapPasswordCiphertext: text('imap_password_ciphertext'),
    /** Key id that sealed both password ciphertexts. */
    keyId: text('key_id'),
    signature: text('signature').notNull().default(''),
    dailyLimit: integer('daily_limit').notNull().default(20),
    minGapSeconds: integer('min_gap_seconds').notNull().default(120),
    windowStart: text('window_start').notNull().default('09:00'),
    windowEnd: text('window_end').notNull().default('17:00'),
    windowDays: integer('window_days').array().notNull().default(sql`'{1,2,3,4,5}'`),
    windowTimezone: text('window_timezone').notNull().default('UTC'),
    warmupEnabled: boolean('warmup_enabled').notNull().default(true),
    warmupStartPerDay: integer('warmup_start_per_day').notNull().default(5),
    warmupIncrementPerDay: integer('warmup_increment_per_day').notNull().default(2),
    warmupStartedAt: tstz('warmup_started_at'),
    status: mailboxStatusEnum('status').notNull().default('active'),
    pausedReason: text('paused_reason'),
    lastSentAt: tstz('last_sent_at'),
    imapUidValidity: bigint('imap_uid_validity', { mode: 'number' }),
    imapLastUid: bigint('imap_last_uid', { mode: 'number' }),
    lastTestAt: tstz('last_test_at'),
    lastTestOk: boolean('last_test_ok'),
    lastTestError: text('last_test_error'),
    lastImapCheckAt: tstz('last_imap_check_at'),
    lastImapCheckOk: boolean('last_imap_check_ok'),
    lastImapCheckError: text('last_imap_check_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('mailboxes_from_email_idx').on(t.workspaceId, t.fromEmail),
    uniqueIndex('mailboxes_one_sandbox_idx').on(t.workspaceId).where(sql`kind = 'sandbox'`),
    workspaceIsolation(),
  ],
);

export const agentLanguageEnum = pgEnum('agent_language', AGENT_LANGUAGES);

export type AgentTemplate = { name: string; subject?: string; body: string };

/** The AI persona that qualifies replies for a campaign. */
export const agents = pgTable(
  'agents',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    personality: text('personality').notNull().default('consultative'),
    tone: text('tone').notNull().default('warm and concise'),
    style: text('style').notNull().default(''),
    language: agentLanguageEnum('language').notNull().default('auto'),
    templates: jsonb('templates').$type<AgentTemplate[]>().notNull().default([]),
    bookingUrl: text('booking_url'),
    confidenceThreshold: real('confidence_threshold').notNull().default(0.8),
    autoSend: boolean('auto_send').notNull().default(true),
    undoWindowSeconds: integer('undo_window_seconds').notNull().default(0),
    forbiddenTopics: text('forbidden_topics').array().notNull().default(sql`'{}'`),
    escalationWords: text('escalation_words').array().notNull().default(sql`'{}'`),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agents_workspace_idx').on(t.workspaceId),
    uniqueIndex('agents_one_default_idx').on(t.workspaceId).where(sql`is_default`),
    workspaceIsolation(),
  ],
);

export const webhookProviderEnum = pgEnum('webhook_provider', WEBHOOK_ENDPOINT_KINDS);

/**
 * An inbound webhook of one provider for one workspace. The URL carries `token`
 * (`/api/webhooks/<provider>/<token>`): it names the workspace, so the handler knows whose secret
 * to check before reading anything else. `secret_ciphertext` (sealed like credentials) is the HMAC
 * secret for Cal.com / Calendly / the inbound-email webhook, and the shared secret Instantly sends
 * back in a header. The inbound-email row's token is unused: its URL names the workspace in
 * `?workspace=` (the address handed out before this table held it, kept so nobody re-pastes).
 * `remote_*`: the subscription we created on the provider's side (Calendly's API), if any.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    provider: webhookProviderEnum('provider').notNull(),
    token: text('token').notNull(),
    secretCiphertext: text('secret_ciphertext').notNull(),
    keyId: text('key_id').notNull(),
    rotatedAt: tstz('rotated_at'),
    lastReceivedAt: tstz('last_received_at'),
    remoteSubscriptionUri: text('remote_subscription_uri'),
    remoteSubscriptionScope: text('remote_subscription_scope'),
    remoteSubscribedAt: tstz('remote_subscribed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('webhook_endpoints_provider_idx').on(t.workspaceId, t.provider),
    uniqueIndex('webhook_endpoints_token_idx').on(t.token),
    workspaceIsolation(),
  ],
);
