import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { aiDecisions, mailboxes, messages, prospects, workspaces } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { agentDecideJob } from '../agent/jobs.js';
import { enqueue } from '../jobs/queue.js';
import { handleBounce } from '../sending/bounces.service.js';
import { deferProspectSequences, holdProspectSequences, stopProspectSequences } from '../sending/sequence-control.service.js';
import { detectAutoReply } from './auto-reply.js';
import { detectBounce } from './delivery-status.js';
import type { InboundMail } from './inbound-mail.js';
import { sqlThreadLookup } from './thread-lookup.queries.js';
import { matchThread, type OutboundMessageRef } from './thread-match.js';

/**
 * The one entry point for inbound mail, whichever door it came through (IMAP, the generic
 * webhook, Instantly, the sandbox's "simulate a reply"): dedupe → delivery failure → thread match →
 * store (the full message) → automatic replies → the reply stops the sequence → the agent decides
 * (job `agent.decide`, enqueued in this transaction so a stored reply is never left undecided).
 *
 * Only mail from the prospect (or their company's domain) to one of our mailboxes, answering what
 * we sent, is a reply; our own messages never are. Everything else is `ignored` and not stored
 * (there is no prospect to keep it under).
 */
/**
 * `sentElsewhere`: the message answered was sent by another tool (Instantly) on our behalf, so no
 * row of ours carries its Message-ID; the sender already told us which prospect and campaign it is.
 * `instantly`: the reply came through Instantly, which can answer it in its thread (its email id
 * and the sending account are kept on the stored message for that).
 */
export type IngestSource = {
  kind: 'imap' | 'webhook' | 'instantly' | 'sandbox';
  mailboxId?: string;
  sentElsewhere?: { prospectId: string; prospectEmail: string; campaignId: string | null };
  instantly?: { emailId: string; account: string };
};

/** The thread of a message another tool sent: the prospect and campaign, no message row of ours. */
function threadSentElsewhere(known: NonNullable<IngestSource['sentElsewhere']>, now: Date): OutboundMessageRef {
  return { id: null, messageId: '', prospectId: known.prospectId, prospectEmail: known.prospectEmail, prospectCompanyDomain: null, campaignId: known.campaignId, mailboxAddress: '', sentAt: now };
}
export type IngestDeps = {
  now?: () => Date;
  /** The message as received (IMAP source, Instantly raw), kept byte for byte. */
  rawSource?: Buffer | null;
};
export type IngestResult = {
  status: 'stored' | 'duplicate' | 'ignored';
  messageId?: string;
  /** Why it was ignored, or what was recognised (bounce, out_of_office, automatic, reply). */
  reason?: string;
  /** The `agent.decide` job to run (`runJobNow`) for a decision without waiting for a poll. */
  decisionJobId?: string;
};

const DAY_MS = 86_400_000;
const DEFAULT_ABSENCE_DAYS = 7;

export async function ingestInboundMail(db: Db, deps: IngestDeps, mail: InboundMail, source: IngestSource): Promise<IngestResult> {
  const now = deps.now?.() ?? new Date();
  const [workspace] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  if (!workspace) return { status: 'ignored', reason: 'no_workspace' };
  const headerId = mail.messageId ?? mail.dedupeKey;
  const [known] = await db.select({ id: messages.id, direction: messages.direction }).from(messages).where(eq(messages.messageIdHeader, headerId));
  if (known) return known.direction === 'outbound' ? { status: 'ignored', reason: 'own_message' } : { status: 'duplicate', messageId: known.id };

  const receivedBy = source.mailboxId ? ((await db.select({ email: mailboxes.fromEmail }).from(mailboxes).where(eq(mailboxes.id, source.mailboxId)))[0]?.email ?? null) : null;
  const lookup = sqlThreadLookup(db);
  const base = { workspaceId: workspace.id, now, deps, mail, source, headerId };

  const bounce = detectBounce(mail);
  if (bounce.kind === 'delivery_report') return { status: 'ignored', reason: 'delivery_report' };
  if (bounce.kind === 'bounce') {
    const original = bounce.originalMessageId ? (await lookup.outboundByMessageIds([bounce.originalMessageId]))[0] : undefined;
    const recipient = bounce.recipients[0]?.recipient ?? null;
    const outbound = original ?? (recipient ? (await lookup.outboundToAddress(recipient.toLowerCase()))[0] : undefined);
    if (!outbound) return { status: 'ignored', reason: 'unknown_bounce' };
    const stored = await storeInbound(db, base, outbound, { isBounce: true, isAutoReply: false });
    if (!stored) return { status: 'duplicate' };
    if (bounce.severity === 'hard') {
      const diagnostic = bounce.recipients.map((entry) => entry.diagnosticCode ?? entry.status ?? '').find(Boolean) ?? 'Delivery failure report';
      for (const entry of bounce.recipients.length ? bounce.recipients : [{ recipient: outbound.prospectEmail }]) {
        await handleBounce(db, { email: entry.recipient || outbound.prospectEmail, kind: 'hard', diagnostic, ...(outbound.id ? { messageId: outbound.id } : {}), at: now });
      }
    }
    await recordDecision(db, base, stored, outbound, { intent: 'bounce', action: 'bounce', reason: `Delivery failure report (${bounce.severity}${bounce.certainty === 'rfc3464' ? ', RFC 3464' : ''})`, remindAt: null });
    return { status: 'stored', messageId: stored, reason: 'bounce' };
  }

  const verdict = await matchThread({ ...mail, receivedBy }, lookup);
  if (verdict.kind === 'not_reply' && !source.sentElsewhere) return { status: 'ignored', reason: verdict.reason };
  const outbound = verdict.kind === 'reply' ? verdict.outbound : threadSentElsewhere(source.sentElsewhere!, now);
  const auto = detectAutoReply(mail, { now });
  const machine = auto.kind === 'automatic' || (auto.kind === 'out_of_office' && auto.certainty === 'high');
  const stored = await storeInbound(db, base, outbound, { isBounce: false, isAutoReply: machine });
  if (!stored) return { status: 'duplicate' };

  if (auto.kind === 'out_of_office' && auto.certainty === 'high') {
    const until = auto.returnDate ? new Date(`${auto.returnDate.resumeOn}T08:00:00Z`) : new Date(now.getTime() + DEFAULT_ABSENCE_DAYS * DAY_MS);
    const resumeAt = until > now ? until : now;
    await deferProspectSequences(db, outbound.prospectId, resumeAt);
    const date = resumeAt.toISOString().slice(0, 10);
    const reason = auto.returnDate ? `Out of office until ${auto.returnDate.mentioned}: sequence resumes on ${date}` : `Out of office, no return date: sequence resumes on ${date}`;
    await recordDecision(db, base, stored, outbound, { intent: 'out_of_office', action: 'reschedule', reason, remindAt: resumeAt });
    return { status: 'stored', messageId: stored, reason: 'out_of_office' };
  }
  if (auto.kind === 'automatic') return { status: 'stored', messageId: stored, reason: 'automatic' };

  // A person answered: no further step leaves. A possible absence notice typed by hand is only held.
  if (auto.kind === 'out_of_office') await holdProspectSequences(db, outbound.prospectId);
  else await stopProspectSequences(db, outbound.prospectId, 'replied');
  await db
    .update(prospects)
    .set({ stage: 'replied', stageChangedAt: now })
    .where(and(eq(prospects.id, outbound.prospectId), inArray(prospects.stage, ['new', 'enriched', 'contacted'])));
  const job = await enqueue(db, agentDecideJob, { messageId: stored }, { workspaceId: workspace.id, campaignId: outbound.campaignId ?? undefined, dedupeKey: `agent.decide:${stored}` });
  return { status: 'stored', messageId: stored, reason: 'reply', decisionJobId: job.id };
}

