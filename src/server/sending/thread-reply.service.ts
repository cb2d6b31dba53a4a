import { and, desc, eq, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { queryRows, type Db } from '../db/database.js';
import { aiDecisions, mailboxes, messages, prospects, sendingDomains } from '../db/schema/index.js';
import type { InstantlyReplyInput } from '../integrations/instantly.js';
import type { Logger } from '../logger.js';
import { textToHtml } from '../tracking/tracking-rules.js';
import { handleBounce } from './bounces.service.js';
import type { ComposedMail } from './compose.js';
import { markFailed, markSent, markUnknown, requeueAfterTransientError } from './message-states.js';
import { createMessageId } from './rules/message-headers.js';
import { isSuppressed } from './send-context.queries.js';
import type { DkimSource } from './send-claim.js';
import { SEND_LEASE_MS } from './send-tick.service.js';
import { sendThroughInstantly, type InstantlyReplyOutcome } from './instantly-reply.transport.js';
import { openMailboxTransport, type TransportOutcome } from './transport.js';

/**
 * An answer in the prospect's thread (the AI's automatic answer, an approved or edited draft, a
 * person's answer from the inbox), sent by the email engine at most once:
 *
 *   queue (scheduled, `send_at` = now + undo window) ─claim→ sending (lease) ─record→ sent | failed
 *                                                                 └─ lease expired → unknown
 *
 * One outbound row per AI decision (unique `ai_decision_id`), so a decision acted on twice queues
 * one message; the claim is a conditional update, so two workers send it once; a crash between
 * claim and record leaves it `sending` until the lease runs out, then `unknown` (never re-sent by
 * itself). Suppression and the prospect's stage are checked again at the claim.
 *
 * Two ways out, chosen when the answer is queued: the mailbox the reply came to (SMTP), or, in a
 * thread Instantly carries (the reply arrived by its webhook, with its email id and account),
 * Instantly's reply endpoint from that account (instantly-reply.transport.ts). Same states, same
 * checks, same undo window.
 */

export type QueueThreadReplyInput = {
  /** The inbound message answered. */
  inboundMessageId: string;
  subject?: string | null;
  body: string;
  sendAt: Date;
  aiDecisionId?: string | null;
  sentByAi: boolean;
};

export type QueueThreadReplyResult = { kind: 'queued'; messageId: string } | { kind: 'refused'; why: 'not_found' | 'no_address' | 'suppressed' | 'no_mailbox' | 'already_queued' };

const STOPPING_STAGES = new Set(['unsubscribed', 'bounced']);

export function replySubject(subject: string | null | undefined): string {
  const original = (subject ?? '').replace(/[\r\n]+/g, ' ').trim();
  if (!original) return 'Re:';
  return /^(re|aw|sv|tr)\s?:/i.test(original) ? original : `Re: ${original}`;
}

export async function queueThreadReply(db: Db, input: QueueThreadReplyInput): Promise<QueueThreadReplyResult> {
  const [inbound] = await db.select().from(messages).where(and(eq(messages.id, input.inboundMessageId), eq(messages.direction, 'inbound')));
  if (!inbound) return { kind: 'refused', why: 'not_found' };
  const [person] = await db.select({ email: prospects.email }).from(prospects).where(eq(prospects.id, inbound.prospectId));
  // The answer goes to whoever wrote (a colleague answering for the prospect included).
  const to = (inbound.fromEmail ?? person?.email ?? '').trim().toLowerCase();
  if (!to) return { kind: 'refused', why: 'no_address' };
  if (await isSuppressed(db, to)) return { kind: 'refused', why: 'suppressed' };
  // Instantly carries this thread: it answers from its account; our mailboxes never wrote to this person.
  const instantlyAccount = inbound.instantlyEmailId && inbound.instantlyAccount ? inbound.instantlyAccount : null;
  const mailbox = instantlyAccount ? null : await answeringMailbox(db, inbound);
  if (!mailbox && !instantlyAccount) return { kind: 'refused', why: 'no_mailbox' };
  const references = [...inbound.references.filter((id) => id !== inbound.messageIdHeader), ...(inbound.messageIdHeader ? [inbound.messageIdHeader] : [])].slice(-20);
  const [row] = await db
    .insert(messages)
    .values({
      workspaceId: inbound.workspaceId,
      prospectId: inbound.prospectId,
      campaignId: inbound.campaignId,
      mailboxId: mailbox?.id ?? null,
      direction: 'outbound',
      state: 'scheduled',
      // Instantly writes its own Message-ID: recorded from its answer once the email has left.
      messageIdHeader: mailbox ? createMessageId(mailbox.fromEmail) : null,
      inReplyTo: inbound.messageIdHeader,
      references,
      fromEmail: mailbox?.fromEmail ?? instantlyAccount,
      instantlyAccount,
      toEmail: to,
      subject: input.subject?.trim() ? input.subject.replace(/[\r\n]+/g, ' ').trim() : replySubject(inbound.subject),
      bodyText: input.body,
      sentByAi: input.sentByAi,
      scheduledAt: input.sendAt,
      replyToMessageId: inbound.id,
      aiDecisionId: input.aiDecisionId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  if (!row) return { kind: 'refused', why: 'already_queued' };
  return { kind: 'queued', messageId: row.id };
}

/** The mailbox the reply came to, else the one that last wrote to this prospect. */
async function answeringMailbox(db: Db, inbound: typeof messages.$inferSelect): Promise<{ id: string; fromEmail: string } | null> {
  if (inbound.mailboxId) {
    const [own] = await db.select({ id: mailboxes.id, fromEmail: mailboxes.fromEmail }).from(mailboxes).where(eq(mailboxes.id, inbound.mailboxId));
    if (own) return own;
  }
  const [last] = await db
    .select({ id: mailboxes.id, fromEmail: mailboxes.fromEmail })
    .from(messages)
    .innerJoin(mailboxes, eq(mailboxes.id, messages.mailboxId))
    .where(and(eq(messages.prospectId, inbound.prospectId), eq(messages.direction, 'outbound'), eq(messages.state, 'sent')))
    .orderBy(desc(messages.sentAt))
    .limit(1);
  return last ?? null;
}

/** Cancels a queued answer that has not been claimed yet (the undo window). False when it is too late. */
export async function cancelThreadReply(db: Db, messageId: string): Promise<boolean> {
  return markFailed(db, messageId, 'Cancelled before it was sent', { from: ['scheduled'] });
}

export type ThreadReplyDeps = { inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>; config: Config; secretBox: SecretBox; logger: Logger };
export type ThreadReplySendResult = 'sent' | 'not_due' | 'taken' | 'refused' | 'failed' | 'retry' | 'unknown';

type MessageRow = typeof messages.$inferSelect;
type ReplyChannel = { channel: 'mailbox'; mail: ComposedMail; mailbox: typeof mailboxes.$inferSelect; dkim: DkimSource | null } | { channel: 'instantly'; reply: InstantlyReplyInput };
type ClaimedReply = ReplyChannel & { row: MessageRow };

/** Everything one channel needs to send, read before the claim; a string is the refusal. */
async function channelOf(db: Db, row: MessageRow): Promise<ReplyChannel | string> {
  if (!row.mailboxId && row.instantlyAccount) {
    const [answered] = row.replyToMessageId ? await db.select({ emailId: messages.instantlyEmailId }).from(messages).where(eq(messages.id, row.replyToMessageId)) : [];
    if (!answered?.emailId) return 'instantly_thread_unknown';
    const text = row.bodyText;
    return { channel: 'instantly', reply: { eaccount: row.instantlyAccount, replyToUuid: answered.emailId, subject: row.subject, text, html: textToHtml(text) } };
  }
  const [mailbox] = row.mailboxId ? await db.select().from(mailboxes).where(eq(mailboxes.id, row.mailboxId)) : [];
  if (!mailbox) return 'mailbox_deleted';
  if (!row.messageIdHeader || !row.toEmail) return 'no_message_id';
  const domain = mailbox.fromEmail.slice(mailbox.fromEmail.lastIndexOf('@') + 1).toLowerCase();
  const [key] = await db.select({ selector: sendingDomains.dkimSelector, ciphertext: sendingDomains.dkimPrivateKeyCiphertext }).from(sendingDomains).where(eq(sendingDomains.domain, domain));
  const dkim = key?.selector && key.ciphertext ? { domain, selector: key.selector, privateKeyCiphertext: key.ciphertext } : null;
  const mail: ComposedMail = {
    from: { name: mailbox.fromName, address: mailbox.fromEmail },
    to: { name: '', address: row.toEmail },
    subject: row.subject,
    messageId: row.messageIdHeader,
    ...(row.inReplyTo ? { inReplyTo: row.inReplyTo } : {}),
    ...(row.references.length ? { references: row.references } : {}),
    headers: {},
    text: row.bodyText,
    html: null,
    // A conversation answer is never tracked: no pixel, no rewritten links.
    links: [],
  };
  return { channel: 'mailbox', mail, mailbox, dkim };
}

async function claimReply(db: Db, messageId: string, now: Date, leaseMs: number): Promise<ClaimedReply | ThreadReplySendResult> {
  const [locked] = await queryRows<{ id: string }>(db, sql`select id from messages where id = ${messageId} and state = 'scheduled' and reply_to_message_id is not null for update skip locked`);
  if (!locked) return 'taken';
  const [row] = await db.select().from(messages).where(eq(messages.id, messageId));
  if (!row?.toEmail || (!row.mailboxId && !row.instantlyAccount)) return 'taken';
  if (row.scheduledAt && row.scheduledAt > now) return 'not_due';
  const refuse = async (why: string): Promise<ThreadReplySendResult> => {
    await markFailed(db, row.id, `Not sent: ${why}`, { from: ['scheduled'] });
    if (row.aiDecisionId) await db.update(aiDecisions).set({ status: 'send_failed' }).where(eq(aiDecisions.id, row.aiDecisionId));
    return 'refused';
  };
  const [person] = await db.select({ stage: prospects.stage }).from(prospects).where(eq(prospects.id, row.prospectId));
  if (!person) return refuse('prospect_deleted');
  if (STOPPING_STAGES.has(person.stage)) return refuse(person.stage);
  if (await isSuppressed(db, row.toEmail)) return refuse('suppressed');
  const channel = await channelOf(db, row);
  if (typeof channel === 'string') return refuse(channel);
  const claimed = await db
    .update(messages)
    .set({ state: 'sending', leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(messages.id, row.id), eq(messages.state, 'scheduled')))
    .returning({ id: messages.id });
  if (!claimed.length) return 'taken';
  if (channel.channel === 'mailbox') await db.update(mailboxes).set({ lastSentAt: now }).where(eq(mailboxes.id, channel.mailbox.id));
  return { ...channel, row };
}

/** What left (or did not) through either channel, in the terms the record step needs. */
type ReplyOutcome = TransportOutcome | InstantlyReplyOutcome;

async function transmit(deps: ThreadReplyDeps, claim: ClaimedReply, now: Date): Promise<ReplyOutcome> {
  if (claim.channel === 'instantly') return sendThroughInstantly(deps, claim.reply, now);
  const transport = await openMailboxTransport(claim.mailbox, deps.config, deps.secretBox).catch((error: unknown) => {
    deps.logger.warn({ err: error, mailboxId: claim.mailbox.id }, 'could not open the mailbox transport');
    return null;
  });
  try {
    return transport ? await transport.send(claim.mail, claim.dkim) : { kind: 'not_sent', error: 'The mailbox transport could not be opened', mailboxProblem: true };
  } finally {
    transport?.close();
  }
}

/** Without a Retry-After, a rate-limited answer waits this long. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Claim → transport (no transaction open) → record, for one queued answer. */
export async function sendThreadReply(deps: ThreadReplyDeps, messageId: string, options: { now?: Date; leaseMs?: number } = {}): Promise<ThreadReplySendResult> {
  const now = options.now ?? new Date();
  const claim = await deps.inWorkspace((db) => claimReply(db, messageId, now, options.leaseMs ?? SEND_LEASE_MS));
  if (typeof claim === 'string') return claim;
  const outcome = await transmit(deps, claim, now);
  const decisionId = claim.row.aiDecisionId;
  return deps.inWorkspace(async (db) => {
    const setDecision = (status: 'sent' | 'send_failed') => (decisionId ? db.update(aiDecisions).set({ status }).where(eq(aiDecisions.id, decisionId)) : Promise.resolve());
    switch (outcome.kind) {
      case 'accepted':
        if (!(await markSent(db, messageId, now))) return 'unknown';
        if ('raw' in outcome && outcome.raw) await db.update(messages).set({ rawSource: Buffer.from(outcome.raw, 'utf8') }).where(eq(messages.id, messageId));
        if ('emailId' in outcome) await recordInstantlyEmail(db, messageId, outcome);
        await setDecision('sent');
        return 'sent';
      case 'hard_bounce':
        await markFailed(db, messageId, outcome.error, { bounce: true, at: now });
        await handleBounce(db, { email: claim.row.toEmail ?? '', kind: 'hard', diagnostic: outcome.error, messageId, at: now });
        await setDecision('send_failed');
        return 'failed';
      case 'refused':
        await markFailed(db, messageId, outcome.error);
        await setDecision('send_failed');
        return 'failed';
      case 'rate_limited':
        await requeueAfterTransientError(db, messageId, new Date(now.getTime() + (outcome.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS)), outcome.error, { countsAsAttempt: false });
        return 'retry';
      case 'soft_bounce':
      case 'not_sent':
        if (claim.row.softBounces + 1 >= 3) {
          await markFailed(db, messageId, `Gave up after 3 attempts: ${outcome.error}`);
          await setDecision('send_failed');
          return 'failed';
        }
        await requeueAfterTransientError(db, messageId, new Date(now.getTime() + 5 * 60_000 * 2 ** claim.row.softBounces), outcome.error);
        return 'retry';
      case 'unknown':
        await markUnknown(db, messageId, outcome.error);
        return 'unknown';
    }
  });
}

/** Instantly's id and Message-ID of the email it sent, so the thread goes on from it (a Message-ID already held is left out). */
async function recordInstantlyEmail(db: Db, messageId: string, sent: { emailId: string | null; messageId: string | null }): Promise<void> {
  const header = sent.messageId?.trim() || null;
  const [taken] = header ? await db.select({ id: messages.id }).from(messages).where(eq(messages.messageIdHeader, header)).limit(1) : [];
  await db
    .update(messages)
    .set({ instantlyEmailId: sent.emailId, ...(header && !taken ? { messageIdHeader: header } : {}) })
    .where(eq(messages.id, messageId));
}
