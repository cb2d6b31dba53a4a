import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cron from 'node-cron';
import { z } from 'zod';
import type { JobFamily } from '../shared/enums.js';
import { parseTrustProxy, type TrustProxy } from './auth/proxy-trust.js';

/**
 * The one place that reads the environment. Everything else receives a typed `Config`.
 * A bad variable stops start-up with a message that names it (see `ConfigError`).
 */

/**
 * The folder holding package.json (and drizzle/, dist/): above src/server/config.ts, or above the
 * bundle chunk under dist/server/ this module is built into.
 */
function findAppRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return path.resolve(from, '../..');
}
export const APP_ROOT = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));

const cronExpression = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => cron.validate(value), { message: 'is not a valid cron expression' });

const concurrency = (fallback: number) => z.coerce.number().int().min(1).max(64).default(fallback);

const port = z.coerce.number().int().min(0).max(65535);
const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      const trust = parseTrustProxy(value);
      if ('error' in trust) {
        ctx.addIssue({ code: 'custom', message: trust.error });
        return z.NEVER;
      }
      return trust;
    }),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Prepared statements on PostgreSQL; `false` behind a transaction-mode PgBouncer. */
  DATABASE_PREPARE: boolFlag.default(true),
  /**
   * The embedded PGlite in its own worker thread (HTTP, SSE and timers stay responsive while it
   * works). `false` runs it on the event loop, as before issue 12; see README.
   */
  PGLITE_WORKER: boolFlag.default(true),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex characters or base64')
    .optional(),
  ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIGN_UP_LIMIT_PER_IP: z.coerce.number().int().min(1).default(20),
  SESSION_INACTIVITY_DAYS: z.coerce.number().positive().max(365).default(10),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(50 * 1_048_576),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  JOBS_ENABLED: boolFlag.default(true),
  // One pool per job family: slow LLM or PhantomBuster work never takes the slots of sending.
  JOBS_CONCURRENCY_SEND: concurrency(2),
  JOBS_CONCURRENCY_INGEST: concurrency(2),
  JOBS_CONCURRENCY_ENRICH: concurrency(5),
  JOBS_CONCURRENCY_SCRAPE: concurrency(2),
  JOBS_CONCURRENCY_MAINTENANCE: concurrency(1),
  JOBS_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
  JOBS_POLL_CRON: cronExpression('*/2 * * * * *'),
  MAINTENANCE_CRON: cronExpression('*/5 * * * *'),
  SEND_TICK_CRON: cronExpression('* * * * *'),
  IMAP_POLL_CRON: cronExpression('*/2 * * * *'),
  /** Keep one IDLE connection per mailbox whose server offers it, so replies are read as they arrive (the poll stays as the safety net). */
  IMAP_IDLE: boolFlag.default(true),
  DNS_SERVERS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  PHANTOMBUSTER_API_URL: z.url().default('https://api.phantombuster.com/api/v2'),
  // Where agents publish result.csv (read when a run has no result object).
  PHANTOMBUSTER_S3_URL: z.url().default('https://phantombuster.s3.amazonaws.com'),
  // How often a running PhantomBuster agent is polled (each poll is one short job run).
  SCRAPE_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(15),
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  CALCOM_API_URL: z.url().default('https://api.cal.com/v2'),
  CALENDLY_API_URL: z.url().default('https://api.calendly.com'),
  INSTANTLY_API_URL: z.url().default('https://api.instantly.ai/api/v2'),
  // How long an Instantly call may take; an answer sent through Instantly that outlives it is
  // flagged "unknown" (it may have left), never sent again by itself.
  INSTANTLY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // User-provided URLs (webhook, custom LLM base URL, mail servers) may point at private/loopback
  // addresses only when this is on (default: on only under NODE_ENV=test and `npm run dev`).
  // Turn on for a local Ollama/vLLM. Link-local and metadata addresses are refused whatever it says.
  ALLOW_PRIVATE_NETWORK_URLS: boolFlag.optional(),
  // The app's own mail (password-reset links), not a workspace mailbox. Unset: links go to the log.
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).regex(/^[^\r\n]+$/, 'must be one line').default('Sales Machine <no-reply@localhost>'),
});

