import { and, asc, eq, ne, notInArray, sql } from 'drizzle-orm';
import { domainOf } from '../../shared/mailbox-rules.js';
import { isUniqueViolation } from '../db/errors.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { campaignMailboxes, campaigns, mailboxes } from '../db/schema/index.js';
import { AppError, fieldIssue, notFound } from '../errors.js';
import { mailServerHostProblem } from '../integrations/mail-server-guard.js';
import type { CreateMailboxInput, MailboxView, ServerInput, UpdateMailboxInput } from './mailbox.schemas.js';
import { ensureSendingDomain } from './domains.service.js';
import { replyReadingOf, type ReplyReadingSources } from './reply-reading.js';
import { openStoredSecret } from './stored-secrets.js';

export type MailboxRow = typeof mailboxes.$inferSelect;

/** What saving a mailbox needs besides the input: the box that seals passwords, the workspace, the private-host rule. */
export type MailboxWriteContext = { secretBox: SecretBox; workspaceId: string; allowPrivateHosts: boolean };

const duplicateEmail = (email: string) => new AppError('CONFLICT', `A mailbox with the address ${email} already exists`, { reason: 'mailbox.address_taken', params: { email }, issues: [fieldIssue(['fromEmail'], 'mailbox.address_taken', 'This address is already used by another mailbox')] });

/** The API's view of a mailbox: never a password, only whether one is stored; how its replies are read now. */
export function toMailboxView(row: MailboxRow, reading: ReplyReadingSources): MailboxView {
  const server = (host: string | null, port: number | null, secure: boolean | null, plaintext: boolean, user: string | null, ciphertext: string | null) =>
    host && port ? { host, port, secure: secure ?? false, plaintext: !secure && plaintext, user: user ?? '', hasPassword: Boolean(ciphertext) } : null;
  return {
    id: row.id,
    kind: row.kind,
    fromName: row.fromName,
    fromEmail: row.fromEmail,
    domain: domainOf(row.fromEmail),
    signature: row.signature,
    smtp: row.kind === 'sandbox' ? null : server(row.smtpHost, row.smtpPort, row.smtpSecure, row.smtpPlaintext, row.smtpUser, row.smtpPasswordCiphertext),
    imap: row.kind === 'sandbox' ? null : server(row.imapHost, row.imapPort, row.imapSecure, row.imapPlaintext, row.imapUser, row.imapPasswordCiphertext),
    dailyLimit: row.dailyLimit,
    minGapSeconds: row.minGapSeconds,
    window: { start: row.windowStart, end: row.windowEnd, days: row.windowDays, timezone: row.windowTimezone },
    warmup: { enabled: row.warmupEnabled, startPerDay: row.warmupStartPerDay, incrementPerDay: row.warmupIncrementPerDay, startedAt: row.warmupStartedAt },
    status: row.status,
    pausedReason: row.pausedReason,
    lastSentAt: row.lastSentAt,
    lastTest: row.lastTestAt ? { at: row.lastTestAt, ok: row.lastTestOk ?? false, error: row.lastTestError } : null,
    lastImapCheck: row.lastImapCheckAt ? { at: row.lastImapCheckAt, ok: row.lastImapCheckOk ?? false, error: row.lastImapCheckError } : null,
    replyReading: replyReadingOf(row, reading),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The sandbox first, then in the order they were added. */
export async function listMailboxes(db: Db): Promise<MailboxRow[]> {
  return db.select().from(mailboxes).orderBy(sql`${mailboxes.kind} = 'sandbox' desc`, asc(mailboxes.createdAt), asc(mailboxes.id));
}

export async function getMailbox(db: Db, id: string): Promise<MailboxRow> {
  const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, id)).limit(1);
  if (!row) throw notFound('Mailbox');
  return row;
}

