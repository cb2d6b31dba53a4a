import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { workspaces } from '../db/schema/index.js';

export const BOUNCE_WINDOW_DAYS = 7;

/**
 * Bounce rate per mailbox over the last 7 days = bounces / sent, where
 * - sent: outbound messages of that mailbox in state `sent` with `sent_at` in the window;
 * - bounces: inbound messages flagged `is_bounce`, received in the window, that belong to that
 *   mailbox (received by it, or answering — In-Reply-To — a message it sent).
 * The rate is null when nothing was sent.
 */
export async function bounceStats(db: Db, workspaceId: string) {
  const [workspace] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  const rows = await queryRows<{ mailbox_id: string; sent: number; bounces: number }>(
    db,
    sql`select m.id as mailbox_id,
      (select count(*)::int from messages o
        where o.mailbox_id = m.id and o.direction = 'outbound' and o.state = 'sent'
          and o.sent_at > now() - make_interval(days => ${BOUNCE_WINDOW_DAYS})) as sent,
      (select count(*)::int from messages b
        where b.direction = 'inbound' and b.is_bounce
          and coalesce(b.received_at, b.created_at) > now() - make_interval(days => ${BOUNCE_WINDOW_DAYS})
          and (b.mailbox_id = m.id or exists (
            select 1 from messages o where o.mailbox_id = m.id and o.direction = 'outbound'
              and o.message_id_header is not null and o.message_id_header = b.in_reply_to))) as bounces
    from mailboxes m`,
  );
  return {
    days: BOUNCE_WINDOW_DAYS,
    warnThreshold: workspace?.settings.bounceWarnThreshold ?? 0.03,
    pauseThreshold: workspace?.settings.bouncePauseThreshold ?? 0.05,
    mailboxes: rows.map((row) => ({
      mailboxId: row.mailbox_id,
      sent: Number(row.sent),
      bounces: Number(row.bounces),
      rate: Number(row.sent) > 0 ? Number(row.bounces) / Number(row.sent) : null,
    })),
  };
}
