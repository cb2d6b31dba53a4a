import { sql } from 'drizzle-orm';

/**
 * How demo data (`npm run seed:demo`) is marked, so it is visible as such and removable in one
 * action without touching the workspace's own rows: prospects carry the `demo` tag and
 * `custom_fields.seed = 'demo'`, campaigns the description "Demo campaign N", messages a
 * `<demo-…>` Message-ID, meetings a `demo-…` external id; mailboxes live under `outreach-N.example`.
 */
export const DEMO_TAG = 'demo';
export const DEMO_MARKS = {
  prospect: sql.raw(`custom_fields ->> 'seed' = 'demo'`),
  campaign: sql.raw(`description like 'Demo campaign %'`),
  messageIdPrefixSql: `message_id_header like '<demo-%'`,
  meeting: sql.raw(`external_id like 'demo-%'`),
  mailbox: sql.raw(`from_email ~ '^sales[0-9]+@outreach-[0-9]+\\.example$'`),
  agentNames: ['Closer (FR) · demo', 'Consultant · demo'] as const,
};