async function assertEmailFree(db: Db, email: string, exceptId?: string): Promise<void> {
  const [taken] = await db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(eq(mailboxes.fromEmail, email), exceptId ? ne(mailboxes.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw duplicateEmail(email);
}

function assertWarmupFits(dailyLimit: number, warmup: { enabled: boolean; startPerDay: number }): void {
  if (warmup.enabled && warmup.startPerDay > dailyLimit) {
    throw new AppError('BAD_REQUEST', 'The warm-up cannot start above the daily limit', {
      reason: 'mailbox.warmup_above_limit',
      params: { dailyLimit },
      issues: [fieldIssue(['warmup', 'startPerDay'], { rule: 'mailbox.warmup_above_limit', dailyLimit }, `Start at most at the daily limit (${dailyLimit})`)],
    });
  }
}

/** Both passwords are sealed by the current key, so the one `key_id` column names it. */
function sealPasswords(secretBox: SecretBox, smtp: string | null, imap: string | null) {
  return {
    smtpPasswordCiphertext: smtp ? secretBox.seal(smtp).ciphertext : null,
    imapPasswordCiphertext: imap ? secretBox.seal(imap).ciphertext : null,
    keyId: smtp || imap ? secretBox.currentKeyId : null,
  };
}

function serverColumns(prefix: 'smtp' | 'imap', server: ServerInput | null) {
  return {
    [`${prefix}Host`]: server?.host ?? null,
    [`${prefix}Port`]: server?.port ?? null,
    [`${prefix}Secure`]: server?.secure ?? null,
    [`${prefix}Plaintext`]: server ? !server.secure && server.plaintext : false,
    [`${prefix}User`]: server ? server.user : null,
  } as Record<string, string | number | boolean | null>;
}

/** The same private-network rule as for webhook URLs: refused on save, and again at connect time. */
function assertHostsAllowed(servers: { smtp?: ServerInput | null; imap?: ServerInput | null }, allowPrivate: boolean): void {
  const issues = (['smtp', 'imap'] as const).flatMap((path) => {
    const host = servers[path]?.host;
    const problem = host ? mailServerHostProblem(host, allowPrivate) : null;
    return host && problem ? [fieldIssue([path, 'host'], { rule: 'host.private', host }, `Host ${problem}`)] : [];
  });
  if (issues.length) throw new AppError('BAD_REQUEST', issues.map((issue) => issue.message).join('; '), { reason: 'input.invalid', issues });
}

function requirePassword(server: ServerInput, path: 'smtp' | 'imap'): void {
  if (server.user && !server.password) {
    throw new AppError('BAD_REQUEST', 'A password is required', { reason: 'mailbox.password_required', issues: [fieldIssue([path, 'password'], 'required', 'Enter the password for this user')] });
  }
}

export async function createMailbox(db: Db, context: MailboxWriteContext, input: CreateMailboxInput): Promise<MailboxRow> {
  const { secretBox, workspaceId } = context;
  assertHostsAllowed(input, context.allowPrivateHosts);
  assertWarmupFits(input.dailyLimit, input.warmup);
  requirePassword(input.smtp, 'smtp');
  if (input.imap) requirePassword(input.imap, 'imap');
  await assertEmailFree(db, input.fromEmail);
  try {
    const [row] = await db
      .insert(mailboxes)
      .values({
        workspaceId,
        kind: 'smtp',
        // Not used for sending until a connection check passes (run right after saving).
        status: 'error',
        fromName: input.fromName,
        fromEmail: input.fromEmail,
        ...serverColumns('smtp', input.smtp),
        ...serverColumns('imap', input.imap ?? null),
        ...sealPasswords(secretBox, input.smtp.password || null, input.imap?.password || null),
        signature: input.signature,
        dailyLimit: input.dailyLimit,
        minGapSeconds: input.minGapSeconds,
        windowStart: input.window.start,
        windowEnd: input.window.end,
        windowDays: input.window.days,
        windowTimezone: input.window.timezone,
        warmupEnabled: input.warmup.enabled,
        warmupStartPerDay: input.warmup.startPerDay,
        warmupIncrementPerDay: input.warmup.incrementPerDay,
        warmupStartedAt: input.warmup.enabled ? new Date() : null,
      })
      .returning();
    await ensureSendingDomain(db, workspaceId, domainOf(input.fromEmail));
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail(input.fromEmail);
    throw error;
  }
}

const sameServer = (row: MailboxRow, prefix: 'smtp' | 'imap', next: ServerInput | null | undefined) =>
  next === undefined ||
  (next === null
    ? row[`${prefix}Host`] === null
    : row[`${prefix}Host`] === next.host && row[`${prefix}Port`] === next.port && row[`${prefix}Secure`] === next.secure && row[`${prefix}Plaintext`] === (!next.secure && next.plaintext) && row[`${prefix}User`] === next.user && !next.password);

/**
 * Applies the given fields; an omitted field or password keeps its stored value, `imap: null`
 * removes the IMAP settings. Changing a server's settings clears its last test result.
 */
export async function updateMailbox(db: Db, context: MailboxWriteContext, input: UpdateMailboxInput): Promise<MailboxRow> {
  const { secretBox, workspaceId } = context;
  const row = await getMailbox(db, input.id);
  if (row.kind === 'sandbox') {
    const locked = (['fromEmail', 'smtp', 'imap'] as const).filter((field) => input[field] !== undefined);
    if (locked.length) {
      throw new AppError('BAD_REQUEST', 'The sandbox mailbox stores mail in the app: its address and servers cannot be changed', {
        reason: 'mailbox.sandbox_locked',
        issues: locked.map((field) => fieldIssue([field], 'mailbox.sandbox_locked', 'Not editable on the sandbox mailbox')),
      });
    }
  }
  assertHostsAllowed(input, context.allowPrivateHosts);
  const dailyLimit = input.dailyLimit ?? row.dailyLimit;
  const warmup = input.warmup ?? { enabled: row.warmupEnabled, startPerDay: row.warmupStartPerDay, incrementPerDay: row.warmupIncrementPerDay };
  assertWarmupFits(dailyLimit, warmup);
  if (input.fromEmail && input.fromEmail !== row.fromEmail) await assertEmailFree(db, input.fromEmail, row.id);

  // Opened only when one password changes: both are re-sealed so the one key id stays true.
  const passwordsChanged = Boolean(input.smtp?.password || input.imap?.password || input.imap === null || (input.smtp && !input.smtp.user));
  if (input.smtp?.user && !input.smtp.password && !row.smtpPasswordCiphertext) requirePassword(input.smtp, 'smtp');
  if (input.imap?.user && !input.imap.password && !row.imapPasswordCiphertext) requirePassword(input.imap, 'imap');
  const sealed = () => {
    const stored = (ciphertext: string | null, what: 'SMTP password' | 'IMAP password') => (ciphertext ? openStoredSecret(secretBox, ciphertext, what) : null);
    const smtpPassword = input.smtp && !input.smtp.user ? null : input.smtp?.password || stored(row.smtpPasswordCiphertext, 'SMTP password');
    const imapPassword = input.imap === null ? null : input.imap?.password || stored(row.imapPasswordCiphertext, 'IMAP password');
    return sealPasswords(secretBox, smtpPassword, imapPassword);
  };
  const smtpChanged = !sameServer(row, 'smtp', input.smtp);
  const imapChanged = !sameServer(row, 'imap', input.imap);

  const values: Partial<typeof mailboxes.$inferInsert> = {
    ...(input.fromName !== undefined ? { fromName: input.fromName } : {}),
    ...(input.fromEmail !== undefined ? { fromEmail: input.fromEmail } : {}),
    ...(input.signature !== undefined ? { signature: input.signature } : {}),
    ...(input.dailyLimit !== undefined ? { dailyLimit: input.dailyLimit } : {}),
    ...(input.minGapSeconds !== undefined ? { minGapSeconds: input.minGapSeconds } : {}),
    ...(input.smtp ? serverColumns('smtp', input.smtp) : {}),
    ...(input.imap !== undefined ? serverColumns('imap', input.imap) : {}),
    ...(passwordsChanged ? sealed() : {}),
    ...(smtpChanged ? { lastTestAt: null, lastTestOk: null, lastTestError: null } : {}),
    // New server settings are unproven: out of sending until the check after saving passes.
    ...((smtpChanged || imapChanged) && row.kind !== 'sandbox' && row.status !== 'paused' ? { status: 'error' as const } : {}),
    ...(imapChanged ? { lastImapCheckAt: null, lastImapCheckOk: null, lastImapCheckError: null, imapUidValidity: null, imapLastUid: null } : {}),
    ...(input.window
      ? { windowStart: input.window.start, windowEnd: input.window.end, windowDays: input.window.days, windowTimezone: input.window.timezone }
      : {}),
    ...(input.warmup
      ? {
          warmupEnabled: input.warmup.enabled,
          warmupStartPerDay: input.warmup.startPerDay,
          warmupIncrementPerDay: input.warmup.incrementPerDay,
          // Turning warm-up on starts the ramp today; keeping it on keeps the ramp where it is.
          warmupStartedAt: input.warmup.enabled ? (row.warmupEnabled && row.warmupStartedAt ? row.warmupStartedAt : new Date()) : null,
        }
      : {}),
  };
  // An empty PATCH changes nothing: answered like any other update, with the stored mailbox.
  if (Object.keys(values).length === 0) return row;
  try {
    const [updated] = await db.update(mailboxes).set(values).where(eq(mailboxes.id, row.id)).returning();
    if (input.fromEmail && updated!.kind !== 'sandbox') await ensureSendingDomain(db, workspaceId, domainOf(input.fromEmail));
    return updated!;
  } catch (error) {
    if (isUniqueViolation(error) && input.fromEmail) throw duplicateEmail(input.fromEmail);
    throw error;
  }
}

/** Campaigns still running or to be run hold on to their mailboxes; finished ones let go. */
const FINISHED_CAMPAIGN_STATUSES = ['completed', 'archived'] as const;

export async function deleteMailbox(db: Db, id: string): Promise<void> {
  const row = await getMailbox(db, id);
  if (row.kind === 'sandbox') throw new AppError('CONFLICT', 'The sandbox mailbox is built in and cannot be deleted', { reason: 'mailbox.sandbox_undeletable' });
  const users = await db
    .select({ name: campaigns.name })
    .from(campaignMailboxes)
    .innerJoin(campaigns, eq(campaigns.id, campaignMailboxes.campaignId))
    .where(and(eq(campaignMailboxes.mailboxId, id), notInArray(campaigns.status, [...FINISHED_CAMPAIGN_STATUSES])))
    .orderBy(asc(campaigns.name));
  if (users.length) {
    const names = users.map((campaign) => `"${campaign.name}"`).join(', ');
    throw new AppError('CONFLICT', `This mailbox sends for ${users.length === 1 ? 'the campaign' : 'the campaigns'} ${names}: remove it from ${users.length === 1 ? 'that campaign' : 'those campaigns'} (or finish ${users.length === 1 ? 'it' : 'them'}) first`, { reason: 'mailbox.in_use', params: { campaigns: names } });
  }
  // Finished campaigns lose the link (cascade); sent messages keep their history with no mailbox.
  await db.delete(mailboxes).where(eq(mailboxes.id, id));
}

/**
 * Stores the outcome of a connection check (on save, "Send test email" or "Check IMAP"), now, and
 * the status it implies: `error` while the last SMTP check — or the last IMAP check, when IMAP is
 * set — failed or never ran, `active` once they pass. A paused mailbox stays paused.
 */
export async function recordServerCheck(db: Db, id: string, server: 'smtp' | 'imap', outcome: { ok: boolean; error: string | null }): Promise<MailboxRow> {
  const at = new Date();
  const columns =
    server === 'smtp'
      ? { lastTestAt: at, lastTestOk: outcome.ok, lastTestError: outcome.error }
      : { lastImapCheckAt: at, lastImapCheckOk: outcome.ok, lastImapCheckError: outcome.error };
  const [row] = await db.update(mailboxes).set(columns).where(eq(mailboxes.id, id)).returning();
  if (!row) throw notFound('Mailbox');
  if (row.kind === 'sandbox' || row.status === 'paused') return row;
  const proven = row.lastTestOk === true && (!row.imapHost || row.lastImapCheckOk === true);
  const status = proven ? 'active' : 'error';
  if (status === row.status) return row;
  const [updated] = await db.update(mailboxes).set({ status }).where(eq(mailboxes.id, id)).returning();
  return updated!;
}