export type Env = z.input<typeof envSchema>;

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Fixed public origin (scheme://host[:port]) when APP_URL is set; otherwise derived per request. */
  appOrigin: string | undefined;
  /** Which proxy hops may speak for the client in X-Forwarded-* (see auth/proxy-trust.ts). */
  trustProxy: TrustProxy;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  databasePrepare: boolean;
  pgliteWorker: boolean;
  encryptionKey: string | undefined;
  /** Keys that may still have sealed stored values; `npm run rotate-key` re-seals them. */
  previousEncryptionKeys: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionInactivityMs: number;
  /** Accounts one address may create per hour. */
  signUpLimitPerIpPerHour: number;
  maxBodyBytes: number;
  maxUploadBytes: number;
  shutdownTimeoutMs: number;
  jobs: {
    enabled: boolean;
    /** Jobs run at once per family in this instance. */
    concurrency: Record<JobFamily, number>;
    leaseMs: number;
    pollCron: string;
    maintenanceCron: string;
    sendTickCron: string;
    imapPollCron: string;
    /** Watch INBOX with IMAP IDLE where the server offers it (IMAP_IDLE). */
    imapIdle: boolean;
  };
  dnsServers: string[];
  scrape: { pollMs: number };
  apiUrls: { phantombuster: string; phantombusterS3: string; openai: string; calcom: string; calendly: string; instantly: string };
  instantlyTimeoutMs: number;
  /** Whether user-provided URLs may reach private, loopback or link-local addresses (SSRF guard). */
  allowPrivateNetworkUrls: boolean;
  /** The app's own outgoing mail (password resets); `smtpUrl` unset = links are written to the log. */
  systemMail: { smtpUrl: string | undefined; from: string };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in .env files mean "not set", as most tools treat them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got = name in cleaned ? ` (got ${JSON.stringify(cleaned[name])})` : '';
      return `  ${name}: ${issue.message}${got}`;
    });
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // A link mailed to someone must not take its host from a request's Host header (reset poisoning).
  if (e.SMTP_URL && !e.APP_URL) throw new ConfigError('Invalid environment configuration:\n  SMTP_URL: needs APP_URL, the address the emailed links point to');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    appOrigin: e.APP_URL ? new URL(e.APP_URL).origin : undefined,
    trustProxy: e.TRUST_PROXY,
    dataDir: path.resolve(APP_ROOT, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePrepare: e.DATABASE_PREPARE,
    pgliteWorker: e.PGLITE_WORKER,
    encryptionKey: e.ENCRYPTION_KEY,
    previousEncryptionKeys: e.ENCRYPTION_PREVIOUS_KEYS,
    logLevel: e.LOG_LEVEL,
    sessionInactivityMs: e.SESSION_INACTIVITY_DAYS * 24 * 3600 * 1000,
    signUpLimitPerIpPerHour: e.SIGN_UP_LIMIT_PER_IP,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    jobs: {
      enabled: e.JOBS_ENABLED,
      concurrency: {
        send: e.JOBS_CONCURRENCY_SEND,
        ingest: e.JOBS_CONCURRENCY_INGEST,
        enrich: e.JOBS_CONCURRENCY_ENRICH,
        scrape: e.JOBS_CONCURRENCY_SCRAPE,
        maintenance: e.JOBS_CONCURRENCY_MAINTENANCE,
      },
      leaseMs: e.JOBS_LEASE_SECONDS * 1000,
      pollCron: e.JOBS_POLL_CRON,
      maintenanceCron: e.MAINTENANCE_CRON,
      sendTickCron: e.SEND_TICK_CRON,
      imapPollCron: e.IMAP_POLL_CRON,
      imapIdle: e.IMAP_IDLE,
    },
    dnsServers: e.DNS_SERVERS,
    scrape: { pollMs: Math.round(e.SCRAPE_POLL_SECONDS * 1000) },
    apiUrls: {
      phantombuster: e.PHANTOMBUSTER_API_URL,
      phantombusterS3: e.PHANTOMBUSTER_S3_URL,
      openai: e.OPENAI_BASE_URL,
      calcom: e.CALCOM_API_URL,
      calendly: e.CALENDLY_API_URL,
      instantly: e.INSTANTLY_API_URL,
    },
    instantlyTimeoutMs: e.INSTANTLY_TIMEOUT_MS,
    // Off unless asked for: `npm start` runs as development, on a server anyone may reach.
    // `npm run dev` and the tests turn it on (scripts/dev.mjs, NODE_ENV=test).
    allowPrivateNetworkUrls: e.ALLOW_PRIVATE_NETWORK_URLS ?? e.NODE_ENV === 'test',
    systemMail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
  };
}

/** For entry points (the server, CLI commands): a bad environment prints its message and exits 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
