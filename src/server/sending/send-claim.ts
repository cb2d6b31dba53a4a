import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { campaigns, enrichments, enrollments, mailboxes, messages, prospects, sendingDomains, sequenceSteps, stepVariants, trackedLinks, workspaces } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { exclusionReason, loadIcpExclusions } from '../icp/exclusions.js';
import { cachedAddressVerification, UNKNOWN_RETRY_MS } from './address-checks.service.js';
import { composeMessage, type ComposedMail } from './compose.js';
import { claimMessage, markFailed } from './message-states.js';
import { precheckAddress } from './rules/address-verification.js';
import { localDayBounds } from './rules/local-time.js';
import { campaignSentSince, capacityOf, loadMailbox } from './send-plan.js';
import { isSuppressed } from './send-context.queries.js';

/**
 * The claim: one transaction that locks the message and its mailbox, checks everything again
 * (another instance may have sent, the user may have paused, the prospect may have unsubscribed a
 * second ago), renders, and marks the message `sending` with a lease. Nothing leaves unless this
 * commits; a message is claimed at most once.
 */

export type DkimSource = { domain: string; selector: string; privateKeyCiphertext: string };

export type Claimed = { kind: 'claimed'; messageId: string; mailboxId: string; campaignId: string; mail: ComposedMail; dkim: DkimSource | null };
export type ClaimResult = Claimed | { kind: 'skipped'; why: string } | { kind: 'held'; code: string } | { kind: 'refused'; why: string };

export type ClaimOptions = { now: Date; leaseMs: number; appUrl: string };

const STOPPING_STAGES = new Set(['unsubscribed', 'bounced']);