type Base = { workspaceId: string; now: Date; deps: IngestDeps; mail: InboundMail; source: IngestSource; headerId: string };

async function storeInbound(db: Db, base: Base, outbound: OutboundMessageRef, flags: { isBounce: boolean; isAutoReply: boolean }): Promise<string | null> {
  const { mail, now } = base;
  const [parent] = outbound.id ? await db.select({ enrollmentId: messages.enrollmentId, mailboxId: messages.mailboxId }).from(messages).where(eq(messages.id, outbound.id)) : [];
  const [row] = await db
    .insert(messages)
    .values({
      workspaceId: base.workspaceId,
      prospectId: outbound.prospectId,
      campaignId: outbound.campaignId,
      enrollmentId: parent?.enrollmentId ?? null,
      mailboxId: base.source.mailboxId ?? parent?.mailboxId ?? null,
      direction: 'inbound',
      state: 'received',
      messageIdHeader: base.headerId,
      inReplyTo: mail.inReplyTo,
      references: mail.references.slice(-50),
      fromEmail: mail.from?.address ?? null,
      toEmail: mail.to[0]?.address ?? null,
      subject: mail.subject.slice(0, 998),
      bodyText: mail.text,
      bodyHtml: mail.html,
      rawSource: base.deps.rawSource ?? null,
      instantlyEmailId: base.source.instantly?.emailId ?? null,
      instantlyAccount: base.source.instantly?.account ?? null,
      isAutoReply: flags.isAutoReply,
      isBounce: flags.isBounce,
      receivedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  if (!row) return null;
  await recordEvent(db, {
    workspaceId: base.workspaceId,
    type: 'message.received',
    prospectId: outbound.prospectId,
    campaignId: outbound.campaignId,
    data: { messageId: row.id, subject: mail.subject.slice(0, 200), from: mail.from?.address ?? null, isBounce: flags.isBounce, isAutoReply: flags.isAutoReply, source: base.source.kind },
  });
  return row.id;
}

/** Decisions the ingestion settles itself (delivery failures, absence notices), recorded like the agent's. */
async function recordDecision(
  db: Db,
  base: Base,
  messageId: string,
  outbound: OutboundMessageRef,
  decision: { intent: 'bounce' | 'out_of_office'; action: 'bounce' | 'reschedule'; reason: string; remindAt: Date | null },
): Promise<void> {
  const [row] = await db
    .insert(aiDecisions)
    .values({
      workspaceId: base.workspaceId,
      messageId,
      prospectId: outbound.prospectId,
      intent: decision.intent,
      confidence: 1,
      reason: decision.reason,
      action: decision.action,
      provider: 'offline',
      status: 'applied',
      remindAt: decision.remindAt,
      latencyMs: 0,
    })
    .returning({ id: aiDecisions.id });
  await recordEvent(db, {
    workspaceId: base.workspaceId,
    type: 'ai.decision',
    prospectId: outbound.prospectId,
    campaignId: outbound.campaignId,
    data: { decisionId: row?.id ?? null, messageId, intent: decision.intent, confidence: 1, action: decision.action, reason: decision.reason, provider: 'offline', model: null, status: 'applied' },
  });
}

