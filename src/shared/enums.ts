/**
 * Enumerations shared by the database (pgEnum), the API (zod) and the UI. One list per concept:
 * the Drizzle schema builds its enums from these, so the three never drift apart.
 */
export const MEMBER_ROLES = ['admin', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const UI_LANGUAGES = ['en', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
/**
 * Job families: each has its own worker pool (JOBS_CONCURRENCY_<FAMILY>) and is claimed on its own,
 * so a backlog of slow LLM or PhantomBuster work never delays sending or reply handling.
 */
export const JOB_FAMILIES = ['send', 'ingest', 'enrich', 'scrape', 'maintenance'] as const;
export type JobFamily = (typeof JOB_FAMILIES)[number];
/** How the last run of a job ended (shown in job lists beside the state). */
export const JOB_OUTCOMES = ['succeeded', 'retry_scheduled', 'error', 'failed_permanently', 'failed', 'lease_expired'] as const;
export type JobOutcomeKind = (typeof JOB_OUTCOMES)[number];
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;

export const CREDENTIAL_SERVICES = ['openai', 'phantombuster', 'calcom', 'calendly', 'instantly', 'webhook'] as const;
export type CredentialService = (typeof CREDENTIAL_SERVICES)[number];

export const MAILBOX_KINDS = ['smtp', 'sandbox'] as const;
export const MAILBOX_STATUSES = ['active', 'paused', 'error'] as const;
export const AGENT_LANGUAGES = ['auto', 'en', 'fr'] as const;

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const PROSPECT_SOURCES = ['csv', 'linkedin', 'manual', 'api'] as const;
export type ProspectSource = (typeof PROSPECT_SOURCES)[number];

export const PROSPECT_STAGES = [
  'new',
  'enriched',
  'contacted',
  'replied',
  'interested',
  'meeting_booked',
  'won',
  'lost',
  'unsubscribed',
  'bounced',
] as const;
export type ProspectStage = (typeof PROSPECT_STAGES)[number];

/** The prospect fields a CSV column can be mapped to (besides `custom` and `ignore`), in display order. */
export const PROSPECT_FIELDS = [
  'email',
  'linkedinUrl',
  'firstName',
  'lastName',
  'fullName',
  'title',
  'company',
  'companyDomain',
  'industry',
  'location',
  'timezone',
  'tags',
] as const;
export type ProspectField = (typeof PROSPECT_FIELDS)[number];

export const ENRICHMENT_PROVIDERS = ['llm', 'offline'] as const;
/** A prospect's place in the enrichment queue (one row per prospect in `enrichment_tasks`). */
export const ENRICHMENT_TASK_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type EnrichmentTaskStatus = (typeof ENRICHMENT_TASK_STATUSES)[number];
export const ENROLLMENT_STATES = ['active', 'paused', 'finished', 'stopped'] as const;
export const SUPPRESSION_KINDS = ['email', 'domain', 'email_hash'] as const;
export const SUPPRESSION_REASONS = ['unsubscribe', 'bounce', 'complaint', 'manual', 'erasure'] as const;
export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;

export const MESSAGE_DIRECTIONS = ['outbound', 'inbound'] as const;
export const MESSAGE_STATES = ['scheduled', 'sending', 'sent', 'failed', 'unknown', 'received'] as const;
export const REPLY_INTENTS = [
  'interested',
  'meeting_request',
  'question',
  'not_interested',
  'not_now',
  'out_of_office',
  'referral',
  'unsubscribe',
  'bounce',
  'other',
] as const;
/** What the agent does with a reply (the playground's and the REST API's `action`). */
export const DECISION_ACTIONS = ['auto_reply', 'review', 'suppress', 'stop', 'reschedule', 'create_referral', 'bounce'] as const;
/**
 * Where a decision stands: `applied` (its action ran), `awaiting_send` (an automatic answer waiting
 * out the undo window), `sent`, `cancelled` (undone in the window), `in_review`, then `approved` /
 * `rejected` by a person, `send_failed`.
 */
export const DECISION_STATUSES = ['applied', 'awaiting_send', 'sent', 'cancelled', 'in_review', 'approved', 'rejected', 'send_failed'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
/** A `not_now` reminder: waiting for its day, acted on (a follow-up in review), or cancelled. */
export const REMINDER_STATUSES = ['scheduled', 'due', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
export const AI_PROVIDERS = ['llm', 'offline'] as const;
export const REVIEW_STATUSES = ['pending', 'approved', 'edited', 'rejected'] as const;
export const MEETING_PROVIDERS = ['calcom', 'calendly', 'manual'] as const;
export const MEETING_STATUSES = ['scheduled', 'rescheduled', 'cancelled', 'completed', 'no_show'] as const;
/** Inbound webhooks with a per-workspace URL token and secret (Settings → API keys → Webhooks). */
/** The providers that post to `/api/webhooks/<provider>/<token>`. */
export const WEBHOOK_PROVIDERS = ['calcom', 'calendly', 'instantly'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];
/**
 * Every per-workspace webhook secret (one `webhook_endpoints` row each): the providers, plus the
 * generic inbound-email webhook, whose URL names the workspace in `?workspace=` instead of a token.
 */
export const WEBHOOK_ENDPOINT_KINDS = [...WEBHOOK_PROVIDERS, 'inbound_email'] as const;
export type WebhookEndpointKind = (typeof WEBHOOK_ENDPOINT_KINDS)[number];