export async function claimForSend(db: Db, messageId: string, mailboxId: string, options: ClaimOptions): Promise<ClaimResult> {
  const { now } = options;
  const [message] = await queryRows<{ id: string }>(db, sql`select id from messages where id = ${messageId} and state = 'scheduled' for update skip locked`);
  if (!message) return { kind: 'skipped', why: 'taken' };
  const [row] = await db.select().from(messages).where(eq(messages.id, messageId));
  if (!row || !row.enrollmentId || !row.campaignId || row.stepPosition === null) return { kind: 'skipped', why: 'not_a_sequence_message' };

  // The mailbox row lock serialises every sender of this mailbox: caps and gap hold across instances.
  const mailbox = await loadMailbox(db, mailboxId, { lock: true });
  if (!mailbox || mailbox.status !== 'active') return { kind: 'skipped', why: 'mailbox_unavailable' };
  const capacity = await capacityOf(db, mailbox, now);
  if (capacity.remaining <= 0 || capacity.nextSendAt === null || capacity.nextSendAt > now) return { kind: 'skipped', why: capacity.binding };

  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, row.campaignId));
  if (!campaign || campaign.status !== 'active') return { kind: 'skipped', why: 'campaign_not_active' };
  if (campaign.dailyLimit !== null) {
    const { start } = localDayBounds(now, campaign.timezone);
    if ((await campaignSentSince(db, campaign.id, start)) >= campaign.dailyLimit) return { kind: 'skipped', why: 'campaign_cap' };
  }
  const [enrollment] = await db.select().from(enrollments).where(eq(enrollments.id, row.enrollmentId)).for('update');
  if (!enrollment || enrollment.state !== 'active' || enrollment.hold) return { kind: 'skipped', why: 'enrollment_not_active' };

  const [person] = await db.select().from(prospects).where(eq(prospects.id, row.prospectId));
  const stop = async (why: string): Promise<ClaimResult> => {
    await markFailed(db, messageId, `Not sent: ${why}`, { from: ['scheduled'] });
    await db.update(enrollments).set({ state: 'stopped', stoppedReason: why, nextRunAt: null }).where(eq(enrollments.id, enrollment.id));
    return { kind: 'refused', why };
  };
  if (!person?.email) return stop('no_email');
  if (STOPPING_STAGES.has(person.stage)) return stop(person.stage);
  if (await isSuppressed(db, person.email)) return stop('suppressed');
  if (exclusionReason(await loadIcpExclusions(db), person)) return stop('icp_excluded');
  const precheck = precheckAddress(person.email);
  if (!precheck.syntax.ok) return stop('address_invalid');
  if (campaign.verifyEmails && row.stepPosition === 0) {
    // The domain was looked up by the tick, outside this transaction; only the cached verdict is read here.
    const verification = await cachedAddressVerification(db, person.email, now);
    if (!verification) return { kind: 'skipped', why: 'address_unchecked' };
    if (verification.verdict === 'invalid') return stop('address_invalid');
    if (verification.verdict === 'risky' && campaign.riskyAddressPolicy === 'skip') return stop('address_risky');
    if (verification.verdict === 'unknown' && campaign.riskyAddressPolicy === 'skip' && mailbox.kind !== 'sandbox') {
      // No answer from DNS (no network): not a verdict on the address. It waits and is looked up again.
      // (The sandbox delivers nothing, so a trial with no network still shows its outbox.)
      await db.update(messages).set({ scheduledAt: new Date(now.getTime() + UNKNOWN_RETRY_MS) }).where(eq(messages.id, messageId));
      return { kind: 'skipped', why: 'address_unknown' };
    }
  }

  const [step] = await db.select().from(sequenceSteps).where(and(eq(sequenceSteps.campaignId, campaign.id), eq(sequenceSteps.position, row.stepPosition)));
  if (!step) return stop('step_removed');
  const variantIndex = row.variantIndex ?? 0;
  const [variant] = variantIndex > 0 ? await db.select().from(stepVariants).where(and(eq(stepVariants.stepId, step.id), eq(stepVariants.variantIndex, variantIndex))) : [];
  const subjectTemplate = variant?.subjectTemplate ?? step.subjectTemplate;
  const bodyTemplate = variant?.bodyTemplate ?? step.bodyTemplate;
  const [enrichment] = await db.select().from(enrichments).where(eq(enrichments.prospectId, person.id));
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, row.workspaceId));
  const [mailboxRow] = await db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
  if (!workspace || !mailboxRow) return { kind: 'skipped', why: 'gone' };
  const [previous] = await db
    .select({ messageId: messages.messageIdHeader, references: messages.references, subject: messages.subject })
    .from(messages)
    .where(and(eq(messages.enrollmentId, enrollment.id), eq(messages.direction, 'outbound'), eq(messages.state, 'sent'), lt(messages.stepPosition, row.stepPosition)))
    .orderBy(desc(messages.stepPosition))
    .limit(1);

  const newToken = () => randomBytes(16).toString('hex');
  const trackingToken = campaign.trackOpens || campaign.trackClicks ? newToken() : null;
  const language = enrichment?.language === 'en' || enrichment?.language === 'fr' ? enrichment.language : 'both';
  const composed = composeMessage({
    content: { subject: subjectTemplate, body: bodyTemplate, bodyFormat: step.bodyFormat },
    subjectTemplate,
    context: {
      prospect: person,
      enrichment: enrichment ?? null,
      sender: { fromName: mailboxRow.fromName, fromEmail: mailboxRow.fromEmail, signature: mailboxRow.signature, companyName: workspace.companyName },
    },
    seed: { prospectId: person.id, stepPosition: row.stepPosition, variantIndex },
    previous: previous?.messageId ? { messageId: previous.messageId, references: previous.references, subject: previous.subject } : null,
    from: { name: mailboxRow.fromName, address: mailboxRow.fromEmail },
    to: { name: person.fullName ?? ([person.firstName, person.lastName].filter(Boolean).join(' ') || null), address: person.email },
    appUrl: options.appUrl,
    unsubscribeToken: row.unsubscribeToken ?? '',
    postalAddress: workspace.postalAddress ?? '',
    companyName: workspace.companyName,
    language,
    ...(trackingToken ? { tracking: { opens: campaign.trackOpens, clicks: campaign.trackClicks, token: trackingToken, newLinkToken: newToken } } : {}),
  });
  if (!composed.ok) {
    // Held, never sent: the reason is kept on the enrolment until someone fixes the data or the step.
    await db.update(enrollments).set({ hold: { ...composed.hold }, heldAt: now }).where(eq(enrollments.id, enrollment.id));
    await recordEvent(db, { workspaceId: row.workspaceId, type: 'prospect.held', campaignId: campaign.id, prospectId: person.id, data: { messageId, hold: composed.hold } });
    return { kind: 'held', code: composed.hold.code };
  }
  const { mail } = composed;
  const claimed = await claimMessage(
    db,
    messageId,
    {
      mailboxId,
      fromEmail: mailboxRow.fromEmail,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
      messageIdHeader: mail.messageId,
      inReplyTo: mail.inReplyTo ?? null,
      references: mail.references ?? [],
      trackingToken,
    },
    new Date(now.getTime() + options.leaseMs),
  );
  if (!claimed) return { kind: 'skipped', why: 'taken' };
  // Stored before anything leaves: a redirect only ever goes to the URL recorded for its token.
  if (mail.links.length) await db.insert(trackedLinks).values(mail.links.map((link) => ({ workspaceId: row.workspaceId, messageId, token: link.token, url: link.url })));
  await db
    .update(mailboxes)
    .set({ lastSentAt: now, warmupStartedAt: sql`coalesce(${mailboxes.warmupStartedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(mailboxes.id, mailboxId));
  const domain = mailboxRow.fromEmail.slice(mailboxRow.fromEmail.lastIndexOf('@') + 1).toLowerCase();
  const [key] = await db
    .select({ selector: sendingDomains.dkimSelector, ciphertext: sendingDomains.dkimPrivateKeyCiphertext })
    .from(sendingDomains)
    .where(eq(sendingDomains.domain, domain));
  const dkim = key?.selector && key.ciphertext ? { domain, selector: key.selector, privateKeyCiphertext: key.ciphertext } : null;
  return { kind: 'claimed', messageId, mailboxId, campaignId: campaign.id, mail, dkim };
}
