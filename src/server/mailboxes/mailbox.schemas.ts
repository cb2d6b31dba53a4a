import { z } from 'zod';
import { emailSchema } from '../../shared/auth-rules.js';
import { MAILBOX_KINDS, MAILBOX_STATUSES } from '../../shared/enums.js';
import { refused } from '../../shared/issue-rules.js';
import {
  DAILY_LIMIT_DEFAULT,
  DAILY_LIMIT_MAX,
  DAILY_LIMIT_MIN,
  DEFAULT_WARMUP,
  DEFAULT_WINDOW,
  hasLineBreak,
  isValidTimezone,
  MIN_GAP_SECONDS_DEFAULT,
  MIN_GAP_SECONDS_MAX,
  minutesOf,
  SIGNATURE_MAX_LENGTH,
  WARMUP_INCREMENT_MAX,
} from '../../shared/mailbox-rules.js';

/** Text that ends up in a mail header: a CR or LF would let it inject headers. */
const headerText = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label} must be at most ${max} characters`)
    .refine((value) => !hasLineBreak(value), refused('text.line_break', `${label} must not contain line breaks`))
    .transform((value) => value.trim());

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV6 = /^\[?[0-9a-f:.]+\]?$/i;
export const hostSchema = z
  .string()
  .trim()
  .min(1, 'Host is required')
  .max(253, 'Host must be at most 253 characters')
  .refine((value) => HOST.test(value) || (value.includes(':') && IPV6.test(value)), refused('host.invalid', 'Enter a host name such as smtp.example.com'))
  .transform((value) => value.toLowerCase().replace(/^\[|\]$/g, ''));

export const portSchema = z.number('Port must be a number').int('Port must be a whole number').min(1, 'Port must be between 1 and 65535').max(65535, 'Port must be between 1 and 65535');

const userSchema = z.string().trim().max(254, 'User name must be at most 254 characters');
/** Never trimmed: spaces can be part of a password. Empty = keep the stored one (on update). */
const passwordSchema = z.string().max(500, 'Password must be at most 500 characters');

export const serverInput = z.object({
  host: hostSchema,
  port: portSchema,
  secure: z.boolean().meta({
    description: 'true = implicit TLS from the first byte (ports 465/993). false = STARTTLS, required by default: see `plaintext`.',
  }),
  plaintext: z
    .boolean()
    .default(false)
    .meta({
      description:
        'Only with `secure: false`. false (default) = STARTTLS is required: without it the app refuses to log in. ' +
        'true = an unencrypted connection, chosen on purpose (a relay on the local network).',
    }),
  user: userSchema,
  password: passwordSchema.optional(),
});
export type ServerInput = z.infer<typeof serverInput>;

const timeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'Use the 24-hour HH:MM format');

export const windowInput = z
  .object({
    start: timeSchema,
    end: timeSchema,
    days: z
      .array(z.number().int().min(1, 'Days are 1 (Monday) to 7 (Sunday)').max(7, 'Days are 1 (Monday) to 7 (Sunday)'))
      .min(1, 'Choose at least one day')
      .max(7)
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    timezone: z.string().trim().min(1).max(64).refine(isValidTimezone, refused('timezone.invalid', 'Unknown time zone')),
  })
  .superRefine((window, ctx) => {
    if (minutesOf(window.end) <= minutesOf(window.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], ...refused('window.end_before_start', 'The window must end after it starts') });
    }
  });

export const warmupInput = z.object({
  enabled: z.boolean(),
  startPerDay: z.number().int().min(1, 'Start must be at least 1 per day').max(DAILY_LIMIT_MAX, `Start must be at most ${DAILY_LIMIT_MAX} per day`),
  incrementPerDay: z.number().int().min(0, 'Increase must be 0 or more').max(WARMUP_INCREMENT_MAX, `Increase must be at most ${WARMUP_INCREMENT_MAX} per day`),
});

const dailyLimitSchema = z
  .number()
  .int()
  .min(DAILY_LIMIT_MIN, `Daily limit must be between ${DAILY_LIMIT_MIN} and ${DAILY_LIMIT_MAX}`)
  .max(DAILY_LIMIT_MAX, `Daily limit must be between ${DAILY_LIMIT_MIN} and ${DAILY_LIMIT_MAX}`);
const minGapSchema = z.number().int().min(0).max(MIN_GAP_SECONDS_MAX, `Minimum gap must be at most ${MIN_GAP_SECONDS_MAX} seconds`);

const fromNameSchema = headerText('Sender name', 100).pipe(z.string().min(1, 'Sender name is required'));
const signatureSchema = z.string().max(SIGNATURE_MAX_LENGTH, `Signature must be at most ${SIGNATURE_MAX_LENGTH} characters`);

export const createMailboxInput = z.object({
  fromName: fromNameSchema,
  fromEmail: emailSchema,
  smtp: serverInput,
  imap: serverInput.nullish(),
  signature: signatureSchema.default(''),
  dailyLimit: dailyLimitSchema.default(DAILY_LIMIT_DEFAULT),
  minGapSeconds: minGapSchema.default(MIN_GAP_SECONDS_DEFAULT),
  window: windowInput.default(DEFAULT_WINDOW),
  warmup: warmupInput.default(DEFAULT_WARMUP),
});
export type CreateMailboxInput = z.infer<typeof createMailboxInput>;

/** Every field optional: an omitted field (or password) keeps its stored value; `imap: null` removes IMAP. */
export const updateMailboxInput = z.object({
  id: z.uuid('Unknown mailbox'),
  fromName: fromNameSchema.optional(),
  fromEmail: emailSchema.optional(),
  smtp: serverInput.optional(),
  imap: serverInput.nullish(),
  signature: signatureSchema.optional(),
  dailyLimit: dailyLimitSchema.optional(),
  minGapSeconds: minGapSchema.optional(),
  window: windowInput.optional(),
  warmup: warmupInput.optional(),
});
export type UpdateMailboxInput = z.infer<typeof updateMailboxInput>;

export const testMailboxInput = z.object({
  id: z.uuid('Unknown mailbox'),
  to: emailSchema.optional(),
});

const serverOutput = z.object({ host: z.string(), port: z.number(), secure: z.boolean(), plaintext: z.boolean(), user: z.string(), hasPassword: z.boolean() });
const checkOutcome = z.object({ at: z.date(), ok: z.boolean(), error: z.string().nullable() }).nullable();

export const REPLY_READING_MODES = ['live', 'polling', 'connecting', 'retrying', 'off'] as const;
export const REPLY_READING_REASONS = ['idle_disabled', 'idle_unsupported', 'other_process', 'no_imap', 'sandbox'] as const;

/** How replies to the mailbox are read right now, as the server process that answers sees it. */
export const replyReadingOutput = z
  .object({
    mode: z.enum(REPLY_READING_MODES).meta({
      description:
        '`live`: an IMAP IDLE connection is open, new mail is read within seconds. `polling`: read every `pollEverySeconds` (see `reason`). ' +
        '`connecting`: the IDLE connection is being opened. `retrying`: it was lost or refused and is tried again (see `lastError`, `nextAttemptAt`); the poll still runs. ' +
        '`off`: nothing reads this mailbox over IMAP (see `reason`).',
    }),
    reason: z.enum(REPLY_READING_REASONS).nullable().meta({
      description:
        'Why `polling`: `idle_disabled` (IMAP_IDLE=false), `idle_unsupported` (the server offers no IDLE), `other_process` (this process runs no jobs: the one that does keeps the IDLE connections). ' +
        'Why `off`: `no_imap` (no IMAP settings; replies can still come through the inbound email webhook), `sandbox` (replies are simulated in the app).',
    }),
    since: z.date().nullable().meta({ description: 'While `live`, when the connection came up; while `connecting` or `retrying`, since when there has been none; while `polling` because the server has no IDLE, since when that is known.' }),
    lastError: z.string().nullable().meta({ description: 'While `retrying`: why the last attempt failed, in words (never a password).' }),
    nextAttemptAt: z.date().nullable().meta({ description: 'While `retrying`: when the next connection attempt is due (null while one is under way).' }),
    pollEverySeconds: z.number().int().nullable().meta({ description: 'The longest wait between two polls of IMAP_POLL_CRON (null when `off`, or when the schedule is not regular).' }),
  })
  .meta({ description: 'How replies to this mailbox are read: live (IMAP IDLE), by polling, or not at all.' });
export type ReplyReading = z.infer<typeof replyReadingOutput>;

/** What the API shows of a mailbox: never a password, only whether one is stored. */
export const mailboxOutput = z.object({
  id: z.string(),
  kind: z.enum(MAILBOX_KINDS),
  fromName: z.string(),
  fromEmail: z.string(),
  domain: z.string(),
  signature: z.string(),
  smtp: serverOutput.nullable(),
  imap: serverOutput.nullable(),
  dailyLimit: z.number(),
  minGapSeconds: z.number(),
  window: z.object({ start: z.string(), end: z.string(), days: z.array(z.number()), timezone: z.string() }),
  warmup: z.object({ enabled: z.boolean(), startPerDay: z.number(), incrementPerDay: z.number(), startedAt: z.date().nullable() }),
  status: z.enum(MAILBOX_STATUSES),
  pausedReason: z.string().nullable(),
  lastSentAt: z.date().nullable(),
  lastTest: checkOutcome,
  lastImapCheck: checkOutcome,
  replyReading: replyReadingOutput,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type MailboxView = z.infer<typeof mailboxOutput>;

export const smtpTestOutput = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  /** Where the message went (or would have gone). */
  to: z.string(),
  messageId: z.string().nullable(),
  /** For the sandbox: nothing was sent. */
  note: z.string().nullable(),
  mailbox: mailboxOutput,
});

export const imapCheckOutput = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  messages: z.number().nullable(),
  uidValidity: z.string().nullable(),
  mailbox: mailboxOutput,
});

const dnsStatus = z.enum(['ok', 'warning', 'missing', 'error']);
export const domainCheckResultSchema = z.object({
  checkedAt: z.string(),
  mx: z.object({ status: dnsStatus, records: z.array(z.string()), detail: z.string().optional() }),
  spf: z.object({ status: dnsStatus, record: z.string().nullable(), authorizesSmtpHost: z.boolean().nullable(), detail: z.string().optional(), expected: z.string().optional() }),
  dkim: z.object({ status: dnsStatus, selector: z.string().nullable(), record: z.string().nullable(), detail: z.string().optional(), expected: z.string().optional() }),
  dmarc: z.object({ status: dnsStatus, record: z.string().nullable(), policy: z.string().nullable(), detail: z.string().optional(), expected: z.string().optional() }),
});

export const domainOutput = z.object({
  id: z.string(),
  domain: z.string(),
  mailboxCount: z.number(),
  smtpHosts: z.array(z.string()),
  dkim: z.object({
    selector: z.string().nullable(),
    /** True when the app holds the private key (it generated the pair). */
    generated: z.boolean(),
    /** The TXT record to publish for the generated key. */
    recordName: z.string().nullable(),
    recordValue: z.string().nullable(),
  }),
  lastCheck: domainCheckResultSchema.nullable(),
  checkedAt: z.date().nullable(),
});
export type DomainView = z.infer<typeof domainOutput>;

export const selectorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Selector is required')
  .max(63, 'Selector must be at most 63 characters')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/, 'Use letters, digits and hyphens (e.g. google, selector1)');

export const bounceStatsOutput = z.object({
  days: z.number(),
  warnThreshold: z.number(),
  pauseThreshold: z.number(),
  mailboxes: z.array(z.object({ mailboxId: z.string(), sent: z.number(), bounces: z.number(), rate: z.number().nullable() })),
});
