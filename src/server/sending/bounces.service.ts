import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { alerts, campaigns, enrollments, messages, prospects, suppressions, workspaces } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';

/**
 * The one bounce handler: a 5xx at send time, and later the delivery status notifications the reply
 * reader finds (RFC 3464: `Action: failed` + `Status: 5.x.x` is hard; 4.x.x / delayed is transient
 * and changes nothing here). A hard bounce: the prospect is `bounced`, the address suppressed for the
 * whole workspace, its sequence stopped, and the campaign's bounce rate checked.
 */

export const BOUNCE_RATE_WINDOW_DAYS = 7;
/** Below this many attempts in the window, a rate means nothing (one bounce in 3 is not 33 %). */
export const BOUNCE_RATE_MIN_SENT = 20;

export type BounceReport = {
  /** The bounced address (DSN `Final-Recipient`, or the envelope recipient at send time). */
  email: string;
  kind: 'hard' | 'soft';
  diagnostic: string;
  /** The outbound message it answers, by id or by its Message-ID header (DSNs quote it). */
  messageId?: string;
  messageIdHeader?: string;
  at: Date;
};

export async function handleBounce(db: Db, report: BounceReport): Promise<{ campaignPaused: boolean }> {
  if (report.kind === 'soft') return { campaignPaused: false };
  const email = report.email.trim().toLowerCase();
  const [message] = report.messageId
    ? await db.select().from(messages).where(eq(messages.id, report.messageId))
    : report.messageIdHeader
      ? await db.select().from(messages).where(and(eq(messages.messageIdHeader, report.messageIdHeader), eq(messages.direction, 'outbound')))
      : [];
  // A DSN arriving after the message was recorded sent: flag that message as bounced.
  if (message && message.state === 'sent' && !message.isBounce) await db.update(messages).set({ isBounce: true, error: report.diagnostic.slice(0, 500) }).where(eq(messages.id, message.id));

  const [workspace] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  if (!workspace) return { campaignPaused: false };
  await db.insert(suppressions).values({ workspaceId: workspace.id, kind: 'email', value: email, reason: 'bounce', source: report.diagnostic.slice(0, 200) }).onConflictDoNothing();
  const people = await db.select({ id: prospects.id, stage: prospects.stage, campaignId: prospects.campaignId }).from(prospects).where(sql`lower(${prospects.email}) = ${email}`);
  for (const person of people) {
    if (person.stage !== 'bounced') {
      await db.update(prospects).set({ stage: 'bounced', stageChangedAt: report.at }).where(eq(prospects.id, person.id));
      await recordEvent(db, { workspaceId: workspace.id, type: 'prospect.stage_changed', prospectId: person.id, campaignId: person.campaignId, data: { from: person.stage, to: 'bounced', reason: 'hard_bounce' } });
    }
    await db.update(enrollments).set({ state: 'stopped', stoppedReason: 'bounced', nextRunAt: null }).where(and(eq(enrollments.prospectId, person.id), inArray(enrollments.state, ['active', 'paused'])));
  }
  const campaignId = message?.campaignId ?? null;
  return { campaignPaused: campaignId ? await pauseOnBounceRate(db, campaignId, report.at) : false };
}

export async function campaignBounceRate(db: Db, campaignId: string, now: Date): Promise<{ attempted: number; bounced: number; rate: number | null }> {
  const since = new Date(now.getTime() - BOUNCE_RATE_WINDOW_DAYS * 86_400_000).toISOString();
  const [row] = await queryRows<{ attempted: number; bounced: number }>(
    db,
    sql`select count(*) filter (where state = 'sent' or is_bounce)::int as attempted, count(*) filter (where is_bounce)::int as bounced
        from messages where campaign_id = ${campaignId} and direction = 'outbound' and sent_at > ${since}`,
  );
  const attempted = Number(row?.attempted ?? 0);
  const bounced = Number(row?.bounced ?? 0);
  return { attempted, bounced, rate: attempted > 0 ? bounced / attempted : null };
}

/** Above the workspace's threshold (5 % by default) over 7 days, with at least 20 attempts: pause, alert. */
export async function pauseOnBounceRate(db: Db, campaignId: string, now: Date): Promise<boolean> {
  const stats = await campaignBounceRate(db, campaignId, now);
  if (stats.attempted < BOUNCE_RATE_MIN_SENT || stats.rate === null) return false;
  const [campaign] = await db.select({ id: campaigns.id, name: campaigns.name, status: campaigns.status, workspaceId: campaigns.workspaceId }).from(campaigns).where(eq(campaigns.id, campaignId)).for('update');
  if (campaign?.status !== 'active') return false;
  const [workspace] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, campaign.workspaceId));
  const threshold = workspace?.settings.bouncePauseThreshold ?? 0.05;
  if (stats.rate <= threshold) return false;
  const percent = Math.round(stats.rate * 1000) / 10;
  const reason = `Bounce rate ${percent}% over ${BOUNCE_RATE_WINDOW_DAYS} days (${stats.bounced} of ${stats.attempted}) is above ${Math.round(threshold * 1000) / 10}%`;
  // active → paused is always a legal move of the status machine; the engine makes it by itself here.
  await db.update(campaigns).set({ status: 'paused', pausedAt: now, autoPausedReason: reason }).where(eq(campaigns.id, campaignId));
  await db.insert(alerts).values({
    workspaceId: campaign.workspaceId,
    type: 'campaign.bounce_rate',
    severity: 'critical',
    title: `Campaign “${campaign.name}” paused: too many bounces`,
    message: reason,
    data: { campaignId, ...stats, threshold },
  });
  await recordEvent(db, { workspaceId: campaign.workspaceId, type: 'campaign.status_changed', campaignId, data: { from: 'active', to: 'paused', reason: 'bounce_rate' } });
  await recordEvent(db, { workspaceId: campaign.workspaceId, type: 'campaign.auto_paused', campaignId, data: { ...stats, threshold } });
  return true;
}
